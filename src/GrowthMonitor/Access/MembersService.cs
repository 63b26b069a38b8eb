using GrowthMonitor.Catalog;
using GrowthMonitor.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Access;

/// <summary>Why a change to an alliance's members or keys was refused.</summary>
public enum MembersFailure
{
    UnknownAlliance,
    NotAllowed,

    /// <summary>A field is wrong: <see cref="MembersProblem.Field"/> names it.</summary>
    Invalid,

    /// <summary>The member or key exists already.</summary>
    Conflict,

    /// <summary>No such member or key.</summary>
    NotFound,
}

/// <summary>
/// A refusal, said for the API (<see cref="Title"/> and <see cref="English"/>, a ProblemDetails) and for the members page
/// (<see cref="Danish"/>, next to the <see cref="Field"/> it is about: email, name, role, focusAreas).
/// </summary>
public sealed record MembersProblem(MembersFailure Failure, string? Field, string Title, string English, string Danish)
{
    /// <summary>The API's answer; <paramref name="what"/> says what the caller tried, for a refusal.</summary>
    public ProblemHttpResult ToProblem(Actor? actor, string alliance, string what) => Failure switch
    {
        MembersFailure.UnknownAlliance => Problems.NotFound("alliance", alliance),
        MembersFailure.NotAllowed => Permissions.Refuse(actor, $"{what} of {alliance}"),
        MembersFailure.Invalid => Problems.BadRequest(Title, English, Danish),
        MembersFailure.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: English),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Title, detail: English),
    };
}

/// <summary>What a change to members or keys gave: the result, or why not.</summary>
public readonly record struct MembersResult<T>(T? Value, MembersProblem? Problem)
{
    public static implicit operator MembersResult<T>(MembersProblem problem) => new(default, problem);
}

/// <summary>
/// An alliance's members and machine keys as its admins manage them, one method per change, for the API
/// (<see cref="MembersApi"/>) and the members page (<see cref="MembersPage"/>) alike: who may, what is valid, and the
/// change itself, written with its history by <see cref="Members"/> and <see cref="MachineKeys"/>.
/// </summary>
public sealed class MembersService(GrowthCatalog catalog, Permissions permissions, Members members, MachineKeys keys, SignInMail mail)
{
    /// <summary>Null when <paramref name="actor"/> manages the alliance; else unknown alliance or not allowed.</summary>
    public MembersProblem? Manage(string alliance, Actor? actor) =>
        catalog.FindAlliance(alliance) is null ? new(MembersFailure.UnknownAlliance, null, "Unknown alliance", $"There is no alliance '{alliance}'.", "Alliancen findes ikke.")
        : actor is null || !permissions.CanManage(actor, alliance) ? new(MembersFailure.NotAllowed, null, "Not allowed", "Not allowed.", "Du må ikke administrere alliancens medlemmer.")
        : null;

    public async Task<MembersResult<IReadOnlyList<Member>>> MembersAsync(string alliance, Actor? actor, CancellationToken cancellationToken) =>
        Manage(alliance, actor) is { } refused ? refused : new MembersResult<IReadOnlyList<Member>>(await members.OfAllianceAsync(alliance, cancellationToken), null);

    public async Task<MembersResult<IReadOnlyList<MachineKey>>> KeysAsync(string alliance, Actor? actor, CancellationToken cancellationToken) =>
        Manage(alliance, actor) is { } refused ? refused : new MembersResult<IReadOnlyList<MachineKey>>(await keys.OfAllianceAsync(alliance, cancellationToken), null);

    /// <summary>Adds a member and sends them the Danish invitation with a sign-in link.</summary>
    public async Task<MembersResult<Member>> InviteAsync(string alliance, MemberRequest request, Actor? actor, HttpRequest http, CancellationToken cancellationToken)
    {
        if ((Manage(alliance, actor) ?? Check(alliance, request, requireEmail: true)) is { } refused)
        {
            return refused;
        }

        var member = new Member(alliance, Members.Normalize(request.Email!), request.Name!.Trim(), Role(request.Role), request.FocusAreas ?? []);
        if (!await members.AddAsync(member, actor!.Display, cancellationToken))
        {
            return new MembersProblem(MembersFailure.Conflict, "email", "Already a member",
                $"{member.Email} is a member of {alliance} already; change them with PUT.", $"{member.Email} er allerede medlem; ret personen i listen.");
        }

        await mail.InviteAsync(member, catalog.FindAlliance(alliance)!.Name, actor.Name, http, cancellationToken);
        return new MembersResult<Member>(member, null);
    }

    /// <summary>Changes a member's name, role and focus areas.</summary>
    public async Task<MembersResult<Member>> ChangeAsync(string alliance, string email, MemberRequest request, Actor? actor, CancellationToken cancellationToken)
    {
        if ((Manage(alliance, actor) ?? Check(alliance, request, requireEmail: false)) is { } refused)
        {
            return refused;
        }

        var member = new Member(alliance, Members.Normalize(email), request.Name!.Trim(), Role(request.Role), request.FocusAreas ?? []);
        return await members.UpdateAsync(member, actor!.Display, cancellationToken) is null ? MemberNotFound(email) : new MembersResult<Member>(member, null);
    }

    public async Task<MembersResult<Member>> RemoveAsync(string alliance, string email, Actor? actor, CancellationToken cancellationToken) =>
        Manage(alliance, actor) is { } refused ? refused
        : await members.RemoveAsync(alliance, email, actor!.Display, cancellationToken) is { } removed ? new MembersResult<Member>(removed, null)
        : MemberNotFound(email);

    /// <summary>Makes a named key; its secret is in the result and never again.</summary>
    public async Task<MembersResult<(string Secret, MachineKey Key)>> CreateKeyAsync(string alliance, KeyRequest request, Actor? actor, CancellationToken cancellationToken)
    {
        if (Manage(alliance, actor) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64)
        {
            return new MembersProblem(MembersFailure.Invalid, "name", "Invalid key name", "name is required: 1–64 characters saying what the key is for, e.g. intranet.",
                "Skriv et navn på 1–64 tegn, der siger, hvad nøglen bruges til, fx intranet.");
        }

        if (Check(alliance, new MemberRequest(null, request.Name, request.Role, request.FocusAreas), requireEmail: false) is { } invalid)
        {
            return invalid;
        }

        var name = request.Name.Trim();
        return await keys.CreateAsync(alliance, name, Role(request.Role), request.FocusAreas ?? [], actor!.Display, cancellationToken) is { } created
            ? new MembersResult<(string Secret, MachineKey Key)>(created, null)
            : new MembersProblem(MembersFailure.Conflict, "name", "Key name taken", $"{alliance} has a live key named '{name}'; revoke it first or choose another name.",
                $"Der er allerede en nøgle ved navn {name}; tilbagekald den først, eller vælg et andet navn.");
    }

    public async Task<MembersResult<MachineKey>> RevokeKeyAsync(string alliance, string name, Actor? actor, CancellationToken cancellationToken) =>
        Manage(alliance, actor) is { } refused ? refused
        : await keys.RevokeAsync(alliance, name, actor!.Display, cancellationToken) is { } revoked ? new MembersResult<MachineKey>(revoked, null)
        : new MembersProblem(MembersFailure.NotFound, null, "Unknown key", $"There is no key '{Problems.Shorten(name)}'.", $"Der er ingen nøgle ved navn {Problems.Shorten(name)}.");

    private static MembersProblem MemberNotFound(string email) =>
        new(MembersFailure.NotFound, null, "Unknown member", $"There is no member '{Problems.Shorten(email)}'.", $"{Problems.Shorten(email)} er ikke medlem.");

    /// <summary>The one check of a member or key: address, name, role, and focus areas of the alliance.</summary>
    private MembersProblem? Check(string alliance, MemberRequest request, bool requireEmail)
    {
        if (requireEmail && (request.Email is not { } email || !Members.IsAddress(email)))
        {
            return new(MembersFailure.Invalid, "email", "Invalid e-mail", "email must be an e-mail address, e.g. anne.holm@hedensted.dk.",
                "Skriv en e-mailadresse, fx anne.holm@hedensted.dk.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return new(MembersFailure.Invalid, "name", "Invalid name", "name is required: the person's name, up to 200 characters.",
                "Skriv personens navn, højst 200 tegn.");
        }

        if (!MemberRoles.Names.TryParse(request.Role, out _))
        {
            return new(MembersFailure.Invalid, "role", "Invalid role", $"role '{request.Role}' is not one of {string.Join(", ", MemberRoles.Names.All)}.",
                "Vælg en rolle: læser, bidragyder eller administrator.");
        }

        var definition = catalog.FindAlliance(alliance)!;
        var known = definition.FocusAreas ?? [];
        return (request.FocusAreas ?? []).FirstOrDefault(area => !known.Contains(area)) is { } unknown
            ? new(MembersFailure.Invalid, "focusAreas", "Invalid focus area",
                $"focus area '{unknown}' is not one of {definition.Id}'s: {(known.Count == 0 ? "it has none" : string.Join(", ", known))}.",
                $"Indsatsområdet {unknown} findes ikke i alliancen.")
            : null;
    }

    private static MemberRole Role(string? name) => MemberRoles.Names.TryParse(name, out var role) ? role : MemberRole.Viewer;
}
