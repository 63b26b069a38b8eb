using GrowthMonitor.Core;

namespace GrowthMonitor.Targets;

/// <summary>A target in lists: what it is and how it stands now.</summary>
public sealed record TargetSummary(
    string Id,
    string Title,
    string Alliance,
    string Indicator,
    IReadOnlyList<string> Areas,
    string Kind,
    string Direction,
    TargetStatus Status,
    Period? EvaluatedPeriod,
    double? Actual,
    double? Expected,
    double? Progress);

/// <summary>A target in full: its definition, current evaluation, projection and expected path.</summary>
public sealed record TargetDetail(
    string Id,
    string Title,
    string Alliance,
    string Indicator,
    IReadOnlyList<string> Areas,
    string Kind,
    string Direction,
    double? Amount,
    Period BaselinePeriod,
    Period EndPeriod,
    string? Benchmark,
    double OnTrackThreshold,
    double AtRiskThreshold,
    TargetStatus Status,
    Period? EvaluatedPeriod,
    double? Actual,
    double? Expected,
    double? Baseline,
    double? Gap,
    double? Progress,
    Projection? Projection,
    string? Reason,
    IReadOnlyList<TrajectoryPoint> Trajectory);

public static class TargetViews
{
    public static TargetSummary Summary(TargetResult result)
    {
        var (spec, evaluation) = (result.Target.Spec, result.Evaluation);
        return new(spec.Id, result.Target.Title, spec.Alliance, spec.Indicator, spec.Areas, spec.Kind, Direction(result),
            evaluation.Status, evaluation.EvaluatedPeriod, evaluation.Actual, evaluation.Expected, evaluation.Progress);
    }

    public static TargetDetail Detail(TargetResult result)
    {
        var (spec, definition, evaluation) = (result.Target.Spec, result.Target.Definition, result.Evaluation);
        return new(spec.Id, result.Target.Title, spec.Alliance, spec.Indicator, spec.Areas, spec.Kind, Direction(result), spec.Amount,
            definition.Baseline, definition.End, spec.Benchmark, definition.OnTrackThreshold, definition.AtRiskThreshold,
            evaluation.Status, evaluation.EvaluatedPeriod, evaluation.Actual, evaluation.Expected, evaluation.Baseline, evaluation.Gap,
            evaluation.Progress, evaluation.Projection, evaluation.Reason, result.Trajectory);
    }

    private static string Direction(TargetResult result) => result.Target.Definition.Direction == Core.Direction.Down ? "down" : "up";
}
