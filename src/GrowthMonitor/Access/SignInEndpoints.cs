using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>
/// Sign-in by e-mail link for people outside the organisation's directory: <c>GET/POST /log-ind</c> asks for a link,
/// <c>GET /log-ind/link</c> shows a button and <c>POST /log-ind/link</c> uses the link once and starts a session,
/// <c>POST /log-ud</c> ends it. Every form carries the antiforgery token.
/// </summary>
public static partial class SignInEndpoints
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
    /// Answers the same receipt for every well-formed address; a member gets a link unless their address has had
    /// <see cref="SignInOptions.LinksPerAddressPerHour"/> links in the last hour.
    /// </summary>
    public static async Task<ContentHttpResult> RequestLink(
        HttpContext http, IAntiforgery antiforgery, Members members, SignInLinks links, SignInMail mail, IOptions<SignInOptions> options, TimeProvider time,
        ILogger<SignInMail> logger, CancellationToken cancellationToken)
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
        var memberships = await members.OfPersonAsync(address, cancellationToken);
        if (memberships.Count > 0)
        {
            var hourAgo = time.GetUtcNow() - TimeSpan.FromHours(1);
            if (await links.CountSinceAsync(address, hourAgo, cancellationToken) < options.Value.LinksPerAddressPerHour)
            {
                await mail.SendLinkAsync(address, memberships[0].Name, http.Request, cancellationToken);
            }
            else
            {
                LogAddressLimited(logger, options.Value.LinksPerAddressPerHour);
            }
        }

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
        http.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, sessionToken, CookieOptions(http, options.SessionLifetime));
    }

    /// <summary>Ends the session in PostgreSQL and clears the cookie; a signed-in browser's form carries the antiforgery token (checked in <see cref="AccessSetup.UseAccess"/>).</summary>
    public static async Task<RedirectHttpResult> SignOut(HttpContext http, Sessions sessions, CancellationToken cancellationToken)
    {
        if (http.Request.Cookies[SessionAuthenticationHandler.CookieName] is { Length: > 0 } token)
        {
            await sessions.EndAsync(token, cancellationToken);
        }

        http.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName, CookieOptions(http, null));
        return TypedResults.Redirect(SignInPath);
    }

    /// <summary>HttpOnly, SameSite=Lax (a link from a mail still arrives signed in), Secure whenever the request came over HTTPS.</summary>
    private static CookieOptions CookieOptions(HttpContext http, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = lifetime,
    };

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

    [LoggerMessage(Level = LogLevel.Information, Message = "No sign-in link sent: the address has had {Limit} links in the last hour")]
    private static partial void LogAddressLimited(ILogger logger, int limit);
}
