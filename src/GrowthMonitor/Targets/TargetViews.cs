using GrowthMonitor.Catalog;
using GrowthMonitor.Core;

namespace GrowthMonitor.Targets;

/// <summary>What a target is, as the catalog defines it, for API answers and reports.</summary>
public sealed record TargetInfo(
    string Id,
    string Title,
    string Alliance,
    string Indicator,
    string IndicatorTitle,
    string? Unit,
    IReadOnlyList<string> Areas,
    string Kind,
    string Direction,
    double? Amount,
    Period BaselinePeriod,
    Period EndPeriod,
    string? Benchmark,
    double OnTrackThreshold,
    double AtRiskThreshold)
{
    public static TargetInfo From(CatalogTarget target)
    {
        var (spec, definition) = (target.Spec, target.Definition);
        return new(spec.Id, target.Title, spec.Alliance, spec.Indicator, target.Indicator.Title, target.Indicator.Unit, spec.Areas, spec.Kind,
            definition.Direction == Core.Direction.Down ? "down" : "up", spec.Amount, definition.Baseline, definition.End, spec.Benchmark,
            definition.OnTrackThreshold, definition.AtRiskThreshold);
    }
}

/// <summary>A target and how it stands now.</summary>
public sealed record TargetSummary(TargetInfo Target, TargetEvaluation Evaluation)
{
    public static TargetSummary From(TargetResult result) => new(TargetInfo.From(result.Target), result.Evaluation);
}

/// <summary>A target, how it stands now, and its expected path period by period.</summary>
public sealed record TargetDetail(TargetInfo Target, TargetEvaluation Evaluation, IReadOnlyList<TrajectoryPoint> Trajectory)
{
    public static TargetDetail From(TargetResult result) => new(TargetInfo.From(result.Target), result.Evaluation, result.Trajectory);
}
