using GrowthMonitor.Presentation;
using GrowthMonitor.Presentation.Components;
using Microsoft.Net.Http.Headers;

namespace GrowthMonitor.Http;

/// <summary>
/// Every ProblemDetails answer, as a Danish page for a person in a browser: a request whose <c>Accept</c> prefers
/// text/html to JSON gets <see cref="ErrorPage"/> with the same status code; API clients keep
/// application/problem+json. The one place that does this, so an endpoint only ever returns its ProblemDetails.
/// Registered before ASP.NET Core's default writer, which would otherwise answer a browser's <c>*/*</c> with JSON.
/// </summary>
public sealed class ProblemPageForBrowsers : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => PrefersHtml(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        response.ContentType = ComponentHtml.ContentType;
        var page = await ComponentHtml.RenderAsync<ErrorPage>(
            ComponentHtml.Parameter(nameof(ErrorPage.Status), problem.Status ?? response.StatusCode),
            ComponentHtml.Parameter(nameof(ErrorPage.Sentence), (problem as ProblemForReaders)?.Danish),
            ComponentHtml.Parameter(nameof(ErrorPage.EnglishDetail), problem.Detail),
            ComponentHtml.Parameter(nameof(ErrorPage.Frame), FrameOf(context.HttpContext)));
        await response.WriteAsync(page, context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The request's frame (the signed-in person's links, the accessibility statement); an answer written after the response
    /// began, or by a host without people, gets none.
    /// </summary>
    private static PageFrame FrameOf(HttpContext http)
    {
        try
        {
            return http.RequestServices.GetService<IPageFrames>()?.For(http) ?? PageFrame.Anonymous;
        }
        catch (InvalidOperationException)
        {
            // Antiforgery cannot set its cookie once the response has started.
            return PageFrame.Anonymous;
        }
    }

    /// <summary>
    /// True when the first of text/html and JSON in the client's order of preference is text/html, named as such: a
    /// browser's navigation. A client without Accept, with <c>*/*</c> alone, or that names JSON first, gets JSON.
    /// </summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().Accept
            .Select((type, order) => (type, order))
            .OrderByDescending(a => a.type.Quality ?? 1)
            .ThenBy(a => a.order)
            .Select(a => a.type)
            .FirstOrDefault(type => (type.Quality ?? 1) > 0 && (IsHtml(type) || IsJson(type)));
        return preferred is not null && IsHtml(preferred);
    }

    private static bool IsHtml(MediaTypeHeaderValue type) => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
