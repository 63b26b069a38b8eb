namespace GrowthMonitor.Http;

/// <summary>
/// Errors are application/problem+json whatever the client accepts. ASP.NET Core's own writer declines a client whose
/// <c>Accept</c> names neither JSON nor problem+json (a CSV download, a program asking for XML): status code pages
/// then answer in plain text, and the exception handler gives up, so a 503 went out empty. Registered after the
/// default writer, this one is asked only then, and has the default writer answer as for a client without preference.
/// (A browser, which prefers HTML, gets <see cref="ProblemPageForBrowsers"/>' page before either is asked.)
/// </summary>
public sealed class ProblemJsonForAnyAccept : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var headers = context.HttpContext.Request.Headers;
        var accept = headers.Accept;
        headers.Accept = default;
        try
        {
            // Resolved here: the service holds every writer, this one included.
            await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(context);
        }
        finally
        {
            headers.Accept = accept;
        }
    }
}
