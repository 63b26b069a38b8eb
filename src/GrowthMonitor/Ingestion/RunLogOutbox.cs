using System.Text.Json;
using GrowthMonitor.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Ingestion;

/// <summary>
/// Runs that could not be recorded in <c>ingest_runs</c> because InfluxDB was down (a failed run while InfluxDB
/// refuses is the usual case): kept in PostgreSQL (table <c>growthmonitor.pending_runs</c>)
/// and written to <c>ingest_runs</c> once InfluxDB answers again, so the run log shows every failure.
/// </summary>
public sealed partial class RunLogOutbox(ServiceDatabase database, IngestRuns runs, IOptions<IngestionOptions> options, TimeProvider time, ILogger<RunLogOutbox> logger)
    : BackgroundService
{
    public async Task KeepAsync(IngestRun run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("INSERT INTO growthmonitor.pending_runs (run) VALUES (@run)", connection);
        insert.Parameters.Add(new NpgsqlParameter("run", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(run) });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes every kept run to <c>ingest_runs</c>, oldest first; stops at the first that InfluxDB still refuses.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        while (true)
        {
            long id;
            IngestRun run;
            await using (var next = new NpgsqlCommand("SELECT id, run FROM growthmonitor.pending_runs ORDER BY id LIMIT 1", connection))
            await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return;
                }

                (id, run) = (reader.GetInt64(0), JsonSerializer.Deserialize<IngestRun>(reader.GetString(1))!);
            }

            await runs.RecordAsync(run, cancellationToken);
            await using var delete = new NpgsqlCommand("DELETE FROM growthmonitor.pending_runs WHERE id = @id", connection);
            delete.Parameters.AddWithValue("id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            LogRecordedLate(run.Indicator, run.Outcome, run.Time);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RunLogRetryInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Still down; the runs wait for the next tick.
                LogStillPending(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: the {Outcome} run of {Time:O} is now in ingest_runs")]
    private partial void LogRecordedLate(string indicator, string outcome, DateTimeOffset time);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Runs wait to be recorded in ingest_runs: {Reason}")]
    private partial void LogStillPending(string reason);
}
