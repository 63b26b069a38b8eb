using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
using GrowthMonitor.Security;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Targets;

public sealed record EvaluationAccepted(string JobId);

public static class TargetsApi
{
    /// <summary>The first year a follow-up can be about, in a report or a note; Statistics Denmark's municipal series start in the 2000s.</summary>
    public const int FirstYear = 1990;

    public static RouteGroupBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/targets").WithTags("Targets");
        group.MapGet("/", ListTargets).FromStoredAssessments().ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Every target with its status as the latest evaluation run judged it.");
        group.MapGet("/{id}", GetTarget).FromStoredAssessments().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("A target's status, figures, projection, expected path and actual figures, the early estimate (nowcast) of the first year not yet published, "
                + "and for a yearly-goal target the goal of each year with its source (catalog, or service with who set it and when).");
        group.MapGet("/{id}/history", GetHistory).FromStoredAssessments().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("How a target stood at each period since its baseline year.");
        group.MapTargetNotes();
        group.MapTargetGoals();
        group.MapPost("/evaluate", Evaluate).RequireApiKey().WithSummary("Queues an evaluation of every target now (operator key required).");
        return group;
    }

    public static Ok<TargetSummary[]> ListTargets(GrowthCatalog catalog, AssessmentSnapshot assessments, Actor? actor, Permissions permissions) =>
        TypedResults.Ok(catalog.Targets.Where(t => permissions.CanRead(actor, t.Spec.Alliance)).Select(t => TargetSummary.From(t, assessments)).ToArray());

    public static Results<Ok<TargetDetail>, ProblemHttpResult> GetTarget(string id, GrowthCatalog catalog, AssessmentSnapshot assessments) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok(TargetDetail.From(target, assessments))
            : Problems.NotFound("target", id);

    public static Results<Ok<TargetHistoryPoint[]>, ProblemHttpResult> GetHistory(string id, GrowthCatalog catalog, AssessmentSnapshot assessments) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok(assessments.Of(target).Assessment.History.Select(TargetHistoryPoint.From).ToArray())
            : Problems.NotFound("target", id);

    public static Accepted<EvaluationAccepted> Evaluate(Actor actor, IBackgroundJobClient jobs)
    {
        // The job's reason names the operator, so the jobs dashboard shows who asked.
        var jobId = jobs.Enqueue<EvaluationJob>(job => job.RunAsync($"on demand by {actor.Display}", CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new EvaluationAccepted(jobId));
    }
}
