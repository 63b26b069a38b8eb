using GrowthMonitor.Influx;
using Microsoft.AspNetCore.Diagnostics;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GrowthMonitor;

/// <summary>
/// InfluxDB being down is not the caller's fault and not a bug: answer 503 with a ProblemDetails that says so,
/// instead of a 500.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (InfluxException or HttpRequestException or BrokenCircuitException or TimeoutRejectedException))
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "InfluxDB could not be reached; try again shortly. /health/ready shows what is down.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed because storage is unavailable: {Reason}")]
    private partial void LogUnavailable(string path, string reason);
}
