using GrowthMonitor.Core;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Targets;

/// <summary>One stored evaluation of a target, from measurement <c>target_status</c>.</summary>
public sealed record TargetHistoryPoint(Period Period, TargetStatus Status, double? Actual, double? Expected, double? Baseline, double? Progress, double? Projected);

/// <summary>
/// Writes evaluations to <c>target_status</c> (time = the evaluated period) and expected paths, with the actual
/// figures beside them, to <c>target_trajectory</c> (one point per period), tags <c>target</c> and <c>alliance</c>. Re-evaluating overwrites, so
/// the history keeps one point per target and period; Grafana reads both.
/// </summary>
public sealed class TargetStatusStore(InfluxClient influx)
{
    public const string StatusMeasurement = "target_status";
    public const string TrajectoryMeasurement = "target_trajectory";

    public async Task WriteAsync(TargetResult result, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] tags = [new("target", result.Target.Id), new("alliance", result.Target.Spec.Alliance)];
        var points = result.Path().Select(p => new InfluxPoint(TrajectoryMeasurement, tags, Fields(("expected", p.Expected), ("actual", p.Actual)), p.Period.StartUtc)).ToList();
        var evaluation = result.Evaluation;
        if (evaluation.EvaluatedPeriod is { } period)
        {
            var fields = Fields(("actual", evaluation.Actual), ("expected", evaluation.Expected), ("baseline", evaluation.Baseline),
                ("progress", evaluation.Progress), ("projected", evaluation.Projection?.ProjectedAtEnd));
            fields.Insert(0, new("status", FieldValue.String(evaluation.Status.ToWireString())));
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

    /// <summary>The numbers that have a value; InfluxDB has no null, a missing field is left out.</summary>
    private static List<KeyValuePair<string, FieldValue>> Fields(params (string Key, double? Value)[] numbers) =>
        [.. numbers.Where(n => n.Value is { } v && double.IsFinite(v)).Select(n => KeyValuePair.Create(n.Key, FieldValue.Float(n.Value!.Value)))];
}
