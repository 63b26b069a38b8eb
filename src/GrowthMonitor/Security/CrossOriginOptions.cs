using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Configuration;

namespace GrowthMonitor.Security;

/// <summary>
/// Configuration section <c>Cors</c>: web pages on other origins that may call the API from a browser. None by default:
/// browsers then refuse to let another site's script read the API's answers.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>https://intranet.horsens.dk</c> (scheme, host and port; no path).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ListValidation.Invalid(AllowedOrigins, nameof(AllowedOrigins), IsOrigin, "is not an origin such as https://intranet.example.dk (scheme, host and port; no path or trailing slash)");

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/" && !origin.EndsWith('/');
}
