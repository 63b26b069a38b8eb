using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.Indicators;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Reports;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
    Uri? DashboardUrl);

/// <summary>An alliance, its targets now, and the years of its annual reports (earliest baseline year to this year).</summary>
public sealed record FrontPageAlliance(string Id, string Name, IReadOnlyList<string> Areas, IReadOnlyList<TargetSummary> Targets, IReadOnlyList<int> ReportYears)
{
    public IReadOnlyList<StatusCount> StatusCounts => StatusCount.Of(Targets.Select(t => t.Evaluation.Status));
}

public static class FrontPageEndpoint
{
    // Not output-cached like the other reads of the stored assessments: the page also shows the run log, which changes
    // with every fetch (also one that found nothing new and so queued no evaluation run).
    public static RouteHandlerBuilder MapFrontPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/", GetFrontPage)
            .ExcludeFromDescription();

    /// <summary>
    /// The Danish front page, from the stored assessments and the run log; never judges a target itself. Its ETag names
    /// the evaluation run, the latest note and each indicator's latest fetch and freshness.
    /// </summary>
    public static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> GetFrontPage(
        GrowthCatalog catalog, AssessmentSnapshot assessments, IngestRuns runs, IOptions<AlertOptions> alerts, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var indicators = await IndicatorSummary.ListAsync(catalog, runs, now, cancellationToken);
        // Every field of every indicator's summary (its records print them all): the tag changes whenever the
        // freshness table could, also with two fetches in one second.
        var tag = StoredAssessmentResponses.Tag(assessments, string.Join('\n', indicators.Select(i => i.ToString())));
        if (StoredAssessmentResponses.IsNotModified(http.Request, tag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.ETag = tag.ToString();
        var alliances = catalog.Alliances.Select(alliance =>
        {
            var targets = catalog.TargetsOf(alliance).ToList();
            var firstYear = targets.Count == 0 ? now.Year : targets.Min(t => t.Definition.Baseline.Year);
            return new FrontPageAlliance(
                alliance.Id,
                alliance.Name,
                alliance.Areas,
                [.. targets.Select(t => TargetSummary.From(t, assessments.Of(t)))],
                [.. Enumerable.Range(firstYear, Math.Max(0, now.Year - firstYear + 1))]);
        }).ToList();
        var page = new FrontPage(now, assessments.Run?.Time, alliances, indicators, alerts.Value.DashboardUrl);
        return TypedResults.Text(FrontPageHtml.Render(page), "text/html; charset=utf-8");
    }
}
