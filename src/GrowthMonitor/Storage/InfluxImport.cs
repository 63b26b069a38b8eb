using System.Globalization;
using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Fields = GrowthMonitor.Storage.Schema.EvaluationFields;
using RunFields = GrowthMonitor.Storage.Schema.IngestRuns;
using Runs = GrowthMonitor.Storage.Schema.EvaluationRuns;
using Tags = GrowthMonitor.Storage.Schema.Targets;

namespace GrowthMonitor.Storage;

/// <summary>
/// Migration 4: what earlier releases kept in InfluxDB and this one keeps in PostgreSQL.
/// <list type="bullet">
/// <item>The run log (<c>ingest_runs</c>, and runs InfluxDB could not take, in <c>growthmonitor.pending_runs</c>), which
/// commits vintages now: without it no figure written before the upgrade would count as committed. Vintages found
/// among the figures but in no run (a process that died mid-run) are recorded as failed runs, so that their numbers
/// are never reused and the next run deletes their figures.</item>
/// <item>How each target was last judged (<c>target_evaluation</c>), as the first stored assessment: alerts compare each
/// run with the one before, and without it the first run after an upgrade would tell every target at risk again as if
/// judged for the first time. Only the current verdict comes along, under a run that names no catalog, so the start
/// judges every target afresh at once.</item>
/// </list>
/// A database that held no earlier release's data imports only from an InfluxDB that answers at once: there may be
/// figures from a release that ran without PostgreSQL, but nothing to wait for if there is none.
/// </summary>
public sealed partial class InfluxImport(InfluxClient influx, GrowthCatalog catalog, IOptions<JsonOptions> json, ILogger<InfluxImport> logger)
{
    private static readonly TimeSpan NewDatabaseProbe = TimeSpan.FromSeconds(1);

    public Migration Migration => new(4, "run log and verdicts imported from InfluxDB", ApplyAsync);

    private async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<InfluxSeries> stored;
        try
        {
            if (!context.Upgrade)
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(NewDatabaseProbe);
                await influx.PingAsync(probe.Token);
            }

            // The service creates its database at start anyway; created here, a new one answers the queries empty.
            await influx.EnsureDatabaseAsync(cancellationToken);
            stored = await influx.QueryAsync(new InfluxQuery(string.Join("; ",
                $"SELECT * FROM {InfluxQl.Identifier(RunFields.Measurement)} GROUP BY *",
                $"SELECT {InfluxQl.Identifier(Schema.IndicatorInfo.Frequency)} FROM {InfluxQl.Identifier(Schema.IndicatorInfo.Measurement)} GROUP BY {InfluxQl.Identifier(Schema.IndicatorInfo.IndicatorTag)}",
                $"SELECT * FROM {InfluxQl.Identifier(Runs.Measurement)} ORDER BY time DESC LIMIT 1",
                $"SELECT * FROM {InfluxQl.Identifier(Tags.EvaluationMeasurement)} GROUP BY {InfluxQl.Identifier(Tags.TargetTag)} ORDER BY time DESC LIMIT 1")),
                cancellationToken);
        }
        catch (Exception e) when (!context.Upgrade && e is InfluxUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNothingToImport(e.Message);
            await ImportPendingAsync(context, cancellationToken);
            return;
        }

        var runs = stored.Where(s => s.Name == RunFields.Measurement).ToList();
        var imported = await ImportRunsAsync(context, runs, stored.Where(s => s.Name == Schema.IndicatorInfo.Measurement), cancellationToken)
            + await ImportPendingAsync(context, cancellationToken);
        var orphans = await RecordOrphansAsync(context, runs.Select(s => s.Tag(RunFields.IndicatorTag)), cancellationToken);
        var verdicts = await ImportVerdictsAsync(context, stored, cancellationToken);
        LogImported(imported, orphans, verdicts);
    }

    private static async Task<int> ImportRunsAsync(MigrationContext context, IReadOnlyList<InfluxSeries> runs, IEnumerable<InfluxSeries> frequencies, CancellationToken cancellationToken)
    {
        var frequencyOf = frequencies.ToDictionary(s => s.Tag(Schema.IndicatorInfo.IndicatorTag), s => s.Rows.Select(r => r.GetString(Schema.IndicatorInfo.Frequency)).LastOrDefault(), StringComparer.Ordinal);
        var imported = 0;
        foreach (var series in runs)
        {
            var indicator = series.Tag(RunFields.IndicatorTag);
            var vintage = int.TryParse(series.Tags.GetValueOrDefault(RunFields.VintageTag), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
            foreach (var row in series.Rows)
            {
                var run = new IngestRun(
                    indicator, series.Tag(RunFields.OutcomeTag), row.Time, row.GetInt64(RunFields.Rows) ?? 0, row.GetInt64(RunFields.Points) ?? 0, row.GetDouble(RunFields.Seconds) ?? 0,
                    row.GetInt64(RunFields.TableUpdated) is { } updated ? DateTimeOffset.FromUnixTimeSeconds(updated) : null,
                    row.GetString(RunFields.LatestPeriod), row.GetString(RunFields.Definition), row.GetString(RunFields.Error)) { Vintage = vintage };
                await InsertAsync(context, run, frequencyOf.GetValueOrDefault(indicator), projected: true, cancellationToken);
                imported++;
            }
        }

        return imported;
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

        var tagValues = await influx.QueryAsync(new InfluxQuery(string.Join("; ",
            indicators.Select(id => $"SHOW TAG VALUES FROM {InfluxQl.Identifier(id)} WITH KEY = {InfluxQl.Identifier(Schema.Figures.VintageTag)}"))), cancellationToken);

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

    private async Task<int> ImportVerdictsAsync(MigrationContext context, IReadOnlyList<InfluxSeries> stored, CancellationToken cancellationToken)
    {
        if (stored.FirstOrDefault(s => s.Name == Runs.Measurement)?.Rows.FirstOrDefault() is not { } run)
        {
            return 0;
        }

        await using var insertRun = new NpgsqlCommand(
            "INSERT INTO growthmonitor.evaluation_runs (at, targets, failed, catalog, seconds) VALUES (@at, @targets, @failed, '', @seconds) RETURNING id",
            context.Connection, context.Transaction);
        insertRun.Parameters.AddWithValue("at", run.Time.UtcDateTime);
        insertRun.Parameters.AddWithValue("targets", (int)(run.GetInt64(Runs.Targets) ?? 0));
        insertRun.Parameters.AddWithValue("failed", (int)(run.GetInt64(Runs.Failed) ?? 0));
        insertRun.Parameters.AddWithValue("seconds", run.GetDouble(Runs.Seconds) ?? 0);
        var runId = (long)(await insertRun.ExecuteScalarAsync(cancellationToken))!;

        var verdicts = stored.Where(s => s.Name == Tags.EvaluationMeasurement)
            .Select(s => (Target: s.Tag(Tags.TargetTag), Row: s.Rows.FirstOrDefault()))
            .Where(v => v.Row is not null && Wire.Status.TryParse(v.Row.GetString(Fields.Status), out _))
            .Select(v => (v.Target, Assessment: new TargetAssessment(Verdict(v.Target, v.Row!), [], [], [])))
            .ToList();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO growthmonitor.target_assessments (target, run, assessment) SELECT target, @run, assessment FROM unnest(@targets, @assessments) AS a (target, assessment)",
            context.Connection, context.Transaction);
        insert.Parameters.AddWithValue("run", runId);
        insert.Parameters.AddWithValue("targets", verdicts.Select(v => v.Target).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("assessments", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = verdicts.Select(v => JsonSerializer.Serialize(v.Assessment, json.Value.SerializerOptions)).ToArray(),
        });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return verdicts.Count;
    }

    private static TargetEvaluation Verdict(string target, InfluxRow row)
    {
        Wire.Status.TryParse(row.GetString(Fields.Status), out var status);
        return new TargetEvaluation(
            target,
            status,
            Period.TryParse(row.GetString(Fields.Period), out var period) ? period : null,
            row.GetDouble(Fields.Actual),
            row.GetDouble(Fields.Expected),
            row.GetDouble(Fields.Baseline),
            row.GetDouble(Fields.Gap),
            row.GetDouble(Fields.Progress),
            null,
            row.GetString(Fields.Reason),
            Wire.Reason.TryParse(row.GetString(Fields.ReasonCode), out var code) ? code : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing imported from InfluxDB ({Reason})")]
    private partial void LogNothingToImport(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported from InfluxDB: {Runs} run(s) of the run log (with the outbox's), {Orphans} uncommitted vintage(s) recorded as failed, the verdicts of {Targets} target(s)")]
    private partial void LogImported(int runs, int orphans, int targets);
}
