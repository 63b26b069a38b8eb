using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Access;

/// <summary>Configuration section <c>Authentication</c>: how people sign in and how long that lasts.</summary>
public sealed class SignInOptions : IValidatableObject
{
    public const string SectionName = "Authentication";

    /// <summary>How long a sign-in link from <c>/log-ind</c> works (once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan EmailLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the sign-in link of an invitation works (once): long enough for someone away for a week.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan InvitationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a session lasts after the person's last request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Sign-in links sent to one address in an hour at most; further requests send nothing.</summary>
    [Range(1, 100)]
    public int LinksPerAddressPerHour { get; set; } = 5;

    /// <summary>Sign-in link requests one client (IP address, IPv6 /64) may make in an hour; further requests get 429.</summary>
    [Range(1, 10_000)]
    public int LinksPerClientPerHour { get; set; } = 30;

    /// <summary>The organisation's OpenID Connect provider (Microsoft Entra ID, OS2faktor, a MitID broker); off without an authority.</summary>
    public OidcOptions Oidc { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Oidc.Problems().Select(p => new ValidationResult(p.Problem, [$"Oidc:{p.Key}"]));
}

/// <summary>Subsection <c>Authentication:Oidc</c>.</summary>
public sealed class OidcOptions
{
    public const string SectionName = SignInOptions.SectionName + ":Oidc";

    /// <summary>The provider's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; sign-in with it is offered when set.</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// The scopes asked for when configured; the e-mail address must come with them. Null by default: the binder adds
    /// configured items to an array it finds instead of replacing it, so a default here could not be narrowed.
    /// </summary>
    public string[]? Scopes { get; set; }

    /// <summary>The scopes asked for: <see cref="Scopes"/>, or openid, profile and email.</summary>
    public IReadOnlyList<string> RequestedScopes => Scopes ?? ["openid", "profile", "email"];

    /// <summary>A value of the role claim (<see cref="RoleClaim"/>) whose holders are operators; none when empty.</summary>
    public string? OperatorRole { get; set; }

    /// <summary>The claim that carries roles: Entra ID's app roles arrive as <c>roles</c>.</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => Authority is not null;

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (Authority is not { IsAbsoluteUri: true } authority || (authority.Scheme != Uri.UriSchemeHttps && !authority.IsLoopback))
        {
            yield return (nameof(Authority), $"must be the provider's https URL (http only on this machine), not '{Authority}'");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return (nameof(ClientId), "is required with Authority: the application's id registered with the provider");
        }

        if (!RequestedScopes.Contains("openid", StringComparer.Ordinal))
        {
            yield return (nameof(Scopes), "must include openid");
        }
    }
}
