using System.Text.Json;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Fields = GrowthMonitor.Storage.Schema.EvaluationFields;
using Runs = GrowthMonitor.Storage.Schema.EvaluationRuns;
using Tags = GrowthMonitor.Storage.Schema.Targets;

namespace GrowthMonitor.Targets;

/// <summary>
/// Migration 5: how the previous release last judged each target, from its <c>target_evaluation</c> in InfluxDB, as the
/// first stored assessment of this one. Alerts compare each run with the one before; without this, the first run after
/// an upgrade would tell every target at risk again as if judged for the first time. Only the current verdict comes
/// along, under a run that names no catalog, so the start judges every target afresh at once.
/// </summary>
public sealed partial class AssessmentImport(InfluxClient influx, IOptions<JsonOptions> json, ILogger<AssessmentImport> logger)
{
    public Migration Migration => new(5, "assessments imported from InfluxDB", ApplyAsync);

    private async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<InfluxSeries> stored;
        try
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
            stored = await influx.QueryAsync(new InfluxQuery(
                $"SELECT * FROM {InfluxQl.Identifier(Runs.Measurement)} ORDER BY time DESC LIMIT 1; " +
                $"SELECT * FROM {InfluxQl.Identifier(Tags.EvaluationMeasurement)} GROUP BY {InfluxQl.Identifier(Tags.TargetTag)} ORDER BY time DESC LIMIT 1"),
                cancellationToken);
        }
        catch (InfluxUnavailableException e) when (!context.Upgrade)
        {
            LogNothingToImport(e.Message);
            return;
        }

        if (stored.FirstOrDefault(s => s.Name == Runs.Measurement)?.Rows.FirstOrDefault() is not { } run)
        {
            return;
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
        LogImported(verdicts.Count, run.Time);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessments: nothing imported from InfluxDB ({Reason})")]
    private partial void LogNothingToImport(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessments: imported the verdicts of {Targets} target(s) from the evaluation run of {Run:O}")]
    private partial void LogImported(int targets, DateTimeOffset run);
}
