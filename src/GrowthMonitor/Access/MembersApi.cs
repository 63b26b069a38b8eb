using GrowthMonitor.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Access;

/// <summary>A member as the API takes and shows it.</summary>
public sealed record MemberRequest(string? Email, string? Name, string? Role, IReadOnlyList<string>? FocusAreas);

public sealed record MemberView(string Email, string Name, MemberRole Role, IReadOnlyList<string> FocusAreas)
{
    public static MemberView From(Member member) => new(member.Email, member.Name, member.Role, member.FocusAreas);
}

/// <summary>A machine key as the API takes it, shows it, and (once) hands it over.</summary>
public sealed record KeyRequest(string? Name, string? Role, IReadOnlyList<string>? FocusAreas);

public sealed record KeyView(string Name, MemberRole Role, IReadOnlyList<string> FocusAreas, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static KeyView From(MachineKey key) => new(key.Name, key.Role, key.FocusAreas, key.CreatedBy, key.CreatedAt, key.LastUsedAt);
}

public sealed record KeyCreated(string Name, string Key, MemberRole Role, IReadOnlyList<string> FocusAreas);

/// <summary>What the caller is and holds, and the antiforgery token a browser sends with its changes.</summary>
public sealed record MeView(string Name, string? Email, ActorKind Kind, bool Operator, IReadOnlyList<Grant> Grants, string? AntiforgeryToken, string AntiforgeryHeader);

/// <summary>
/// An alliance's members and machine keys, for its admins and operators: <c>/api/alliances/{id}/members</c> and
/// <c>/api/alliances/{id}/keys</c>; and <c>/api/me</c> for whoever asks.
/// </summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        // A key (an operator's or the alliance's) or a session: the API reference says a key is needed.
        var alliances = app.MapGroup("/api/alliances/{id}").WithTags("Members and keys").WithMetadata(ApiKeyRequirement.Instance);
        alliances.MapGet("/members", ListMembers).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The alliance's members with role and focus areas (its admins and operators).");
        alliances.MapPost("/members", AddMember).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adds a member (viewer, contributor or admin) and sends them a Danish invitation with a sign-in link.");
        alliances.MapPut("/members/{email}", ChangeMember).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Changes a member's name, role and focus areas.");
        alliances.MapDelete("/members/{email}", RemoveMember).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Removes a member; their sessions no longer reach the alliance.");
        alliances.MapGet("/keys", ListKeys).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The alliance's machine keys: names, roles and last use, never the keys.");
        alliances.MapPost("/keys", CreateKey).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Makes a named machine key with a role and focus areas; the key is shown in this answer only.");
        alliances.MapDelete("/keys/{name}", RevokeKey).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Revokes a machine key at once.");
        app.MapGet("/api/me", Me).WithTags("Members and keys").WithMetadata(ApiKeyRequirement.Instance).ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Who the caller is, what they may do, and the antiforgery token a browser's changes carry.");
        return alliances;
    }

    public static async Task<Results<Ok<MemberView[]>, ProblemHttpResult>> ListMembers(string id, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.MembersAsync(id, actor, cancellationToken) switch
        {
            { Value: { } members } => TypedResults.Ok(members.Select(MemberView.From).ToArray()),
            var refused => refused.Problem!.ToProblem(actor, id, "see the alliance's members"),
        };

    public static async Task<Results<Created<MemberView>, ProblemHttpResult>> AddMember(
        string id, MemberRequest request, Actor? actor, MembersService service, HttpRequest http, CancellationToken cancellationToken) =>
        await service.InviteAsync(id, request, actor, http, cancellationToken) switch
        {
            { Value: { } member } => TypedResults.Created($"/api/alliances/{id}/members/{Uri.EscapeDataString(member.Email)}", MemberView.From(member)),
            var refused => refused.Problem!.ToProblem(actor, id, "add members"),
        };

    public static async Task<Results<Ok<MemberView>, ProblemHttpResult>> ChangeMember(
        string id, string email, MemberRequest request, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.ChangeAsync(id, email, request, actor, cancellationToken) switch
        {
            { Value: { } member } => TypedResults.Ok(MemberView.From(member)),
            var refused => refused.Problem!.ToProblem(actor, id, "change members"),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string id, string email, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.RemoveAsync(id, email, actor, cancellationToken) is { Problem: { } refused }
            ? refused.ToProblem(actor, id, "remove members")
            : TypedResults.NoContent();

    public static async Task<Results<Ok<KeyView[]>, ProblemHttpResult>> ListKeys(string id, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.KeysAsync(id, actor, cancellationToken) switch
        {
            { Value: { } keys } => TypedResults.Ok(keys.Select(KeyView.From).ToArray()),
            var refused => refused.Problem!.ToProblem(actor, id, "see the alliance's keys"),
        };

    public static async Task<Results<Created<KeyCreated>, ProblemHttpResult>> CreateKey(
        string id, KeyRequest request, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.CreateKeyAsync(id, request, actor, cancellationToken) switch
        {
            { Problem: { } refused } => refused.ToProblem(actor, id, "make keys"),
            { Value: var (secret, key) } => TypedResults.Created($"/api/alliances/{id}/keys/{Uri.EscapeDataString(key.Name)}", new KeyCreated(key.Name, secret, key.Role, key.FocusAreas)),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, string name, Actor? actor, MembersService service, CancellationToken cancellationToken) =>
        await service.RevokeKeyAsync(id, name, actor, cancellationToken) is { Problem: { } refused }
            ? refused.ToProblem(actor, id, "revoke keys")
            : TypedResults.NoContent();

    public static Results<Ok<MeView>, ProblemHttpResult> Me(Actor? actor, HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        actor is null
            ? Permissions.Refuse(null, "say who you are")
            : TypedResults.Ok(new MeView(actor.Name, actor.Email, actor.Kind, actor.IsOperator, actor.Grants,
                actor.Kind == ActorKind.Person ? antiforgery.GetAndStoreTokens(http).RequestToken : null, AccessSetup.AntiforgeryHeader));
}
