using System.Net;
using Polly;
using Refit;

namespace GrowthMonitor.StatBank;

/// <summary>
/// The resilience pipeline retries a request only until its response headers arrive; a data body is streamed
/// afterwards, so a body that breaks (<see cref="IOException"/>, <see cref="HttpIOException"/>), stalls
/// (<see cref="TimeoutException"/>) or is cut off (<see cref="StatBankFormatException"/>) reaches the caller.
/// Wrap the whole unit of work ("fetch, parse, store") in a retry that uses <see cref="IsTransient"/>; it is safe
/// when storing is idempotent.
/// </summary>
public static class StatBankTransientErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        StatBankFormatException or TimeoutException or ExecutionRejectedException => true,
        StatBankException => false,
        HttpRequestException http => http.StatusCode is not { } status || IsTransientStatus(status),
        ApiException api => IsTransientStatus(api.StatusCode),
        IOException => true,
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
