using GrowthMonitor.Access;
using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Presentation;
using GrowthMonitor.Reminders;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Home;

/// <summary>
/// What the front page shows: each alliance with its targets as the latest evaluation run judged them and the years
/// it has reports for, every indicator's freshness from the run log, and where the dashboards are.
/// </summary>
public sealed record FrontPage(
    DateTimeOffset GeneratedAt,
    DateTimeOffset? EvaluatedAt,
    IReadOnlyList<FrontPageAlliance> Alliances,
    IReadOnlyList<IndicatorSummary> Indicators,
    Uri? DashboardUrl)
{
    /// <summary>InfluxDB did not answer for the run log: the indicators are the catalog's, without their fetches.</summary>
    public bool RunLogUnavailable { get; init; }

    /// <summary>Who the figures are credited to: the service's <see cref="SourceCredit"/> (the demo's says they are invented).</summary>
    public SourceCredit Credit { get; init; } = SourceCredit.Real;
}

/// <summary>An alliance, its targets now, and the years of its annual reports (earliest baseline year to this year).</summary>
public sealed record FrontPageAlliance(string Id, string Name, IReadOnlyList<string> Areas, IReadOnlyList<TargetSummary> Targets, IReadOnlyList<int> ReportYears)
{
    /// <summary>The alliance's focus areas or collaboration groups, each with a follow-up report for each of the years.</summary>
    public IReadOnlyList<string> FocusAreas { get; init; } = [];

    public IReadOnlyList<StatusCount> StatusCounts => StatusCount.Of(Targets.Select(t => t.Evaluation.Status));

    /// <summary>
    /// The figures entered by hand for the alliance's targets whose deadline has passed, in words: "Lærepladser, Hedensted
    /// Kommune: Tal for 1. halvår 2026 mangler, fristen var 30. juli 2026".
    /// </summary>
    public IReadOnlyList<string> Overdue { get; init; } = [];

    /// <summary>By target id: the current early estimate of each target that has one.</summary>
    public IReadOnlyDictionary<string, FrontPageNowcast> Nowcasts { get; init; } = new Dictionary<string, FrontPageNowcast>();
}

/// <summary>A target's early estimate, with the title of the indicator it builds on.</summary>
public sealed record FrontPageNowcast(Nowcast Estimate, string IndicatorTitle);

public static partial class FrontPageEndpoint
{
    // Not output-cached like the other reads of the stored assessments: the page also shows the run log, which changes
    // with every fetch (also one that found nothing new and so queued no evaluation run).
    public static RouteHandlerBuilder MapFrontPage(this IEndpointRouteBuilder app) =>
        app.MapGet(SitePaths.FrontPage, GetFrontPage)
            .ExcludeFromDescription();

    /// <summary>
    /// The Danish front page, from the stored assessments and the run log; never judges a target itself. Its ETag names
    /// the evaluation run, the latest note and each indicator's latest fetch and freshness. While PostgreSQL is away the
    /// page still shows the statuses last loaded, and says that the freshness cannot be read. The page is framed for
    /// whoever asks (a visitor is offered sign-in, a signed-in person their goals), so the tag names them too.
    /// </summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> GetFrontPage(
        GrowthCatalog catalog, AssessmentSnapshot assessments, IngestRuns runs, DueFigures due, IOptions<AlertOptions> alerts, SourceCredit credit, PageFrames frames,
        TimeProvider time, HttpContext http, ILogger<FrontPage> logger, CancellationToken cancellationToken)
    {
        var frame = frames.For(http);
        var now = time.GetUtcNow();
        var today = DueFigures.Today(time);
        IndicatorSummary[] indicators;
        IReadOnlyList<DueFigure> overdue = [];
        var runLogUnavailable = false;
        try
        {
            indicators = await IndicatorSummary.ListAsync(catalog, runs, now, cancellationToken);
            overdue = await due.OverdueAsync(today, cancellationToken);
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            LogRunLogUnavailable(logger, e.Message);
            indicators = [.. catalog.Indicators.Select(indicator => IndicatorSummary.Of(indicator, [], now))];
            runLogUnavailable = true;
        }

        if (!runLogUnavailable)
        {
            // Every field of every indicator's summary (its records print them all): the tag changes whenever the
            // freshness table could, also with two fetches in one second; and who the page is framed for, so that a
            // browser that kept the page from before signing in gets the page with the person's links.
            var tag = StoredAssessmentResponses.Tag(assessments, string.Join('\n', indicators.Select(i => i.ToString()).Concat(overdue.Select(f => f.ToString())).Append(today.ToString("O")).Append(frame.SignedInAs ?? "")));
            if (StoredAssessmentResponses.NotModified(http, tag))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            http.Response.Headers.ETag = tag.ToString();
        }
        var alliances = catalog.Alliances.Select(alliance =>
        {
            var targets = catalog.TargetsOf(alliance).ToList();
            var firstYear = targets.Count == 0 ? now.Year : targets.Min(t => t.Definition.Baseline.Year);
            return new FrontPageAlliance(
                alliance.Id,
                alliance.Name,
                alliance.Areas,
                [.. targets.Select(t => TargetSummary.From(t, assessments.Of(t)))],
                [.. Enumerable.Range(firstYear, Math.Max(0, now.Year - firstYear + 1))])
            {
                FocusAreas = catalog.FocusAreasOf(alliance),
                Overdue = [.. overdue
                    .Where(figure => targets.Any(t => figure.TargetIds.Contains(t.Id)))
                    .Select(figure => $"{catalog.TitleOf(figure.IndicatorId)}, {Danish.AreasInText([figure.Area])}: {DueFigures.Describe(figure, today)}")],
                Nowcasts = targets
                    .Select(t => (t.Id, Estimate: assessments.Of(t).Assessment.Nowcast))
                    .Where(t => t.Estimate is not null)
                    .ToDictionary(t => t.Id, t => new FrontPageNowcast(t.Estimate!, catalog.TitleOf(t.Estimate!.BasedOn.Indicator)), StringComparer.Ordinal),
            };
        }).ToList();
        var page = new FrontPage(now, assessments.Run?.Time, alliances, indicators, alerts.Value.DashboardUrl) { RunLogUnavailable = runLogUnavailable, Credit = credit };
        return TypedResults.Content(await FrontPageView.RenderAsync(page, frame), ComponentHtml.ContentType);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The front page is shown without its freshness table: the run log could not be read ({Reason})")]
    private static partial void LogRunLogUnavailable(ILogger logger, string reason);
}
