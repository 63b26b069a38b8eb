using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
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

    public static async Task<Results<Ok<MemberView[]>, ProblemHttpResult>> ListMembers(string id, Actor? actor, GrowthCatalog catalog, Permissions permissions, Members members, CancellationToken cancellationToken) =>
        Manage(id, actor, catalog, permissions, "see the alliance's members") is { } refused
            ? refused
            : TypedResults.Ok((await members.OfAllianceAsync(id, cancellationToken)).Select(MemberView.From).ToArray());

    public static async Task<Results<Created<MemberView>, ProblemHttpResult>> AddMember(
        string id, MemberRequest request, Actor? actor, GrowthCatalog catalog, Permissions permissions, Members members, SignInMail mail, HttpRequest http, CancellationToken cancellationToken)
    {
        if (Manage(id, actor, catalog, permissions, "add members") is { } refused)
        {
            return refused;
        }

        if (Check(catalog.FindAlliance(id)!, request, requireEmail: true) is { } invalid)
        {
            return invalid;
        }

        var member = new Member(id, Members.Normalize(request.Email!), request.Name!.Trim(), Role(request.Role), request.FocusAreas ?? []);
        if (!await members.AddAsync(member, actor!.Display, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a member", detail: $"{member.Email} is a member of {id} already; change them with PUT.");
        }

        await mail.InviteAsync(member, catalog.FindAlliance(id)!.Name, actor.Name, http, cancellationToken);
        return TypedResults.Created($"/api/alliances/{id}/members/{Uri.EscapeDataString(member.Email)}", MemberView.From(member));
    }

    public static async Task<Results<Ok<MemberView>, ProblemHttpResult>> ChangeMember(
        string id, string email, MemberRequest request, Actor? actor, GrowthCatalog catalog, Permissions permissions, Members members, CancellationToken cancellationToken)
    {
        if (Manage(id, actor, catalog, permissions, "change members") is { } refused)
        {
            return refused;
        }

        if (Check(catalog.FindAlliance(id)!, request, requireEmail: false) is { } invalid)
        {
            return invalid;
        }

        var member = new Member(id, Members.Normalize(email), request.Name!.Trim(), Role(request.Role), request.FocusAreas ?? []);
        return await members.UpdateAsync(member, actor!.Display, cancellationToken) is null
            ? Problems.NotFound("member", email)
            : TypedResults.Ok(MemberView.From(member));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string id, string email, Actor? actor, GrowthCatalog catalog, Permissions permissions, Members members, CancellationToken cancellationToken) =>
        Manage(id, actor, catalog, permissions, "remove members") is { } refused ? refused
        : await members.RemoveAsync(id, email, actor!.Display, cancellationToken) is null ? Problems.NotFound("member", email)
        : TypedResults.NoContent();

    public static async Task<Results<Ok<KeyView[]>, ProblemHttpResult>> ListKeys(string id, Actor? actor, GrowthCatalog catalog, Permissions permissions, MachineKeys keys, CancellationToken cancellationToken) =>
        Manage(id, actor, catalog, permissions, "see the alliance's keys") is { } refused
            ? refused
            : TypedResults.Ok((await keys.OfAllianceAsync(id, cancellationToken)).Select(KeyView.From).ToArray());

    public static async Task<Results<Created<KeyCreated>, ProblemHttpResult>> CreateKey(
        string id, KeyRequest request, Actor? actor, GrowthCatalog catalog, Permissions permissions, MachineKeys keys, CancellationToken cancellationToken)
    {
        if (Manage(id, actor, catalog, permissions, "make keys") is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64)
        {
            return Problems.BadRequest("Invalid key name", "name is required: 1–64 characters saying what the key is for, e.g. intranet.");
        }

        if (Check(catalog.FindAlliance(id)!, new MemberRequest(null, request.Name, request.Role, request.FocusAreas), requireEmail: false) is { } invalid)
        {
            return invalid;
        }

        var name = request.Name.Trim();
        return await keys.CreateAsync(id, name, Role(request.Role), request.FocusAreas ?? [], actor!.Display, cancellationToken) is { } created
            ? TypedResults.Created($"/api/alliances/{id}/keys/{Uri.EscapeDataString(name)}", new KeyCreated(name, created.Secret, created.Key.Role, created.Key.FocusAreas))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Key name taken", detail: $"{id} has a live key named '{name}'; revoke it first or choose another name.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, string name, Actor? actor, GrowthCatalog catalog, Permissions permissions, MachineKeys keys, CancellationToken cancellationToken) =>
        Manage(id, actor, catalog, permissions, "revoke keys") is { } refused ? refused
        : await keys.RevokeAsync(id, name, actor!.Display, cancellationToken) is null ? Problems.NotFound("key", name)
        : TypedResults.NoContent();

    public static Results<Ok<MeView>, ProblemHttpResult> Me(Actor? actor, HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        actor is null
            ? Permissions.Refuse(null, "say who you are")
            : TypedResults.Ok(new MeView(actor.Name, actor.Email, actor.Kind, actor.IsOperator, actor.Grants,
                actor.Kind == ActorKind.Person ? antiforgery.GetAndStoreTokens(http).RequestToken : null, AccessSetup.AntiforgeryHeader));

    /// <summary>404 for an unknown alliance, else 401/403 unless the actor manages it.</summary>
    private static ProblemHttpResult? Manage(string alliance, Actor? actor, GrowthCatalog catalog, Permissions permissions, string what) =>
        catalog.FindAlliance(alliance) is null ? Problems.NotFound("alliance", alliance)
        : actor is null || !permissions.CanManage(actor, alliance) ? Permissions.Refuse(actor, $"{what} of {alliance}")
        : null;

    private static ProblemHttpResult? Check(AllianceDefinition alliance, MemberRequest request, bool requireEmail)
    {
        if (requireEmail && (request.Email is not { } email || !Members.IsAddress(email)))
        {
            return Problems.BadRequest("Invalid e-mail", "email must be an e-mail address, e.g. anne.holm@hedensted.dk.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Problems.BadRequest("Invalid name", "name is required: the person's name, up to 200 characters.");
        }

        if (!MemberRoles.Names.TryParse(request.Role, out _))
        {
            return Problems.BadRequest("Invalid role", $"role '{request.Role}' is not one of {string.Join(", ", MemberRoles.Names.All)}.");
        }

        var known = alliance.FocusAreas ?? [];
        return (request.FocusAreas ?? []).FirstOrDefault(area => !known.Contains(area)) is { } unknown
            ? Problems.BadRequest("Invalid focus area", $"focus area '{unknown}' is not one of {alliance.Id}'s: {(known.Count == 0 ? "it has none" : string.Join(", ", known))}.")
            : null;
    }

    private static MemberRole Role(string? name) => MemberRoles.Names.TryParse(name, out var role) ? role : MemberRole.Viewer;
}
