using GrowthMonitor.Catalog;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>
/// The read API: public, or with <c>Security:ProtectReads</c> on, for operators and for members and machine keys of
/// the alliances they hold a grant in. A request about one alliance (its page, its report, one of its targets and
/// their notes) answers 403 to a member of another; the lists show each caller only the alliances it may read
/// (<see cref="Permissions.CanRead"/>). Indicators and their official figures are read by every member.
/// </summary>
public static class ReadAccess
{
    public const string ReaderPolicy = "reader";

    public static RouteGroupBuilder RequireReadAccess(this RouteGroupBuilder group)
    {
        if (!((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<SecurityOptions>>().Value.ProtectReads)
        {
            return group;
        }

        group.RequireAuthorization(ReaderPolicy)
            .WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var services = http.RequestServices;
                var actor = Actor.Of(http);
                return AllianceOf(http, services.GetRequiredService<GrowthCatalog>()) is { } alliance && !services.GetRequiredService<Permissions>().CanRead(actor, alliance)
                    ? Permissions.Refuse(actor, $"read alliance {alliance}")
                    : await next(context);
            });
        return group;
    }

    /// <summary>An operator, or whoever holds a role in some alliance.</summary>
    public static bool IsReader(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(ApiKeys.OperatorRole) || user.HasClaim(claim => claim.Type == AccessClaims.Alliance);

    /// <summary>The alliance a request is about: named in <c>/api/alliances/{id}…</c>, or the alliance of the target in <c>/api/targets/{id}…</c>.</summary>
    private static string? AllianceOf(HttpContext http, GrowthCatalog catalog)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern } || http.GetRouteValue("id") is not string id)
        {
            return null;
        }

        return StartsWith(pattern, "api", "alliances") ? id
            : StartsWith(pattern, "api", "targets") ? catalog.FindTarget(id)?.Spec.Alliance
            : null;
    }

    private static bool StartsWith(RoutePattern pattern, params string[] literals) =>
        pattern.PathSegments.Count > literals.Length
        && literals.Select((literal, i) => pattern.PathSegments[i].Parts is [RoutePatternLiteralPart part] && part.Content == literal).All(matches => matches);
}
