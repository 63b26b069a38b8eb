using GrowthMonitor.Hangfire;
using GrowthMonitor.Influx;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace GrowthMonitor;

/// <summary>
/// A store being unreachable is not the caller's fault and not a bug: answer 503 with a ProblemDetails that names the
/// store (InfluxDB, or the job storage in PostgreSQL) and says when to try again, instead of a 500. Other services'
/// failures (Statistics Denmark) are not the stores' and are not answered here; nor is a statement a store refused,
/// which is a bug.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, JobStorageChoice jobStorage, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (UnavailableStore(exception) is not { } store)
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Path, store.Title, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = store.Title,
                Detail = store.Detail,
            },
        });
    }

    private (string Title, string Detail)? UnavailableStore(Exception exception) => exception switch
    {
        InfluxUnavailableException => ("InfluxDB unavailable", "InfluxDB could not be reached; try again shortly. /health/ready shows what is down."),
        _ when IsJobStorageUnreachable(exception) => ("Job storage unavailable",
            $"The job storage ({jobStorage.Description}) could not be reached, so nothing was queued; try again shortly. /health/ready shows what is down."),
        _ => null,
    };

    /// <summary>
    /// PostgreSQL could not be reached: Npgsql marks refused connections, timeouts and broken connections transient.
    /// Hangfire wraps a failed enqueue in <see cref="BackgroundJobClientException"/>; the alert ledger throws Npgsql's own.
    /// </summary>
    private static bool IsJobStorageUnreachable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed: {Store}: {Reason}")]
    private partial void LogUnavailable(string path, string store, string reason);
}
