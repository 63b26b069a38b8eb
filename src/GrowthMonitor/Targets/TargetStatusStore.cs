using GrowthMonitor.Core;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Targets;

/// <summary>One stored evaluation of a target, from measurement <c>target_status</c>.</summary>
public sealed record TargetHistoryPoint(Period Period, TargetStatus Status, double? Actual, double? Expected, double? Baseline, double? Progress, double? Projected);

/// <summary>
/// Writes evaluations to <c>target_status</c> (time = the evaluated period) and expected paths to
/// <c>target_trajectory</c> (one point per period), tags <c>target</c> and <c>alliance</c>. Re-evaluating overwrites, so
/// the history keeps one point per target and period; Grafana reads both.
/// </summary>
public sealed class TargetStatusStore(InfluxClient influx)
{
    public const string StatusMeasurement = "target_status";
    public const string TrajectoryMeasurement = "target_trajectory";

    public async Task WriteAsync(TargetResult result, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] tags = [new("target", result.Target.Id), new("alliance", result.Target.Spec.Alliance)];
        var points = result.Trajectory
            .Select(p => new InfluxPoint(TrajectoryMeasurement, tags, [new("expected", FieldValue.Float(p.Expected))], p.Period.StartUtc))
            .ToList();
        var evaluation = result.Evaluation;
        if (evaluation.EvaluatedPeriod is { } period)
        {
            List<KeyValuePair<string, FieldValue>> fields = [new("status", FieldValue.String(evaluation.Status.ToWireString()))];
            AddNumber(fields, "actual", evaluation.Actual);
            AddNumber(fields, "expected", evaluation.Expected);
            AddNumber(fields, "baseline", evaluation.Baseline);
            AddNumber(fields, "progress", evaluation.Progress);
            AddNumber(fields, "projected", evaluation.Projection?.ProjectedAtEnd);
            points.Add(new InfluxPoint(StatusMeasurement, tags, fields, period.StartUtc));
        }

        await influx.WriteAsync(points, cancellationToken);
    }

    public async Task<IReadOnlyList<TargetHistoryPoint>> HistoryAsync(string targetId, Frequency frequency, CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(
            new InfluxQuery($"SELECT * FROM {StatusMeasurement} WHERE target = $target", new Dictionary<string, object> { ["target"] = targetId }),
            cancellationToken);
        return [.. series.SelectMany(s => s.Rows)
            .Select(row => TargetStatusWire.TryParse(row.GetString("status"), out var status)
                ? new TargetHistoryPoint(Period.FromStart(frequency, row.Time), status, row.GetDouble("actual"), row.GetDouble("expected"), row.GetDouble("baseline"), row.GetDouble("progress"), row.GetDouble("projected"))
                : null)
            .OfType<TargetHistoryPoint>()
            .OrderBy(p => p.Period)];
    }

    private static void AddNumber(List<KeyValuePair<string, FieldValue>> fields, string key, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            fields.Add(new(key, FieldValue.Float(number)));
        }
    }
}
