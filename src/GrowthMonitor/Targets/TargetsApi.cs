using GrowthMonitor.Catalog;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Targets;

public static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/targets").WithTags("Targets");
        group.MapGet("/", ListTargets).WithSummary("Every target with its current status.");
        group.MapGet("/{id}", GetTarget).WithSummary("A target's status, figures, projection and expected path.");
        group.MapGet("/{id}/history", GetHistory).WithSummary("The stored evaluations of a target, one per period.");
        return group;
    }

    public static async Task<Ok<TargetSummary[]>> ListTargets(GrowthCatalog catalog, TargetEvaluations evaluations, CancellationToken cancellationToken)
    {
        List<TargetSummary> summaries = [];
        foreach (var target in catalog.Targets)
        {
            summaries.Add(TargetSummary.From(await evaluations.EvaluateAsync(target, endOfYear: null, cancellationToken)));
        }

        return TypedResults.Ok(summaries.ToArray());
    }

    public static async Task<Results<Ok<TargetDetail>, ProblemHttpResult>> GetTarget(string id, GrowthCatalog catalog, TargetEvaluations evaluations, CancellationToken cancellationToken) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok(TargetDetail.From(await evaluations.EvaluateAsync(target, endOfYear: null, cancellationToken)))
            : Problems.NotFound("target", id);

    public static async Task<Results<Ok<TargetHistoryPoint[]>, ProblemHttpResult>> GetHistory(
        string id, GrowthCatalog catalog, SeriesStore series, TargetStatusStore store, CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(id) is not { } target)
        {
            return Problems.NotFound("target", id);
        }

        // Without an ingested indicator there is no frequency, and no evaluation was ever stored.
        return await series.FrequencyAsync(target.Indicator.Id, cancellationToken) is { } frequency
            ? TypedResults.Ok((await store.HistoryAsync(target.Id, frequency, cancellationToken)).ToArray())
            : TypedResults.Ok(Array.Empty<TargetHistoryPoint>());
    }
}
