using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Alliances;

public sealed record AreaView(string Code, string Name);

public sealed record AllianceSummary(string Id, string Name, IReadOnlyList<AreaView> Areas, int Targets);

/// <summary>An alliance and its targets, grouped by focus area in the order of <see cref="FocusAreas"/> (those without one last).</summary>
public sealed record AllianceDetail(string Id, string Name, IReadOnlyList<AreaView> Areas, IReadOnlyList<TargetSummary> Targets)
{
    public IReadOnlyList<string> FocusAreas { get; init; } = [];
}

public static class AlliancesApi
{
    public static RouteGroupBuilder MapAlliancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances").WithTags("Alliances");
        group.MapGet("/", ListAlliances).WithSummary("The alliances and how many targets each has.");
        group.MapGet("/{id}", GetAlliance).FromStoredAssessments().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("An alliance with its targets and their current status.");
        return group;
    }

    public static Ok<AllianceSummary[]> ListAlliances(GrowthCatalog catalog, Actor? actor, Permissions permissions) =>
        TypedResults.Ok(catalog.Alliances.Where(a => permissions.CanRead(actor, a.Id)).Select(a => new AllianceSummary(a.Id, a.Name, Areas(a), catalog.TargetsOf(a).Count())).ToArray());

    public static Results<Ok<AllianceDetail>, ProblemHttpResult> GetAlliance(string id, GrowthCatalog catalog, AssessmentSnapshot assessments) =>
        catalog.FindAlliance(id) is { } alliance
            ? TypedResults.Ok(new AllianceDetail(alliance.Id, alliance.Name, Areas(alliance), [.. catalog.TargetsOf(alliance).Select(t => TargetSummary.From(t, assessments))])
            {
                FocusAreas = catalog.FocusAreasOf(alliance),
            })
            : Problems.NotFound("alliance", id);

    private static AreaView[] Areas(AllianceDefinition alliance) => [.. alliance.Areas.Select(a => new AreaView(a, DanishAreas.NameOf(a)))];
}
