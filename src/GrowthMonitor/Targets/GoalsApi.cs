using System.Text.Json;
using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Targets;

/// <summary>What setting goals did: how many years changed, and the goals that now apply by year.</summary>
public sealed record GoalsWritten(string Target, int Changed, IReadOnlyList<TargetGoal> Goals);

public static class GoalsApi
{
    /// <summary>Routes under <c>/api/targets</c> for the yearly goals set through the service.</summary>
    public static RouteGroupBuilder MapTargetGoals(this RouteGroupBuilder targets)
    {
        targets.MapPut("/{id}/goals", PutGoals).WithMetadata(ApiKeyRequirement.Instance)
            .Accepts<Dictionary<string, double>>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Sets a yearly-goal target's goal for one or more years, {\"2027\": 30} (its contributors, admins, operators); "
                + "a goal set here wins over the catalog's for its year, is audited and the target judged again.")
            .WithDescription("Names are four-digit years, values JSON numbers greater than 0, each year within the target's span (after its baseline year, up to its end). "
                + "A year before the current one (in Denmark) is closed: only an operator may correct its goal; others get 400 naming the year. "
                + "A target of another kind is 409 naming its kind. Any bad year is 400 with `errors` by year, and nothing is written.");
        targets.MapGet("/{id}/goals/audit", GetAudit).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Every change to a target's goals set through the service: year, old and new goal, who set it and when.");
        return targets;
    }

    public static async Task<Results<Ok<GoalsWritten>, ProblemHttpResult>> PutGoals(
        string id, HttpRequest request, Actor? actor, GrowthCatalog catalog, Permissions permissions, TargetGoals goals, CancellationToken cancellationToken)
    {
        if (catalog.FindTarget(id) is not { } target)
        {
            return Problems.NotFound("target", id);
        }

        if (actor is null || !permissions.CanContribute(actor, target))
        {
            return Permissions.Refuse(actor, $"set the goals of {target.Id}");
        }

        if (TargetGoals.NotYearlyGoal(target) is { } notYearlyGoal)
        {
            return NotYearlyGoal(notYearlyGoal);
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported body",
                detail: "Send the goals as application/json: {\"2027\": 30}.");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Invalid([new(TargetGoals.BodyField, "The body is not JSON; send an object of year → goal, such as {\"2027\": 30}.", "Angiv årets mål.")]);
        }

        var (read, errors) = TargetGoals.Read(body);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await goals.SetAsync(target, read, actor, cancellationToken);
        return result switch
        {
            { Refused: { } refused } => NotYearlyGoal(refused),
            { Errors: [_, ..] bad } => Invalid(bad),
            _ => TypedResults.Ok(new GoalsWritten(target.Id, result.Changed.Count, await goals.EffectiveGoalsAsync(target, cancellationToken))),
        };
    }

    public static async Task<Results<Ok<GoalChange[]>, ProblemHttpResult>> GetAudit(string id, GrowthCatalog catalog, TargetGoals goals, CancellationToken cancellationToken) =>
        catalog.FindTarget(id) is { } target
            ? TypedResults.Ok((await goals.AuditAsync(target, cancellationToken)).ToArray())
            : Problems.NotFound("target", id);

    /// <summary>409: the target is of a kind that takes no goals (the API's answer and the target page's alike).</summary>
    internal static ProblemHttpResult NotYearlyGoal(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a yearly-goal target", detail: detail);

    /// <summary>400 with the problems by field (<c>errors</c>: year → messages), as ASP.NET Core's validation problems have them.</summary>
    private static ProblemHttpResult Invalid(IReadOnlyList<GoalError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid goals",
        detail: $"Nothing was written. {string.Join(" ", errors.Select(e => e.Message))}",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        });
}
