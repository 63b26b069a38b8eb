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
    ReasonCode? ReasonCode = null)
{
    /// <summary>With <see cref="ReasonCode.MissingAreas"/>: the period and the areas without a figure for it.</summary>
    public MissingFigures? Missing { get; init; }

    /// <summary>With <see cref="ReasonCode.FetchFailed"/>: the indicator's failed fetch.</summary>
    public FetchFailure? FetchFailure { get; init; }

    /// <summary>What it takes from the evaluated period to reach the goal by the target's end; null in the end year.</summary>
    public RequiredPace? Pace { get; init; }

    /// <summary>The moment the target was judged as of: when the run judged it, or for a year's end the moment the year ended.</summary>
    public DateTimeOffset? JudgedAt { get; init; }
}

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

    /// <summary>
    /// Some of the target's areas have no figure for the newest period the others have, so the sum stops earlier
    /// (<see cref="TargetEvaluation.Missing"/> names them).
    /// </summary>
    MissingAreas,

    /// <summary>The target has no figures to judge, and the indicator's latest fetch failed (<see cref="TargetEvaluation.FetchFailure"/>).</summary>
    FetchFailed,
}

/// <summary>The newest period some of a target's areas have, and the areas that have no figure for it.</summary>
public sealed record MissingFigures(Period Period, IReadOnlyList<string> Areas);

/// <summary>
/// The change needed each year from the evaluated period to reach <see cref="Goal"/> (the expected value in the like
/// period <see cref="By"/> of the target's end year): in units (PerYear) and, where both ends are positive, compounded
/// in percent (PercentPerYear). Negative when the figure may fall and still reach the goal.
/// </summary>
public sealed record RequiredPace(double Goal, Period By, double PerYear, double? PercentPerYear);

/// <summary>
/// A linear trend fitted to the latest like periods (Slope per year): its value at <see cref="At"/> (the evaluated
/// period's like period in the target's last year), and the first like period, from the evaluated one up to
/// <see cref="SearchUntilYear"/>, where it reaches the end goal; null if it never does.
/// </summary>
public sealed record Projection(double ProjectedAtEnd, Period At, Period? ReachedIn, double Slope, int SearchUntilYear);

public sealed record TrajectoryPoint(Period Period, double Expected);
