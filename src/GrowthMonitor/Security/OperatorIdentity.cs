using System.Security.Claims;

namespace GrowthMonitor.Security;

/// <summary>
/// Who an operator request came from: the configured name of the key it carried (<c>Security:Keys:{name}</c>, or
/// <c>ApiKeys:0</c> for an unnamed key). An endpoint that records what it did takes it as a parameter.
/// </summary>
public sealed record OperatorIdentity(string Name)
{
    /// <summary>The operator of an authenticated request, or null for an anonymous one.</summary>
    public static OperatorIdentity? Of(HttpContext context) =>
        context.User.Identities.FirstOrDefault(i => i is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName })?.Name is { } name
            ? new OperatorIdentity(name)
            : null;

    /// <summary>Lets a minimal API handler take an <see cref="OperatorIdentity"/> parameter.</summary>
    public static ValueTask<OperatorIdentity?> BindAsync(HttpContext context) => ValueTask.FromResult(Of(context));

    public ClaimsPrincipal ToPrincipal() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, ApiKeys.OperatorRole)], ApiKeyAuthenticationHandler.SchemeName));
}
