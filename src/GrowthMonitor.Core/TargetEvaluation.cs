using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>
/// How a target stands at <see cref="EvaluatedPeriod"/>. Baseline is the like-period baseline value, Gap is
/// Actual − Expected (positive means above expectation, whichever direction is good), Progress is
/// (Actual − Baseline) / (Expected − Baseline) and null when Expected equals Baseline.
/// </summary>
public sealed record TargetEvaluation(
    string TargetId,
    TargetStatus Status,
    Period? EvaluatedPeriod,
    double? Actual,
    double? Expected,
    double? Baseline,
    double? Gap,
    double? Progress,
    Projection? Projection,
    string? Reason,
    ReasonCode? ReasonCode = null);

/// <summary>Why a target has no verdict, or a note on it; <see cref="TargetEvaluation.Reason"/> says it in English.</summary>
[JsonConverter(typeof(ReasonCodeJsonConverter))]
public enum ReasonCode
{
    NoObservations,
    NoComparableObservation,
    NoBenchmarkGrowth,
    Stale,
    ExpectedEqualsBaseline,

    /// <summary>No evaluation run has judged the target (for this year) yet.</summary>
    NotEvaluated,
}

/// <summary>
/// A linear trend fitted to the latest like periods (Slope per year): its value at <see cref="At"/> (the evaluated
/// period's like period in the target's last year), and the first like period, from the evaluated one up to
/// <see cref="SearchUntilYear"/>, where it reaches the end goal; null if it never does.
/// </summary>
public sealed record Projection(double ProjectedAtEnd, Period At, Period? ReachedIn, double Slope, int SearchUntilYear);

public sealed record TrajectoryPoint(Period Period, double Expected);
