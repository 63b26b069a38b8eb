using System.Collections.Concurrent;
using System.Security.Claims;
using GrowthMonitor.Presentation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>The frame of a page served to this request: who is signed in, the form token, the accessibility statement.</summary>
public sealed class PageFrames(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IOptions<AccessibilityOptions> accessibility, TimeProvider time)
    : IPageFrames
{
    /// <summary>How long a form token is handed out again for the same antiforgery cookie and claims.</summary>
    public static readonly TimeSpan TokenReuse = TimeSpan.FromMinutes(10);

    private const int RememberedTokens = 10_000;

    /// <summary>
    /// Form tokens by the browser's antiforgery cookie and the signed-in claims a token is bound to. Making one decrypts
    /// the cookie and encrypts a token, about a fifth of what a page costs; a person going from page to page gets the
    /// token made for the first again, which antiforgery accepts just the same (it checks the cookie and the claims).
    /// </summary>
    private readonly ConcurrentDictionary<string, (FormToken Token, DateTimeOffset Until)> tokens = new(StringComparer.Ordinal);

    public PageFrame For(HttpContext context) => Actor.Of(context) is { Kind: ActorKind.Person } person
        ? new PageFrame(person.Name, FormTokenFor(context), accessibility.Value.StatementUrl)
        : new PageFrame(null, null, accessibility.Value.StatementUrl);

    /// <summary>The token a form on this request's page carries (also on a page without a signed-in person: the sign-in form).</summary>
    public FormToken FormTokenFor(HttpContext context)
    {
        var cookie = context.Request.Cookies[antiforgeryOptions.Value.Cookie.Name!];
        var key = cookie is null ? null : KeyOf(cookie, context.User);
        var now = time.GetUtcNow();
        if (key is not null && tokens.TryGetValue(key, out var known) && known.Until > now)
        {
            // As antiforgery answers a page with a token: never to be kept by a cache.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return known.Token;
        }

        var made = antiforgery.GetAndStoreTokens(context);
        var token = new FormToken(made.FormFieldName, made.RequestToken);
        // Only for a cookie antiforgery read and kept; one it replaced (missing, tampered, from a retired key) is not reused.
        if (key is not null && made.CookieToken is null)
        {
            if (tokens.Count >= RememberedTokens)
            {
                tokens.Clear();
            }

            tokens[key] = (token, now + TokenReuse);
        }

        return token;
    }

    private static string KeyOf(string cookie, ClaimsPrincipal user) =>
        string.Join('\n', user.Claims.Select(c => c.Type + "=" + c.Value).Prepend(cookie));
}
