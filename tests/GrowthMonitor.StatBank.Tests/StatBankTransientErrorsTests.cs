using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GrowthMonitor.StatBank.Tests;

public class StatBankTransientErrorsTests
{
    public static TheoryData<Exception, bool> Errors => new()
    {
        { new StatBankFormatException("cut off"), true },
        { new HttpIOException(HttpRequestError.ResponseEnded), true },
        { new IOException("connection reset"), true },
        { new TimeoutException(), true },
        { new TimeoutRejectedException(), true },
        { new BrokenCircuitException(), true },
        { new HttpRequestException("no route"), true },
        { new HttpRequestException("busy", null, HttpStatusCode.ServiceUnavailable), true },
        { new HttpRequestException("throttled", null, HttpStatusCode.TooManyRequests), true },
        { new HttpRequestException("missing", null, HttpStatusCode.NotFound), false },
        { new StatBankNotFoundException("gone", "gone", new("data", "X", [])), false },
        { new StatBankRequestLimitException("too big", "too big", new("data", "X", [])), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsTransient_Exception_ClassifiesRetryability(Exception exception, bool transient) =>
        Assert.Equal(transient, StatBankTransientErrors.IsTransient(exception));
}
