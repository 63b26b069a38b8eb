using GrowthMonitor.Influx;

namespace GrowthMonitor.Storage;

/// <summary>
/// Creates the database once InfluxDB answers. The service starts even while InfluxDB is down, so that
/// <c>/health/ready</c> can say what is missing instead of the process dying in a restart loop.
/// </summary>
public sealed partial class InfluxDatabaseInitializer(InfluxClient influx, TimeProvider time, ILogger<InfluxDatabaseInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await influx.EnsureDatabaseAsync(stoppingToken);
                LogReady(influx.Database);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotReady(influx.Database, e.Message);
            }

            await Task.Delay(RetryDelay, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB database {Database} is ready")]
    private partial void LogReady(string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB database {Database} is not ready yet: {Reason}")]
    private partial void LogNotReady(string database, string reason);
}
