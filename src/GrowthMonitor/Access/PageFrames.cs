using GrowthMonitor.Presentation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>The frame of a page served to this request: who is signed in, the form token, the accessibility statement.</summary>
public sealed class PageFrames(IAntiforgery antiforgery, IOptions<AccessibilityOptions> accessibility) : IPageFrames
{
    public PageFrame For(HttpContext context) => Actor.Of(context) is { Kind: ActorKind.Person } person
        ? new PageFrame(person.Name, FormTokenFor(context), accessibility.Value.StatementUrl)
        : new PageFrame(null, null, accessibility.Value.StatementUrl);

    /// <summary>The token a form on this request's page carries (also on a page without a signed-in person: the sign-in form).</summary>
    public FormToken FormTokenFor(HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken);
    }
}
