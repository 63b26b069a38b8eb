using System.Globalization;
using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Influx;
using Npgsql;
using Fields = GrowthMonitor.Storage.Schema.IngestRuns;

namespace GrowthMonitor.Storage;

/// <summary>
/// Migration 3: the run log of releases that kept it in InfluxDB's <c>ingest_runs</c> (and, for runs InfluxDB could not
/// take, in <c>growthmonitor.pending_runs</c>) moves into <c>growthmonitor.ingest_runs</c>, which commits vintages now:
/// without it no figure written before the upgrade would count as committed. Vintages found among the figures but in no
/// run (a process that died mid-run) are recorded as failed runs, so that their numbers are never reused and the next
/// run deletes their figures.
/// </summary>
public sealed partial class RunLogImport(InfluxClient influx, GrowthCatalog catalog, ILogger<RunLogImport> logger)
{
    public Migration Migration => new(3, "run log imported from InfluxDB", ApplyAsync);

    private async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<InfluxSeries> runs, frequencies;
        try
        {
            // The service creates its database at start anyway; created here, a new one answers the queries empty.
            await influx.EnsureDatabaseAsync(cancellationToken);
            var stored = await influx.QueryAsync(new InfluxQuery(
                $"SELECT * FROM {InfluxQl.Identifier(Fields.Measurement)} GROUP BY *; " +
                $"SELECT {InfluxQl.Identifier(Schema.IndicatorInfo.Frequency)} FROM {InfluxQl.Identifier(Schema.IndicatorInfo.Measurement)} GROUP BY {InfluxQl.Identifier(Schema.IndicatorInfo.IndicatorTag)}"),
                cancellationToken);
            runs = [.. stored.Where(s => s.Name == Fields.Measurement)];
            frequencies = [.. stored.Where(s => s.Name == Schema.IndicatorInfo.Measurement)];
        }
        catch (InfluxUnavailableException e) when (!context.Upgrade)
        {
            // A new database beside an InfluxDB that is away or empty: there is no earlier run log to lose.
            LogNothingToImport(e.Message);
            runs = frequencies = [];
        }

        var frequencyOf = frequencies.ToDictionary(s => s.Tag(Schema.IndicatorInfo.IndicatorTag), s => s.Rows.Select(r => r.GetString(Schema.IndicatorInfo.Frequency)).LastOrDefault(), StringComparer.Ordinal);
        var imported = 0;
        foreach (var series in runs)
        {
            var indicator = series.Tag(Fields.IndicatorTag);
            var vintage = int.TryParse(series.Tags.GetValueOrDefault(Fields.VintageTag), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
            foreach (var row in series.Rows)
            {
                var run = new IngestRun(
                    indicator, series.Tag(Fields.OutcomeTag), row.Time, row.GetInt64(Fields.Rows) ?? 0, row.GetInt64(Fields.Points) ?? 0, row.GetDouble(Fields.Seconds) ?? 0,
                    row.GetInt64(Fields.TableUpdated) is { } updated ? DateTimeOffset.FromUnixTimeSeconds(updated) : null,
                    row.GetString(Fields.LatestPeriod), row.GetString(Fields.Definition), row.GetString(Fields.Error)) { Vintage = vintage };
                await InsertAsync(context, run, frequencyOf.GetValueOrDefault(indicator), projected: true, cancellationToken);
                imported++;
            }
        }

        imported += await ImportPendingAsync(context, cancellationToken);
        var orphans = await RecordOrphansAsync(context, runs.Select(s => s.Tag(Fields.IndicatorTag)), cancellationToken);
        LogImported(imported, orphans);
    }

    /// <summary>Runs release 14 kept in PostgreSQL while InfluxDB was down; the table goes with this migration.</summary>
    private static async Task<int> ImportPendingAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        List<IngestRun> pending = [];
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('growthmonitor.pending_runs') IS NOT NULL", context.Connection, context.Transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using (var query = new NpgsqlCommand("SELECT run FROM growthmonitor.pending_runs ORDER BY id", context.Connection, context.Transaction))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add(JsonSerializer.Deserialize<IngestRun>(reader.GetString(0))!);
            }
        }

        foreach (var run in pending)
        {
            await InsertAsync(context, run, frequency: null, projected: false, cancellationToken);
        }

        await using var drop = new NpgsqlCommand("DROP TABLE growthmonitor.pending_runs", context.Connection, context.Transaction);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        return pending.Count;
    }

    private async Task<int> RecordOrphansAsync(MigrationContext context, IEnumerable<string> runIndicators, CancellationToken cancellationToken)
    {
        var indicators = catalog.Indicators.Select(i => i.Id).Concat(runIndicators).Distinct(StringComparer.Ordinal).ToList();
        if (indicators.Count == 0)
        {
            return 0;
        }

        IReadOnlyList<InfluxSeries> tagValues;
        try
        {
            tagValues = await influx.QueryAsync(new InfluxQuery(string.Join("; ",
                indicators.Select(id => $"SHOW TAG VALUES FROM {InfluxQl.Identifier(id)} WITH KEY = {InfluxQl.Identifier(Schema.Figures.VintageTag)}"))), cancellationToken);
        }
        catch (InfluxUnavailableException) when (!context.Upgrade)
        {
            return 0;
        }

        var orphans = 0;
        foreach (var series in tagValues)
        {
            foreach (var value in series.Rows.Select(r => r.GetString("value")))
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var vintage) && vintage > 0)
                {
                    var run = new IngestRun(series.Name, IngestOutcome.Failed, DateTimeOffset.UnixEpoch, 0, 0, 0, null, null, null,
                        "Figures found at the upgrade under a vintage that no run committed.") { Vintage = vintage };
                    orphans += await InsertAsync(context, run, frequency: null, projected: true, cancellationToken);
                }
            }
        }

        return orphans;
    }

    /// <summary>Inserts an imported run; 0 when a run of the same vintage is there already.</summary>
    private static async Task<int> InsertAsync(MigrationContext context, IngestRun run, string? frequency, bool projected, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO growthmonitor.ingest_runs (indicator, outcome, at, rows, points, seconds, table_updated, latest_period, definition, error, vintage, frequency, projected)
            VALUES (@indicator, @outcome, @at, @rows, @points, @seconds, @tableUpdated, @latestPeriod, @definition, @error, @vintage, @frequency, @projected)
            ON CONFLICT (indicator, vintage) WHERE vintage IS NOT NULL DO NOTHING
            """, context.Connection, context.Transaction);
        IngestRuns.AddParameters(insert, run);
        insert.Parameters.AddWithValue("frequency", (object?)(run.Outcome == IngestOutcome.Success ? frequency : null) ?? DBNull.Value);
        insert.Parameters.AddWithValue("projected", projected);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run log: nothing imported from InfluxDB ({Reason})")]
    private partial void LogNothingToImport(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run log: imported {Runs} run(s) from InfluxDB and the outbox; {Orphans} uncommitted vintage(s) found and recorded as failed")]
    private partial void LogImported(int runs, int orphans);
}
