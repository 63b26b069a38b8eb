namespace GrowthMonitor.StatBank;

/// <summary>
/// Which failure of a data read the caller should retry. The client's resilience handler retries each request (5xx,
/// 408, 429, timeouts, connection failures) until its response headers arrive, and JSON answers are read inside it; a
/// data body is streamed afterwards, where no handler can repeat it. So one failure is left to the caller: a body
/// that broke after a 200 started it. Wrap the whole unit of work ("fetch, parse, store") in a retry that handles
/// <see cref="IsBrokenBody"/> (safe when storing is idempotent), and nothing else: a 5xx, a timeout or an open circuit
/// reaching the caller has had its retries already, and an error the server states (<see cref="StatBankException"/>)
/// or a body it sent whole but wrong will not change on a second read.
/// </summary>
public static class StatBankTransientErrors
{
    /// <summary>
    /// The connection broke while the body was read (<see cref="IOException"/>, <see cref="HttpIOException"/>: a
    /// request that fails before its headers surfaces as an <see cref="HttpRequestException"/> instead), no bytes came
    /// for <see cref="StatBankOptions.AttemptTimeout"/> (<see cref="TimeoutException"/>; the handler's own timeouts are
    /// Polly's <c>TimeoutRejectedException</c>), or the body ended early (<see cref="StatBankFormatException.CutOff"/>).
    /// </summary>
    public static bool IsBrokenBody(Exception exception) => exception switch
    {
        StatBankFormatException format => format.CutOff,
        IOException or TimeoutException => true,
        _ => false,
    };
}
