using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace GrowthMonitor.Http;

/// <summary>
/// A request the server refused while an endpoint read its body itself (an upload): over
/// <c>RequestLimits:MaxRequestBodySize</c> 413, cut short 400. Endpoints whose body ASP.NET Core binds answer these
/// with the status code already; an endpoint that reads the body got the exception instead, which became a 500 with a
/// stack trace in the log. Answered here as the same ProblemDetails, logged as one line: the client's mistake, no bug.
/// </summary>
public sealed partial class RefusedRequestHandler(IProblemDetailsService problems, ILogger<RefusedRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException refused)
        {
            return false;
        }

        LogRefused(httpContext.Request.Method, httpContext.Request.Path, refused.StatusCode, refused.Message);
        httpContext.Response.StatusCode = refused.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = refused.StatusCode, Title = ReasonPhrases.GetReasonPhrase(refused.StatusCode), Detail = refused.Message },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Method} {Path} refused with {Status}: {Reason}")]
    private partial void LogRefused(string method, string path, int status, string reason);
}
