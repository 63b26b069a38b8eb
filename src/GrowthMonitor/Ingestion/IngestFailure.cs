using System.Net;
using GrowthMonitor.Catalog;
using GrowthMonitor.Influx;
using GrowthMonitor.StatBank;
using Polly;
using Refit;

namespace GrowthMonitor.Ingestion;

/// <summary>
/// A failed ingestion in one sentence an operator can act on: what went wrong and what to check, instead of a stack
/// trace. The network, the address of Statistics Denmark's API, a code in the catalog and InfluxDB each have their own
/// remedy.
/// </summary>
public sealed record IngestFailure(string Cause, string Remedy)
{
    public static IngestFailure Explain(Exception exception, IndicatorDefinition indicator, Uri statBankUrl)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(indicator);
        var catalog = $"correct indicator '{indicator.Id}' in the catalog (Catalog:Path) against table {indicator.StatBankTable}'s /tableinfo";
        var address = $"check StatBank:BaseUrl ({statBankUrl}; Statistics Denmark's is https://api.statbank.dk/v1/)";
        return exception switch
        {
            IndicatorDefinitionException definition => new($"the catalog does not match table {indicator.StatBankTable}: {string.Join(" ", definition.Problems)}", catalog),
            StatBankException refused => new(refused.Message, catalog),
            InfluxException influx => new($"InfluxDB: {influx.Message}", "check that InfluxDB runs and that Influx:Url and Influx:Database name it"),
            StatBankFormatException unreadable => new($"the answer from {statBankUrl} could not be read: {unreadable.Message}", $"it is fetched again on the next run; if it persists, {address}"),
            _ when StatusOf(exception) is { } status and (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) =>
                new($"{statBankUrl} answered {(int)status} {status}: it is not Statistics Denmark's API", address),
            _ when StatusOf(exception) is { } status =>
                new($"Statistics Denmark answered {(int)status} {status}", $"it is fetched again on the next run; if it persists, {address}"),
            _ when IsUnreachable(exception) =>
                new($"Statistics Denmark could not be reached at {statBankUrl}: {Closest(exception).Message}",
                    $"check the network connection, the proxy (HTTPS_PROXY) and StatBank:BaseUrl"),
            _ => new($"{exception.GetType().Name}: {exception.Message}", "the stack trace is logged at level Debug (Logging:LogLevel:GrowthMonitor.Ingestion)"),
        };
    }

    /// <summary>The HTTP status of a response that was not a success (Refit's exception, or one from EnsureSuccessStatusCode).</summary>
    private static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        ApiException api => api.StatusCode,
        HttpRequestException { StatusCode: { } status } => status,
        _ => null,
    };

    /// <summary>A connection, DNS, TLS or proxy failure, a timeout, or an open circuit after such failures.</summary>
    private static bool IsUnreachable(Exception exception) =>
        Chain(exception).Any(e => e is HttpRequestException or System.Net.Sockets.SocketException or TimeoutException
            or TaskCanceledException or ExecutionRejectedException or System.Security.Authentication.AuthenticationException);

    /// <summary>The innermost HttpClient failure ("Connection refused (api.statbank.dk:443)"), or the innermost exception.</summary>
    private static Exception Closest(Exception exception) =>
        Chain(exception).OfType<HttpRequestException>().LastOrDefault() ?? Chain(exception).Last();

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
