using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Indicators;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Nowcasts;

/// <summary>What the page on the early estimates shows: each indicator estimated early, and how well the method has done on it.</summary>
public sealed record NowcastPage(DateTimeOffset GeneratedAt, IReadOnlyList<NowcastPairing> Pairings)
{
    /// <summary>Who the figures are credited to: the service's <see cref="SourceCredit"/> (the demo's says they are invented).</summary>
    public SourceCredit Credit { get; init; } = SourceCredit.Real;
}

/// <summary>
/// An indicator estimated early from a leading one (the catalog's <c>nowcast.from</c>), the number of areas both have
/// figures for, and the method's record on them per quarter (<see cref="NowcastAccuracy"/>).
/// </summary>
public sealed record NowcastPairing(
    string Indicator,
    string Title,
    string? Unit,
    string Source,
    string Leading,
    string LeadingTitle,
    int Areas,
    IReadOnlyList<QuarterNowcastRecord> Record);

public static class NowcastPageEndpoint
{
    /// <summary>
    /// Public like the front page: it shows the method and its record on the indicators' figures, nothing of an alliance.
    /// The record changes only with the figures, and every new figure is followed by an evaluation run, so the page is
    /// cached and tagged like the responses built from the stored assessments.
    /// </summary>
    public static RouteHandlerBuilder MapNowcastPage(this IEndpointRouteBuilder app) =>
        app.MapGet(NowcastText.ExplanationPath, GetNowcastPage)
            .FromStoredAssessments()
            .ExcludeFromDescription();

    /// <remarks>
    /// Framed for whoever asks, as every page: the output cache keeps only the page for visitors nobody has signed in as
    /// (requests of a signed-in person are neither answered from it nor stored in it).
    /// </remarks>
    public static async Task<ContentHttpResult> GetNowcastPage(
        GrowthCatalog catalog, SeriesStore series, AssessmentSnapshot assessments, SourceCredit credit, PageFrames frames, TimeProvider time, HttpContext http,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        List<NowcastPairing> pairings = [];
        foreach (var pair in catalog.Indicators.Select(i => NowcastPair.Of(catalog, i)).OfType<NowcastPair>())
        {
            var (indicator, leading) = (pair.Indicator, pair.Leading);
            var areas = await pair.SharedAreasAsync(series, cancellationToken);
            pairings.Add(new NowcastPairing(indicator.Id, indicator.Title, indicator.Unit, indicator.SourceName, leading.Id, leading.Title, areas.Count, NowcastAccuracy.Of(areas)));
        }

        var page = new NowcastPage(time.GetUtcNow(), pairings) { Credit = credit };
        return TypedResults.Content(await NowcastPageView.RenderAsync(page, frames.For(http)), ComponentHtml.ContentType);
    }
}
