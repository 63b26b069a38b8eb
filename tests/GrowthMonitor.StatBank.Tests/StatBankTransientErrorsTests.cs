using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GrowthMonitor.StatBank.Tests;

public class StatBankTransientErrorsTests
{
    public static TheoryData<Exception, bool> Errors => new()
    {
        { new StatBankFormatException("The body ends inside line 3") { CutOff = true }, true },
        { new HttpIOException(HttpRequestError.ResponseEnded), true },
        { new IOException("connection reset"), true },
        { new TimeoutException("no data for 30 s"), true },
        // What the resilience handler gave up on after its own retries, or never sent: not the caller's to repeat.
        { new StatBankFormatException("The header '<!DOCTYPE html>' has no INDHOLD column"), false },
        { new TimeoutRejectedException(), false },
        { new BrokenCircuitException(), false },
        { new HttpRequestException("no route"), false },
        { new HttpRequestException("busy", null, HttpStatusCode.ServiceUnavailable), false },
        { new HttpRequestException("throttled", null, HttpStatusCode.TooManyRequests), false },
        { new StatBankNotFoundException("gone", "gone", new("data", "X", [])), false },
        { new StatBankRequestLimitException("too big", "too big", new("data", "X", [])), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsBrokenBody_Exception_TrueOnlyForABodyThatBrokeMidRead(Exception exception, bool broken) =>
        Assert.Equal(broken, StatBankTransientErrors.IsBrokenBody(exception));
}
