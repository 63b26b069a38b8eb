using System.Net;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Authentication;

namespace GrowthMonitor.Security;

/// <summary>
/// Access: operator endpoints need a key (<see cref="RequireApiKey{TBuilder}"/>), the read API needs a key or a sign-in
/// only when <c>Security:ProtectReads</c> is on (<c>Access.ReadAccess</c>), and the jobs dashboard answers local requests
/// or an operator (<see cref="DashboardPolicy"/>).
/// </summary>
public static class ApiKeys
{
    public const string HeaderName = ApiKeyAuthenticationHandler.HeaderName;

    public const string OperatorPolicy = "operator";

    /// <summary>The role claim of whoever may do everything: an operator key, or a person the organisation names operator.</summary>
    public const string OperatorRole = "operator";

    public const string DashboardPolicy = "dashboard";

    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SecurityOptions>(SecurityOptions.SectionName);
        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy.RequireRole(OperatorRole))
            // The dashboard takes operators (an operator key, its query and cookie too, or a person signed in as operator).
            .AddPolicy(DashboardPolicy, policy => policy.RequireAssertion(context =>
                context.Resource is HttpContext http
                && (context.User.IsInRole(OperatorRole) || IsLocal(http.Connection))
                && !IsCrossSiteChange(http.Request)));
        return builder;
    }

    /// <summary>
    /// The endpoint needs an operator key: 401 without a valid one, 403 when none is configured. The
    /// <see cref="ApiKeyRequirement"/> metadata puts the key into the endpoint's OpenAPI description.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OperatorPolicy)
            .WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// A browser sending another site's form or script to the dashboard (which can delete jobs): for a local user it
    /// would carry no key at all. Browsers say where a request comes from in <c>Sec-Fetch-Site</c>; other clients send none.
    /// </summary>
    private static bool IsCrossSiteChange(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site != "same-origin";

    /// <summary>From this machine: loopback, or the machine's own address (after trusted proxies' X-Forwarded-For).</summary>
    private static bool IsLocal(ConnectionInfo connection) =>
        connection.RemoteIpAddress is { } remote && (IPAddress.IsLoopback(remote) || remote.Equals(connection.LocalIpAddress));
}

/// <summary>Endpoint metadata: the endpoint answers 401 without a valid <c>X-Api-Key</c> and 403 when no key is configured.</summary>
public sealed class ApiKeyRequirement
{
    public static readonly ApiKeyRequirement Instance = new();

    private ApiKeyRequirement()
    {
    }
}
