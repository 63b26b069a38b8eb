using Scalar.AspNetCore;

namespace GrowthMonitor.Security;

/// <summary>
/// Headers on every response, errors included: no MIME sniffing, no framing, no referrer, and one Content-Security-Policy
/// that every page the service serves passes (the annual report, the front page, /docs and the jobs dashboard) while
/// nothing from elsewhere runs or loads. Scripts come from the service itself; an inline script runs only with the
/// response's nonce (Scalar's /docs sets one per request). Inline styles are allowed: the report is a self-contained
/// page with its own style sheet, and Scalar and the dashboard set styles from script.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Where a page puts the nonce its inline scripts carry; Scalar writes its own there.</summary>
    public const string NonceItemKey = ScalarOptions.NonceHttpContextItemKey;

    private const string Policy =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static readonly string ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, "");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set as the response starts, so that answers written after an exception cleared the headers carry them too.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Items.TryGetValue(NonceItemKey, out var nonce) && nonce is string { Length: > 0 } value
                ? string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, $" 'nonce-{value}'")
                : ContentSecurityPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
