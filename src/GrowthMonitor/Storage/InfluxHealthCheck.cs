using GrowthMonitor.Health;
using GrowthMonitor.Influx;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Storage;

public sealed class InfluxHealthCheck(InfluxClient influx, IOptions<InfluxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthSetup.CheckTimeout);
        try
        {
            await influx.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy($"InfluxDB at {options.Value.Url} answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"InfluxDB at {options.Value.Url} did not answer within {HealthSetup.CheckTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"InfluxDB at {options.Value.Url} is unreachable: {e.Message}");
        }
    }
}
