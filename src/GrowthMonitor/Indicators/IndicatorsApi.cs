using GrowthMonitor.Configuration;
using GrowthMonitor.Catalog;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Indicators;

public sealed record IndicatorSummary(
    string Id,
    string Title,
    string? Table,
    string? Unit,
    string? Schedule,
    DateTimeOffset? LastSuccessfulRun,
    DateTimeOffset? TableUpdated,
    string? LatestPeriod,
    DateTimeOffset? LastRun,
    string? LastOutcome,
    string? LastError)
{
    /// <summary><c>statbank</c> or <c>manual</c> (figures entered through <c>PUT /api/indicators/{id}/values</c>).</summary>
    public string Source { get; init; } = IndicatorDefinition.StatBankSource;
}

public sealed record RefreshAccepted(string Indicator, string JobId);

public static class IndicatorsApi
{
    public static IHostApplicationBuilder AddIndicatorsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        return builder;
    }

    public static RouteGroupBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/indicators").WithTags("Indicators");
        group.MapGet("/", ListIndicators).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithSummary("Indicators with their last successful run, table update time and latest period.");
        group.MapPost("/{id}/refresh", Refresh).RequireApiKey().ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Queues an ingestion run now (operator key required).");
        group.MapSeries();
        return group;
    }

    public static async Task<Ok<IndicatorSummary[]>> ListIndicators(GrowthCatalog catalog, IngestRuns runs, CancellationToken cancellationToken)
    {
        var latest = (await runs.LatestAsync(cancellationToken)).ToLookup(r => r.Indicator);
        return TypedResults.Ok(catalog.Indicators.Select(indicator =>
        {
            var indicatorRuns = latest[indicator.Id].ToList();
            var success = indicatorRuns.Where(r => r.Outcome != IngestOutcome.Failed).MaxBy(r => r.Time);
            var last = indicatorRuns.MaxBy(r => r.Time);
            return new IndicatorSummary(
                indicator.Id, indicator.Title, indicator.Table, indicator.Unit, indicator.Schedule,
                success?.Time, success?.TableUpdated, success?.LatestPeriod,
                last?.Time, last?.Outcome, last?.Error)
            {
                Source = indicator.IsManual ? IndicatorDefinition.ManualSource : IndicatorDefinition.StatBankSource,
            };
        }).ToArray());
    }

    public static Results<Accepted<RefreshAccepted>, ProblemHttpResult> Refresh(string id, GrowthCatalog catalog, IBackgroundJobClient jobs)
    {
        if (catalog.FindIndicator(id) is null)
        {
            return Problems.NotFound("indicator", id);
        }

        var jobId = jobs.Enqueue<IngestJob>(job => job.RunAsync(id, null, CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new RefreshAccepted(id, jobId));
    }
}
