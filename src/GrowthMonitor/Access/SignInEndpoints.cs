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
    public const string SignInPath = "/log-ind";

    public const string SignOutPath = "/log-ud";

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

    public static ContentHttpResult Form(HttpContext http, IAntiforgery antiforgery, IOptions<SignInOptions> options) =>
        Html(SignInPageHtml.Form(TokenFor(http, antiforgery), options.Value.Oidc.Enabled));

    /// <summary>
    /// Answers the same receipt for every well-formed address, at once: whether a link goes out is decided afterwards
    /// (<see cref="SignInMail.SendLinkIfMemberAsync"/>), so neither the answer nor its time tells who is a member.
    /// </summary>
    public static async Task<ContentHttpResult> RequestLink(
        HttpContext http, IAntiforgery antiforgery, SignInMail mail, IBackgroundJobClient jobs, IOptions<SignInOptions> options, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormExpired();
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var email = form[SignInPageHtml.EmailField].ToString().Trim();
        if (!Members.IsAddress(email))
        {
            return Html(SignInPageHtml.Form(TokenFor(http, antiforgery), options.Value.Oidc.Enabled, email, "Skriv en e-mailadresse, fx anne.holm@hedensted.dk."), StatusCodes.Status400BadRequest);
        }

        var address = Members.Normalize(email);
        var linkBase = mail.LinkBase(http.Request).ToString();
        jobs.Enqueue<SignInMail>(job => job.SendLinkIfMemberAsync(address, linkBase, CancellationToken.None));
        return Html(SignInPageHtml.Sent());
    }

    /// <summary>Only shows the button: mail scanners open links, and that must not use them up.</summary>
    public static ContentHttpResult ShowLink(string? token, HttpContext http, IAntiforgery antiforgery) =>
        IsWellFormed(token) ? Html(SignInPageHtml.UseLink(TokenFor(http, antiforgery), token!)) : LinkBroken();

    /// <summary>Uses the link once, starts a session in its cookie and goes to the front page.</summary>
    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> UseLink(
        HttpContext http, IAntiforgery antiforgery, SignInLinks links, Sessions sessions, IOptions<SignInOptions> options, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return FormExpired();
        }

        var token = (await http.Request.ReadFormAsync(cancellationToken))[SignInPageHtml.TokenField].ToString();
        if (!IsWellFormed(token))
        {
            return LinkBroken();
        }

        if (await links.UseAsync(token, cancellationToken) is not { } email)
        {
            return Html(SignInPageHtml.Refused("Linket virker ikke længere",
                "Linket er allerede brugt, er udløbet eller er ikke kopieret helt. Bed om et nyt link."), StatusCodes.Status410Gone);
        }

        await StartSessionAsync(http, sessions, options.Value, email, null, @operator: false, cancellationToken);
        return TypedResults.Redirect(Presentation.HtmlPage.FrontPagePath);
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

    private static FormToken TokenFor(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken);
    }

    private static ContentHttpResult LinkBroken() => Html(SignInPageHtml.Refused("Linket kan ikke bruges",
        "Linket er ikke et gyldigt link til at logge ind. Måske er det ikke kopieret helt."), StatusCodes.Status400BadRequest);

    private static ContentHttpResult FormExpired() => Html(SignInPageHtml.Refused("Formularen er udløbet",
        "Siden var for gammel til at blive sendt. Prøv igen fra begyndelsen."), StatusCodes.Status400BadRequest);

    internal static ContentHttpResult Html(string page, int status = StatusCodes.Status200OK) => TypedResults.Content(page, "text/html; charset=utf-8", statusCode: status);
}
