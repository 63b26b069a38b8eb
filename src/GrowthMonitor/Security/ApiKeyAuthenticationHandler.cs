using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>
/// Authenticates a request by its operator key: the <c>X-Api-Key</c> header anywhere; on the jobs dashboard also
/// <c>?key=</c> (exchanged for a cookie at once) and that cookie. A request without a key stays anonymous (reads are
/// public unless <c>Security:ProtectReads</c>); one with a wrong key is refused where a key is needed. Every request
/// an operator makes that changes state is written to the audit log with the key's name and the answer.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiKeyRing keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>Where the jobs dashboard is served, the one page that takes a key by query and cookie.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>The query parameter that hands the dashboard a key once, from a browser that cannot send headers.</summary>
    public const string DashboardQueryKey = "key";

    public const string DashboardCookie = "GrowthMonitor.Operator";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var onDashboard = Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);
        var identity = Request.Headers[HeaderName] is { Count: > 0 } header ? keys.FindByKey(header.ToString())
            : onDashboard && Request.Query[DashboardQueryKey] is { Count: > 0 } query ? keys.FindByKey(query.ToString())
            : onDashboard && Request.Cookies[DashboardCookie] is { } cookie ? keys.FindByDashboardToken(cookie)
            : null;
        if (identity is null)
        {
            // A wrong key is refused only where a key is needed; an anonymous read stays possible.
            return Task.FromResult(PresentsKey(onDashboard) ? AuthenticateResult.Fail("The operator key is not a configured key.") : AuthenticateResult.NoResult());
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            var logger = Logger;
            var method = Request.Method;
            var path = Request.Path.ToString();
            Response.OnCompleted(() =>
            {
                LogOperatorRequest(logger, identity.Name, method, path, Response.StatusCode);
                return Task.CompletedTask;
            });
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(), SchemeName)));
    }

    /// <summary>401 for a missing or wrong key; 403 when no key is configured, as nobody could be let in.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var onDashboard = Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);
        var (status, title, detail) = (keys.IsEmpty, onDashboard) switch
        {
            (true, true) => (StatusCodes.Status403Forbidden, "The jobs dashboard is local-only",
                "The dashboard answers requests from this machine only, since no operator keys are configured in Security:Keys or Security:ApiKeys."),
            (true, false) => (StatusCodes.Status403Forbidden, "Operator endpoints are disabled",
                "No keys are configured in Security:Keys or Security:ApiKeys, so this endpoint is refused."),
            (false, true) => (StatusCodes.Status401Unauthorized, "Missing or wrong API key",
                $"The jobs dashboard answers requests from this machine, or with an operator key: the {HeaderName} header, or ?{DashboardQueryKey}= once in a browser (a cookie keeps it)."),
            (false, false) => (StatusCodes.Status401Unauthorized, "Missing or wrong API key",
                $"Send an operator key (Security:Keys or Security:ApiKeys) in the {HeaderName} header."),
        };
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = { Status = status, Title = title, Detail = detail } });
    }

    private bool PresentsKey(bool onDashboard) =>
        Request.Headers.ContainsKey(HeaderName) || (onDashboard && (Request.Query.ContainsKey(DashboardQueryKey) || Request.Cookies.ContainsKey(DashboardCookie)));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Operator {Operator}: {Method} {Path} answered {StatusCode}")]
    private static partial void LogOperatorRequest(ILogger logger, string @operator, string method, string path, int statusCode);
}
