using GrowthMonitor.Catalog;
using GrowthMonitor.Presentation;
using GrowthMonitor.Presentation.Components;

namespace GrowthMonitor.Access;

/// <summary>
/// <c>/alliancer/{id}/medlemmer</c> for the alliance's admins: its members with role and focus areas, a form to invite
/// one (the invitation e-mail goes out as through the API), to change or remove each, and its machine keys (list,
/// make one, shown once, revoke). Every change goes through <see cref="MembersService"/>, the API's path; a change that
/// succeeds redirects back (303) with a receipt, a refused one re-renders the page (400) with the error next to its
/// field. A new key is the one exception: its secret is shown in the answer to the POST itself, never in an address.
/// </summary>
public static class MembersPage
{
    public const string InvitePath = SitePaths.Members + "/inviter";
    public const string ChangePath = SitePaths.Members + "/ret";
    public const string RemovePath = SitePaths.Members + "/fjern";
    public const string CreateKeyPath = SitePaths.Members + "/noegler";
    public const string RevokeKeyPath = SitePaths.Members + "/noegler/tilbagekald";

    /// <summary>The form's field names, as the API names them.</summary>
    public const string EmailField = "email";
    public const string NameField = "name";
    public const string RoleField = "role";
    public const string FocusAreasField = "focusAreas";

    /// <summary>The receipt's query: what was done, and to whom.</summary>
    public const string DoneQuery = "udfoert";
    public const string WhoQuery = "hvem";

    public static IEndpointRouteBuilder MapMembersPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitePaths.Members, Show).ExcludeFromDescription();
        app.MapPost(InvitePath, Invite).ExcludeFromDescription();
        app.MapPost(ChangePath, Change).ExcludeFromDescription();
        app.MapPost(RemovePath, Remove).ExcludeFromDescription();
        app.MapPost(CreateKeyPath, CreateKey).ExcludeFromDescription();
        app.MapPost(RevokeKeyPath, RevokeKey).ExcludeFromDescription();
        return app;
    }

    public static string PathOf(string allianceId, string path) => path.Replace("{id}", Uri.EscapeDataString(allianceId), StringComparison.Ordinal);

    public static Task<IResult> Show(string id, string? udfoert, string? hvem, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken) =>
        PageAsync(id, http, service, catalog, frames, StatusCodes.Status200OK, new MembersPageState { Receipt = Receipt(udfoert, hvem) }, cancellationToken);

    public static async Task<IResult> Invite(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var request = Request(form);
        var result = await service.InviteAsync(id, request, Actor.Of(http), http.Request, cancellationToken);
        return result.Value is { } member
            ? Done(id, "inviteret", member.Email)
            : await RefusedAsync(id, http, service, catalog, frames, result.Problem!, new MembersPageState { Form = new(MembersPageForm.Invite, null, request, result.Problem) }, cancellationToken);
    }

    public static async Task<IResult> Change(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var request = Request(form);
        var email = form[EmailField].ToString();
        var result = await service.ChangeAsync(id, email, request, Actor.Of(http), cancellationToken);
        return result.Value is { } member
            ? Done(id, "rettet", member.Email)
            : await RefusedAsync(id, http, service, catalog, frames, result.Problem!, new MembersPageState { Form = new(MembersPageForm.Change, email, request, result.Problem) }, cancellationToken);
    }

    public static async Task<IResult> Remove(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken)
    {
        var email = (await http.Request.ReadFormAsync(cancellationToken))[EmailField].ToString();
        var result = await service.RemoveAsync(id, email, Actor.Of(http), cancellationToken);
        return result.Value is { } member
            ? Done(id, "fjernet", member.Email)
            : await RefusedAsync(id, http, service, catalog, frames, result.Problem!, new MembersPageState { Message = result.Problem!.Danish }, cancellationToken);
    }

    public static async Task<IResult> CreateKey(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var request = Request(form);
        var result = await service.CreateKeyAsync(id, new KeyRequest(request.Name, request.Role, request.FocusAreas), Actor.Of(http), cancellationToken);
        if (result.Problem is { } problem)
        {
            return await RefusedAsync(id, http, service, catalog, frames, problem, new MembersPageState { Form = new(MembersPageForm.Key, null, request, problem) }, cancellationToken);
        }

        // Shown in this answer and never again: a key in an address would stay in the browser's history and the logs.
        http.Response.Headers.CacheControl = "no-store";
        return await PageAsync(id, http, service, catalog, frames, StatusCodes.Status200OK, new MembersPageState { NewKey = (result.Value.Key.Name, result.Value.Secret) }, cancellationToken);
    }

    public static async Task<IResult> RevokeKey(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, CancellationToken cancellationToken)
    {
        var name = (await http.Request.ReadFormAsync(cancellationToken))[NameField].ToString();
        var result = await service.RevokeKeyAsync(id, name, Actor.Of(http), cancellationToken);
        return result.Value is { } key
            ? Done(id, "tilbagekaldt", key.Name)
            : await RefusedAsync(id, http, service, catalog, frames, result.Problem!, new MembersPageState { Message = result.Problem!.Danish }, cancellationToken);
    }

    private static MemberRequest Request(IFormCollection form) =>
        new(form[EmailField].ToString().Trim(), form[NameField].ToString(), form[RoleField].ToString(), [.. form[FocusAreasField].OfType<string>()]);

    private static SeeOther Done(string id, string done, string who) =>
        new($"{SitePaths.MembersOf(id)}?{DoneQuery}={done}&{WhoQuery}={Uri.EscapeDataString(who)}");

    private static string? Receipt(string? done, string? who) => (done, who) switch
    {
        ("inviteret", { } email) => $"{email} er inviteret og har fået en e-mail med et link til at logge ind.",
        ("rettet", { } email) => $"{email} er rettet.",
        ("fjernet", { } email) => $"{email} er fjernet fra alliancen.",
        ("tilbagekaldt", { } name) => $"Nøglen {name} er tilbagekaldt og virker ikke længere.",
        _ => null,
    };

    /// <summary>A refusal: the Danish page for someone without the grant or an unknown alliance, else the page with the error.</summary>
    private static Task<IResult> RefusedAsync(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, MembersProblem problem, MembersPageState state, CancellationToken cancellationToken) =>
        PageAsync(id, http, service, catalog, frames, problem.Failure switch
        {
            MembersFailure.Conflict => StatusCodes.Status409Conflict,
            MembersFailure.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        }, state, cancellationToken);

    private static async Task<IResult> PageAsync(string id, HttpContext http, MembersService service, GrowthCatalog catalog, PageFrames frames, int status, MembersPageState state, CancellationToken cancellationToken)
    {
        var actor = Actor.Of(http);
        if (actor is null)
        {
            return new SeeOther(SitePaths.SignIn);
        }

        var members = await service.MembersAsync(id, actor, cancellationToken);
        if (members.Problem is { } refused)
        {
            var refusal = refused.Failure == MembersFailure.UnknownAlliance ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            return await ComponentHtml.PageAsync<ErrorPage>(refusal,
                ComponentHtml.Parameter(nameof(ErrorPage.Status), refusal),
                ComponentHtml.Parameter(nameof(ErrorPage.Sentence), refusal == StatusCodes.Status404NotFound
                    ? "Der er ingen alliance på denne adresse."
                    : "Kun alliancens administratorer kan se og ændre dens medlemmer. Spørg en administrator, hvis du skal have adgang."),
                ComponentHtml.Parameter(nameof(ErrorPage.Frame), frames.For(http)));
        }

        var keys = await service.KeysAsync(id, actor, cancellationToken);
        return await ComponentHtml.PageAsync<MembersPageView>(status,
            ComponentHtml.Parameter(nameof(MembersPageView.Frame), frames.For(http)),
            ComponentHtml.Parameter(nameof(MembersPageView.Token), frames.FormTokenFor(http)),
            ComponentHtml.Parameter(nameof(MembersPageView.Alliance), catalog.FindAlliance(id)!),
            ComponentHtml.Parameter(nameof(MembersPageView.Members), members.Value!),
            ComponentHtml.Parameter(nameof(MembersPageView.Keys), keys.Value!),
            ComponentHtml.Parameter(nameof(MembersPageView.State), state));
    }
}

public enum MembersPageForm
{
    Invite,
    Change,
    Key,
}

/// <summary>A form that came back refused: which (and for a change, whose), what was typed, and why.</summary>
public sealed record MembersPageFormState(MembersPageForm Form, string? Email, MemberRequest Typed, MembersProblem? Problem);

/// <summary>What the page shows besides the lists: a receipt, a refused form, a message, or a new key's secret.</summary>
public sealed record MembersPageState
{
    public string? Receipt { get; init; }

    public string? Message { get; init; }

    public MembersPageFormState? Form { get; init; }

    public (string Name, string Secret)? NewKey { get; init; }
}
