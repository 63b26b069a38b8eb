using GrowthMonitor.Influx;
using Microsoft.AspNetCore.Diagnostics;

namespace GrowthMonitor;

/// <summary>
/// InfluxDB being unreachable is not the caller's fault and not a bug: answer 503 with a ProblemDetails that names
/// InfluxDB and says when to try again, instead of a 500. Other services' failures (Statistics Denmark) are not
/// InfluxDB's and are not answered here.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InfluxUnavailableException)
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "InfluxDB unavailable",
                Detail = "InfluxDB could not be reached; try again shortly. /health/ready shows what is down.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed because InfluxDB is unavailable: {Reason}")]
    private partial void LogUnavailable(string path, string reason);
}
