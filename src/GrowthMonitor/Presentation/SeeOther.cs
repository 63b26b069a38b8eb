namespace GrowthMonitor.Presentation;

/// <summary>
/// 303 See Other: the answer to a form posted successfully (post-redirect-get), which the browser follows with a GET
/// whatever it posted, so that reloading the page shows it again rather than posting twice. ASP.NET Core's redirects
/// are 301/302/307/308 only.
/// </summary>
public sealed class SeeOther(string location) : IResult
{
    public string Location { get; } = location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
