using GrowthMonitor.Catalog;
using GrowthMonitor.Configuration;
using GrowthMonitor.Http;
using GrowthMonitor.Ingestion;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Indicators;

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
        group.MapGet("/", ListIndicators).ProducesProblem(StatusCodes.Status503ServiceUnavailable).WithSummary("Indicators with their last successful run, table update time, latest period, last outcome, whether a scheduled fetch is overdue, and what one figure is (aggregation, figureMeans).");
        group.MapPost("/{id}/refresh", Refresh).RequireApiKey().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Queues an ingestion run now (operator key required); 409 for an indicator whose figures are entered by hand.");
        group.MapSeries();
        group.MapNowcasts();
        group.MapManualFigures();
        return group;
    }

    public static async Task<Ok<IndicatorSummary[]>> ListIndicators(GrowthCatalog catalog, IngestRuns runs, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await IndicatorSummary.ListAsync(catalog, runs, time.GetUtcNow(), cancellationToken));

    public static Results<Accepted<RefreshAccepted>, ProblemHttpResult> Refresh(string id, GrowthCatalog catalog, IBackgroundJobClient jobs)
    {
        if (catalog.FindIndicator(id) is not { } indicator)
        {
            return Problems.NotFound("indicator", id);
        }

        if (indicator.IsManual)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Figures are entered by hand",
                detail: $"Indicator '{indicator.Id}' has no source to fetch from; enter its figures with PUT /api/indicators/{indicator.Id}/values.");
        }

        var jobId = jobs.Enqueue<IngestJob>(job => job.RunAsync(id, null, CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new RefreshAccepted(id, jobId));
    }
}
