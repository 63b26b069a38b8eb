using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Presentation;

/// <summary>
/// Configuration section <c>Accessibility</c>: the municipality's accessibility statement ("Tilgængelighedserklæring"),
/// which the web accessibility law asks every public-sector page to link; every page's footer does.
/// </summary>
public sealed class AccessibilityOptions : IValidatableObject
{
    public const string SectionName = "Accessibility";

    /// <summary>The statement's address, e.g. on was.digst.dk or the municipality's own site (http or https).</summary>
    public Uri? StatementUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StatementUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{nameof(StatementUrl)} '{url}' is not an absolute http or https address", [nameof(StatementUrl)]);
        }
    }
}
