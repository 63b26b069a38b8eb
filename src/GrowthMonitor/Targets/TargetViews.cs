using System.Text.Json.Serialization;
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
    TargetKind Kind,
    Direction Direction,
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
        return new(spec.Id, target.Title, spec.Alliance, spec.Indicator, target.Indicator.Title, target.Indicator.Unit, spec.Areas, definition.Kind,
            definition.Direction, definition.Amount, definition.Baseline, definition.End, spec.Benchmark,
            definition.OnTrackThreshold, definition.AtRiskThreshold)
        {
            FocusArea = spec.FocusArea,
            Owner = spec.Owner?.Name,
            IndicatorSource = target.Indicator.SourceName,
            Goals = definition.Kind == TargetKind.YearlyGoal ? definition.Goals : null,
            Pace = definition.Kind == TargetKind.YearlyGoal ? definition.Pace : null,
        };
    }

    /// <summary>The focus area or collaboration group the target belongs to.</summary>
    public string? FocusArea { get; init; }

    /// <summary>The name of who answers for the target (the catalog's e-mail address is for alerts, not published).</summary>
    public string? Owner { get; init; }

    /// <summary><c>statbank</c>, or <c>manual</c> for figures entered by hand.</summary>
    public string IndicatorSource { get; init; } = IndicatorSources.StatBank;

    /// <summary>
    /// For yearly-goal targets: the goal of each year, those set through the service over the catalog's when the target
    /// was given with them applied (<see cref="GoalBook.Apply"/>).
    /// </summary>
    public IReadOnlyDictionary<int, double>? Goals { get; init; }

    /// <summary>For yearly-goal targets: what is expected before the year is over (pro-rata or level).</summary>
    public GoalPace? Pace { get; init; }
}

/// <summary>A target and how it stands now, as the latest evaluation run judged it (EvaluatedAt: when).</summary>
public sealed record TargetSummary(TargetInfo Target, TargetEvaluation Evaluation, DateTimeOffset? EvaluatedAt)
{
    public static TargetSummary From(CatalogTarget target, StoredAssessment stored) =>
        new(TargetInfo.From(target), stored.Assessment.Current, stored.EvaluatedAt);

    /// <summary>The target as the snapshot has it: its goals those that apply.</summary>
    public static TargetSummary From(CatalogTarget target, AssessmentSnapshot assessments) => From(assessments.Goals.Apply(target), assessments.Of(target));
}

/// <summary>
/// A target, how it stands now, its expected path, its actual figures beside that path, and the early estimate of the
/// first year not yet published when its indicator has a leading one.
/// </summary>
public sealed record TargetDetail(
    TargetInfo Target,
    TargetEvaluation Evaluation,
    IReadOnlyList<TrajectoryPoint> Trajectory,
    IReadOnlyList<ChartPoint> Path,
    DateTimeOffset? EvaluatedAt)
{
    public static TargetDetail From(CatalogTarget target, StoredAssessment stored) => new(
        TargetInfo.From(target),
        stored.Assessment.Current,
        [.. stored.Assessment.Path.Where(p => p.Expected is not null).Select(p => new TrajectoryPoint(p.Period, p.Expected!.Value))],
        stored.Assessment.Path,
        stored.EvaluatedAt)
    {
        Nowcast = stored.Assessment.Nowcast,
        NowcastUnavailable = stored.Assessment.NowcastUnavailable,
    };

    /// <summary>
    /// The target with the goals that apply (<c>target.goals</c>) and, for a yearly-goal target, those goals by year with
    /// where each comes from (<c>goals</c>).
    /// </summary>
    public static TargetDetail From(CatalogTarget target, AssessmentSnapshot assessments) =>
        From(assessments.Goals.Apply(target), assessments.Of(target)) with
        {
            Goals = target.Definition.Kind == TargetKind.YearlyGoal ? assessments.Goals.Of(target) : null,
        };

    /// <summary>For a yearly-goal target: the goal that applies to each year, the catalog's or one set through the service; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TargetGoal>? Goals { get; init; }

    /// <summary>The estimate as the latest evaluation run stored it; absent when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Nowcast? Nowcast { get; init; }

    /// <summary>Why an indicator with a leading one has no estimate now; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NowcastUnavailable { get; init; }
}

/// <summary>How a target stood at one period, judged on the figures up to that period.</summary>
public sealed record TargetHistoryPoint(
    Period Period,
    TargetStatus Status,
    double? Actual,
    double? Expected,
    double? Baseline,
    double? Progress,
    double? Projected,
    double? Gap,
    ReasonCode? ReasonCode,
    string? Reason)
{
    public static TargetHistoryPoint From(TargetEvaluation evaluation) => new(
        evaluation.EvaluatedPeriod!.Value, evaluation.Status, evaluation.Actual, evaluation.Expected, evaluation.Baseline,
        evaluation.Progress, evaluation.Projection?.ProjectedAtEnd, evaluation.Gap, evaluation.ReasonCode, evaluation.Reason);
}
