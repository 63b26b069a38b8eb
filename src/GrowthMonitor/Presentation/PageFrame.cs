namespace GrowthMonitor.Presentation;

/// <summary>
/// What every page's frame shows besides its own content: who is signed in (the header's links to their goals and the
/// sign-out button, which posts with the antiforgery token), and the municipality's accessibility statement, which
/// every Danish public-sector page links in its footer.
/// </summary>
public sealed record PageFrame(string? SignedInAs, FormToken? Antiforgery, Uri? AccessibilityStatement)
{
    /// <summary>A page that is not served to a person: a report saved as a file, an error answer.</summary>
    public static readonly PageFrame Anonymous = new(null, null, null);
}

/// <summary>
/// The frame of a page served to a request, for the parts of the service that render pages without knowing who signs
/// in (the error pages); implemented where people are known.
/// </summary>
public interface IPageFrames
{
    PageFrame For(HttpContext context);
}

/// <summary>The antiforgery token a page's forms carry, and the field it goes in.</summary>
public sealed record FormToken(string FieldName, string? Value);
