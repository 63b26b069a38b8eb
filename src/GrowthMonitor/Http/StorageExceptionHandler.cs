using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace GrowthMonitor.Http;

/// <summary>
/// The stores' failures that are no bug, answered as ProblemDetails instead of a 500: a store that cannot be reached
/// (InfluxDB, or the job storage in PostgreSQL) is 503 naming it, with <c>Retry-After</c>; a time InfluxDB cannot
/// store is the caller's bad input, 400. Other services' failures (Statistics Denmark) are not answered here, nor is
/// a statement a store refused: that is a bug.
/// </summary>
public sealed partial class StorageExceptionHandler(IProblemDetailsService problems, ServiceDatabase database, ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Answer(exception) is not { } answer)
        {
            return false;
        }

        httpContext.Response.StatusCode = answer.Status;
        if (answer.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(httpContext.Request.Path, answer.Title, exception.Message);
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = answer.Status, Title = answer.Title, Detail = answer.Detail },
        });
    }

    private (int Status, string Title, string Detail)? Answer(Exception exception) => exception switch
    {
        InfluxUnavailableException => (StatusCodes.Status503ServiceUnavailable, "InfluxDB unavailable",
            "InfluxDB could not be reached; try again shortly. /health/ready shows what is down."),
        InfluxTimeRangeException => (StatusCodes.Status400BadRequest, "Invalid period", exception.Message),
        _ when IsPostgresUnreachable(exception) => exception is BackgroundJobClientException
            ? (StatusCodes.Status503ServiceUnavailable, "Job storage unavailable",
                $"The job storage ({database.Description}) could not be reached, so nothing was queued; try again shortly. /health/ready shows what is down.")
            : (StatusCodes.Status503ServiceUnavailable, "PostgreSQL unavailable",
                $"PostgreSQL ({database.Description}) could not be reached, so nothing was read or stored; try again shortly. /health/ready shows what is down."),
        _ => null,
    };

    /// <summary>
    /// PostgreSQL could not be reached: Npgsql marks refused connections, timeouts and broken connections transient.
    /// Hangfire wraps a failed enqueue in <see cref="BackgroundJobClientException"/>; the alert ledger throws Npgsql's own.
    /// </summary>
    private static bool IsPostgresUnreachable(Exception exception)
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
