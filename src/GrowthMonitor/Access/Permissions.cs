using GrowthMonitor.Catalog;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>
/// What an actor may do, decided in one place: operators everything; members and machine keys within their grants —
/// a viewer reads its alliance, a contributor works on the targets of its focus areas (entering the figures of their
/// manual indicators for their areas, writing their notes, setting their goals), an admin does that for the whole
/// alliance and manages its members and keys. A refusal says what the caller may do, never what others hold.
/// </summary>
public sealed class Permissions(GrowthCatalog catalog, IOptions<SecurityOptions> security)
{
    /// <summary>Reads are public unless <c>Security:ProtectReads</c>; then the alliance's viewers (and up) and operators read it.</summary>
    public bool CanRead(Actor? actor, string alliance) =>
        !security.Value.ProtectReads || actor is { IsOperator: true } || actor?.Grants.Any(g => g.Alliance == alliance) == true;

    /// <summary>Works on a target: enters its figures, writes its notes, sets its goals.</summary>
    public bool CanContribute(Actor actor, CatalogTarget target) =>
        actor.IsOperator || actor.Grants.Any(g => g.Role >= MemberRole.Contributor && g.Covers(target.Spec.Alliance, target.Spec.FocusArea));

    /// <summary>Enters or withdraws figures of a manual indicator for these areas: each area a target the actor works on measures.</summary>
    public bool CanEnterFigures(Actor actor, IndicatorDefinition indicator, IEnumerable<string> areas) =>
        actor.IsOperator || areas.Distinct().All(area => catalog.TargetsOn(indicator.Id).Any(t => t.Spec.Areas.Contains(area) && CanContribute(actor, t)));

    public bool CanManage(Actor actor, string alliance) =>
        actor.IsOperator || actor.Grants.Any(g => g.Alliance == alliance && g.Role == MemberRole.Admin);

    /// <summary>401 for nobody, 403 for an actor without the grant, naming what the actor may do instead.</summary>
    public static ProblemHttpResult Refuse(Actor? actor, string what) => actor is null
        ? TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in or key required",
            detail: $"To {what}, sign in at /log-ind (a session cookie) or send a key in the {ApiKeyAuthenticationHandler.HeaderName} header.")
        : TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed",
            detail: $"{actor.Display} may not {what}. {MayDo(actor)}");

    /// <summary>The caller's own grants in words.</summary>
    public static string MayDo(Actor actor) => actor.IsOperator
        ? "An operator may do everything."
        : actor.Grants.Count == 0
            ? "It holds no role in any alliance."
            : "It holds: " + string.Join("; ", actor.Grants.Select(g =>
                $"{MemberRoles.Names.Of(g.Role)} in {g.Alliance}{(g.Role != MemberRole.Admin && g.FocusAreas.Count > 0 ? $" for {string.Join(", ", g.FocusAreas)}" : "")}")) + ".";
}
