using GrowthMonitor.Presentation;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>
/// Sign-in by e-mail link for people outside the organisation's directory: <c>GET/POST /log-ind</c> asks for a link,
/// <c>GET /log-ind/link</c> shows a button and <c>POST /log-ind/link</c> uses the link once and starts a session,
/// <c>POST /log-ud</c> ends it. Every form carries the antiforgery token.
/// </summary>
public static class SignInEndpoints
{
    public const string SignInPath = SitePaths.SignIn;

    public const string SignOutPath = SitePaths.SignOut;

    /// <summary>The form field of the address a link is asked for.</summary>
    public const string EmailField = "email";

    /// <summary>The form field of the link's token, which the button on the link's page posts.</summary>
    public const string TokenField = "token";

    /// <summary>The heading of the form and of the link's page.</summary>
    internal const string FormHeading = "Log ind i GrowthMonitor";

    /// <summary>The rate limiter policy that holds back one client asking for many links (<see cref="SignInOptions.LinksPerClientPerHour"/>).</summary>
    public const string LinkRequestsPolicy = "sign-in-links";

    /// <summary>A link's token as <see cref="Tokens.New"/> writes it: 32 bytes, URL-safe base64 without padding.</summary>
    private const int TokenLength = 43;

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, Form).ExcludeFromDescription();
        app.MapPost(SignInPath, RequestLink).RequireRateLimiting(LinkRequestsPolicy).ExcludeFromDescription();
        app.MapGet(SignInMail.LinkPath, ShowLink).ExcludeFromDescription();
        app.MapPost(SignInMail.LinkPath, UseLink).ExcludeFromDescription();
        app.MapPost(SignOutPath, SignOut).ExcludeFromDescription();
        app.MapGet(OidcSignIn.ChallengePath, OidcSignIn.Challenge).ExcludeFromDescription();
        return app;
    }

    public static Task<ContentHttpResult> Form(HttpContext http, PageFrames frames, IOptions<SignInOptions> options) =>
        FormPageAsync(http, frames, options.Value, StatusCodes.Status200OK);

    /// <summary>
    /// Answers the same receipt for every well-formed address, at once: whether a link goes out is decided afterwards
    /// (<see cref="SignInMail.SendLinkIfMemberAsync"/>), so neither the answer nor its time tells who is a member.
    /// </summary>
    public static async Task<ContentHttpResult> RequestLink(
        HttpContext http, IAntiforgery antiforgery, PageFrames frames, SignInMail mail, IBackgroundJobClient jobs, IOptions<SignInOptions> options,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return await FormExpiredAsync(http, frames);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var email = form[EmailField].ToString().Trim();
        if (!Members.IsAddress(email))
        {
            return await FormPageAsync(http, frames, options.Value, StatusCodes.Status400BadRequest, email, "Skriv en e-mailadresse, fx anne.holm@hedensted.dk.");
        }

        var address = Members.Normalize(email);
        var linkBase = mail.LinkBase(http.Request).ToString();
        jobs.Enqueue<SignInMail>(job => job.SendLinkIfMemberAsync(address, linkBase, CancellationToken.None));
        return await ComponentHtml.PageAsync<SignInSentPage>(StatusCodes.Status200OK, ComponentHtml.Parameter(nameof(SignInSentPage.Frame), frames.For(http)));
    }

    /// <summary>Only shows the button: mail scanners open links, and that must not use them up.</summary>
    public static async Task<ContentHttpResult> ShowLink(string? token, HttpContext http, PageFrames frames) =>
        IsWellFormed(token)
            ? await ComponentHtml.PageAsync<SignInLinkPage>(StatusCodes.Status200OK,
                ComponentHtml.Parameter(nameof(SignInLinkPage.Token), frames.FormTokenFor(http)),
                ComponentHtml.Parameter(nameof(SignInLinkPage.LinkToken), token),
                ComponentHtml.Parameter(nameof(SignInLinkPage.Frame), frames.For(http)))
            : await LinkBrokenAsync(http, frames);

    /// <summary>Uses the link once, starts a session in its cookie and goes to the front page.</summary>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> UseLink(
        HttpContext http, IAntiforgery antiforgery, PageFrames frames, SignInLinks links, Sessions sessions, IOptions<SignInOptions> options,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return await FormExpiredAsync(http, frames);
        }

        var token = (await http.Request.ReadFormAsync(cancellationToken))[TokenField].ToString();
        if (!IsWellFormed(token))
        {
            return await LinkBrokenAsync(http, frames);
        }

        if (await links.UseAsync(token, cancellationToken) is not { } email)
        {
            return await RefusedAsync(StatusCodes.Status410Gone, frames.For(http), "Linket virker ikke længere",
                "Linket er allerede brugt, er udløbet eller er ikke kopieret helt. Bed om et nyt link.");
        }

        await StartSessionAsync(http, sessions, options.Value, email, null, @operator: false, cancellationToken);
        return TypedResults.Redirect(SitePaths.FrontPage);
    }

    /// <summary>
    /// How every sign-in ends, by e-mail link or through the organisation's provider: a session in PostgreSQL, its token
    /// in the session cookie and nowhere else.
    /// </summary>
    internal static async Task StartSessionAsync(
        HttpContext http, Sessions sessions, SignInOptions options, string email, string? name, bool @operator, CancellationToken cancellationToken)
    {
        var (sessionToken, _) = await sessions.StartAsync(email, name, @operator, cancellationToken);
        SessionCookie.Set(http, sessionToken, options.SessionLifetime);
    }

    /// <summary>Ends the session in PostgreSQL and clears the cookie; a signed-in browser's form carries the antiforgery token (checked in <see cref="AccessSetup.UseAccess"/>).</summary>
    public static async Task<RedirectHttpResult> SignOut(HttpContext http, Sessions sessions, CancellationToken cancellationToken)
    {
        if (SessionCookie.Read(http) is { } token)
        {
            await sessions.EndAsync(token, cancellationToken);
        }

        SessionCookie.Clear(http);
        return TypedResults.Redirect(SignInPath);
    }

    private static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The form for an address, as asked for or come back with <paramref name="error"/> beside the address typed.</summary>
    private static Task<ContentHttpResult> FormPageAsync(HttpContext http, PageFrames frames, SignInOptions options, int status, string? email = null, string? error = null) =>
        ComponentHtml.PageAsync<SignInFormPage>(status,
            ComponentHtml.Parameter(nameof(SignInFormPage.Token), frames.FormTokenFor(http)),
            ComponentHtml.Parameter(nameof(SignInFormPage.OfferOrganisation), options.Oidc.Enabled),
            ComponentHtml.Parameter(nameof(SignInFormPage.Email), email),
            ComponentHtml.Parameter(nameof(SignInFormPage.Error), error),
            ComponentHtml.Parameter(nameof(SignInFormPage.Frame), frames.For(http)));

    /// <summary>
    /// A sign-in that cannot go on (<see cref="SignInRefusedPage"/>), by e-mail link or through the organisation's
    /// provider; <paramref name="back"/> names the link back to the form.
    /// </summary>
    internal static Task<ContentHttpResult> RefusedAsync(int status, PageFrame frame, string heading, string sentence, string back = "Bed om et nyt link til at logge ind") =>
        ComponentHtml.PageAsync<SignInRefusedPage>(status,
            ComponentHtml.Parameter(nameof(SignInRefusedPage.Heading), heading),
            ComponentHtml.Parameter(nameof(SignInRefusedPage.Sentence), sentence),
            ComponentHtml.Parameter(nameof(SignInRefusedPage.Back), back),
            ComponentHtml.Parameter(nameof(SignInRefusedPage.Frame), frame));

    private static Task<ContentHttpResult> LinkBrokenAsync(HttpContext http, PageFrames frames) => RefusedAsync(StatusCodes.Status400BadRequest, frames.For(http),
        "Linket kan ikke bruges", "Linket er ikke et gyldigt link til at logge ind. Måske er det ikke kopieret helt.");

    private static Task<ContentHttpResult> FormExpiredAsync(HttpContext http, PageFrames frames) => RefusedAsync(StatusCodes.Status400BadRequest, frames.For(http),
        "Formularen er udløbet", "Siden var for gammel til at blive sendt. Prøv igen fra begyndelsen.");
}
