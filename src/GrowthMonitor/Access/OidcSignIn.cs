using System.Security.Claims;
using System.Text.Json;
using GrowthMonitor.Presentation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GrowthMonitor.Access;

/// <summary>
/// Sign-in with the organisation's OpenID Connect provider (<c>Authentication:Oidc</c>: Microsoft Entra ID, OS2faktor, a
/// MitID broker). <c>GET /log-ind/oidc</c> sends the browser to the provider (authorization code flow with PKCE); the
/// provider sends it back with the code in the query to <see cref="CallbackPath"/>, the redirect URI to register. The
/// handshake ends as an e-mail link does: our own session in its cookie (<see cref="SignInEndpoints.StartSessionAsync"/>);
/// no cookie of the provider's identity is kept, only the short-lived correlation and nonce cookies of the handshake.
/// The provider says who the person is (a verified e-mail address); the members table says what they may do; holders
/// of <see cref="OidcOptions.OperatorRole"/> are operators.
/// </summary>
public static partial class OidcSignIn
{
    public const string SchemeName = "Oidc";

    public const string ChallengePath = SignInEndpoints.SignInPath + "/oidc";

    /// <summary>Where the provider answers: <c>PublicBaseUrl</c> + this path is the redirect URI registered with it.</summary>
    public const string CallbackPath = ChallengePath + "/callback";

    /// <summary>
    /// Registers the handler only with an authority: the handler checks its options on any request it might answer. The
    /// rest of the section is validated at start with the other options (<see cref="OidcOptions.Problems"/>), before
    /// the handler first reads it.
    /// </summary>
    public static AuthenticationBuilder AddOidcSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{OidcOptions.SectionName}:{nameof(OidcOptions.Authority)}"]))
        {
            return authentication;
        }

        authentication.AddOpenIdConnect(SchemeName, displayName: null, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(SchemeName)
            .Configure<IOptions<SignInOptions>>((options, signIn) => Configure(options, signIn.Value.Oidc));
        return authentication;
    }

    /// <summary>Sends the browser to the provider; back here it goes to <paramref name="returnUrl"/> when that is a path of this service.</summary>
    public static Results<ChallengeHttpResult, NotFound> Challenge(string? returnUrl, IOptions<SignInOptions> options) =>
        options.Value.Oidc.Enabled
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : SitePaths.FrontPage }, [SchemeName])
            : TypedResults.NotFound();

    /// <summary>
    /// The roles the principal holds in <paramref name="claimType"/>: one claim per role (a JSON array in a token), or
    /// one claim that holds the whole JSON array (as some providers' user info maps it).
    /// </summary>
    internal static IEnumerable<string> RolesOf(ClaimsPrincipal principal, string claimType) =>
        principal.FindAll(claimType).SelectMany(claim => claim.ValueType == JsonClaimValueTypes.JsonArray ? JsonSerializer.Deserialize<string[]>(claim.Value) ?? [] : [claim.Value]);

    private static void Configure(OpenIdConnectOptions options, OidcOptions oidc)
    {
        var authority = oidc.Authority!;
        options.Authority = authority.ToString();
        // The options allow http only for an authority on this machine (a test's provider).
        options.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back in a top-level GET: the handshake's cookies can be SameSite=Lax (form_post needs None).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in oidc.RequestedScopes)
        {
            options.Scope.Add(scope);
        }

        options.CallbackPath = CallbackPath;
        // Signing out ends our session only (POST /log-ud); the provider's sign-out paths are not served.
        options.SignedOutCallbackPath = PathString.Empty;
        options.RemoteSignOutPath = PathString.Empty;
        // The claims keep the names the provider gives them (email, name, roles) instead of WS-* URIs.
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        foreach (var handshakeCookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            handshakeCookie.SameSite = SameSiteMode.Lax;
            handshakeCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        // Never signed in to: every handshake ends in OnTicketReceived, which starts our session and answers itself.
        options.SignInScheme = SessionAuthenticationHandler.SchemeName;
        options.Events.OnTicketReceived = context => StartSessionAsync(context, oidc);
        options.Events.OnRemoteFailure = RefuseFailedAsync;
    }

    private static async Task StartSessionAsync(TicketReceivedContext context, OidcOptions oidc)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var logger = LoggerOf(http);
        var principal = context.Principal!;
        if (principal.FindFirst("email")?.Value is not { } email || !Members.IsAddress(email) || !IsVerified(principal))
        {
            LogNoVerifiedAddress(logger);
            await (await SignInEndpoints.RefusedAsync(StatusCodes.Status403Forbidden, FrameOf(http), "Du kan ikke logges ind",
                    "Din organisation sendte ingen bekræftet e-mailadresse, og den skal vi bruge for at vide, hvem du er. Bed din it-afdeling om hjælp, eller log ind med et link på e-mail.",
                    "Tilbage til log ind"))
                .ExecuteAsync(http);
            return;
        }

        var @operator = oidc.OperatorRole is { Length: > 0 } role && RolesOf(principal, oidc.RoleClaim).Contains(role, StringComparer.Ordinal);
        var signIn = http.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
        await SignInEndpoints.StartSessionAsync(http, http.RequestServices.GetRequiredService<Sessions>(), signIn, Members.Normalize(email),
            principal.FindFirst("name")?.Value, @operator, http.RequestAborted);
        LogSignedIn(logger, @operator);
        http.Response.Redirect(IsLocal(context.ReturnUri) ? context.ReturnUri! : SitePaths.FrontPage);
    }

    /// <summary>The provider refused, the person cancelled, or the handshake came back too late or altered.</summary>
    private static async Task RefuseFailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        LogHandshakeFailed(LoggerOf(context.HttpContext), context.Failure?.Message);
        await (await SignInEndpoints.RefusedAsync(StatusCodes.Status400BadRequest, FrameOf(context.HttpContext), "Log ind lykkedes ikke",
                "Din organisation loggede dig ikke ind, eller svaret kom for sent. Prøv igen fra begyndelsen.", "Tilbage til log ind"))
            .ExecuteAsync(context.HttpContext);
    }

    /// <summary>An address the provider has not verified is no proof of who signs in; one it says nothing about is taken as its own.</summary>
    private static bool IsVerified(ClaimsPrincipal principal) =>
        principal.FindFirst("email_verified")?.Value is not { } verified || string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page frame of a refusal answered from the handler's events, which bind no services.</summary>
    private static PageFrame FrameOf(HttpContext http) => http.RequestServices.GetRequiredService<PageFrames>().For(http);

    private static ILogger LoggerOf(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn));

    /// <summary>A path of this service (not <c>//host</c> or <c>/\host</c>, which browsers take for another site).</summary>
    private static bool IsLocal(string? url) =>
        url is ['/'] or ['/', not ('/' or '\\'), ..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in through the organisation's OpenID Connect provider (operator: {Operator})")]
    private static partial void LogSignedIn(ILogger logger, bool @operator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: the provider sent no verified e-mail address")]
    private static partial void LogNoVerifiedAddress(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in failed: {Failure}")]
    private static partial void LogHandshakeFailed(ILogger logger, string? failure);
}
