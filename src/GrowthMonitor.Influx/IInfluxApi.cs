using Refit;

namespace GrowthMonitor.Influx;

/// <summary>
/// The three endpoints every InfluxDB line serves (1.x natively, 2.x through its v1 compatibility API, 3 Core natively).
/// Responses come back raw so that <see cref="InfluxClient"/> can read InfluxDB's own error bodies.
/// </summary>
public interface IInfluxApi
{
    [Get("/ping")]
    Task<HttpResponseMessage> PingAsync(CancellationToken cancellationToken);

    [Post("/write")]
    Task<HttpResponseMessage> WriteAsync([Query] string db, [Query] string precision, [Body] HttpContent lineProtocol, CancellationToken cancellationToken);

    /// <summary>Statements and bound parameters travel in a form body, so they never appear in URLs or access logs.</summary>
    [Post("/query")]
    Task<HttpResponseMessage> QueryAsync([Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken cancellationToken);
}
