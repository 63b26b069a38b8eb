using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>
/// Everything one evaluation run judges about a target, so that no reader has to judge again: how it stands now,
/// how it stood at each period since the baseline year, at the end of each year (the annual report), and its actual
/// figures beside the expected path.
/// </summary>
public sealed record TargetAssessment(
    TargetEvaluation Current,
    IReadOnlyList<TargetEvaluation> History,
    IReadOnlyList<YearEndEvaluation> YearEnds,
    IReadOnlyList<ChartPoint> Path)
{
    /// <summary>
    /// The table the figures come from, as the evaluation run found it; null before any fetch succeeded or for an
    /// assessment made without it.
    /// </summary>
    public DataSource? Source { get; init; }

    /// <summary>
    /// The early estimate of the first year the indicator has not published yet, when the indicator names a leading
    /// one (<see cref="NowcastMethod"/>); null without one, and then <see cref="NowcastUnavailable"/> may say why.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Nowcast? Nowcast { get; init; }

    /// <summary>Why an indicator with a leading one has no estimate now (e.g. no quarter of the year yet).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NowcastUnavailable { get; init; }

    /// <summary>
    /// Judges <paramref name="target"/> on <paramref name="actual"/> (summed over the target's areas) at
    /// <paramref name="now"/>. History holds one evaluation per period after the baseline year that has a like
    /// baseline value, judged on the data up to that period; YearEnds one per year from the baseline year to now's.
    /// </summary>
    public static TargetAssessment Assess(TargetDefinition target, Series actual, Series? benchmark, DateTimeOffset now) =>
        Assess(target, TargetFigures.Of(actual, benchmark), now);

    /// <summary>As the other overload, on figures that may name their areas and a failed fetch, so that reasons say what is missing.</summary>
    public static TargetAssessment Assess(TargetDefinition target, TargetFigures figures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(figures);
        var actual = figures.Actual;
        var history = actual.Observations
            .Where(o => o.Period.Year > target.Baseline.Year)
            .Select(o => TargetEvaluator.Evaluate(target, figures, new EvaluationContext(now, o.Period.End)) is var evaluation
                        && evaluation.EvaluatedPeriod == o.Period ? evaluation : null)
            .OfType<TargetEvaluation>()
            .ToList();
        var yearEnds = Enumerable.Range(target.Baseline.Year, Math.Max(0, now.Year - target.Baseline.Year + 1))
            .Select(year => YearEnd(target, figures, year, now))
            .ToList();
        return new(
            TargetEvaluator.Evaluate(target, figures, new EvaluationContext(now)),
            history,
            yearEnds,
            PathOf(target, actual, TargetEvaluator.Trajectory(target, actual, figures.Benchmark)));
    }

    private static YearEndEvaluation YearEnd(TargetDefinition target, TargetFigures figures, int year, DateTimeOffset now)
    {
        var context = EvaluationContext.AtEndOfYear(year, now);
        var cutoff = context.AsOf!.Value;
        return new(
            year,
            TargetEvaluator.Evaluate(target, figures, context),
            YearChange.Compute(figures.Actual.StartingBefore(cutoff), year, target, figures.Benchmark?.StartingBefore(cutoff)));
    }

    /// <summary>
    /// Actual figures and the expected path side by side, per period from the baseline year to the target's end. Counts
    /// are shown period by period, as entered: each period's expected count is its share of what the year so far expects.
    /// </summary>
    private static List<ChartPoint> PathOf(TargetDefinition target, Series actual, IReadOnlyList<TrajectoryPoint> trajectory)
    {
        var expected = trajectory.ToDictionary(p => p.Period, p => p.Expected);
        if (target.Aggregation == Aggregation.Sum)
        {
            expected = expected
                .Where(p => p.Key.PositionInYear == 1 || expected.ContainsKey(p.Key.Previous()))
                .ToDictionary(p => p.Key, p => p.Key.PositionInYear == 1 ? p.Value : p.Value - expected[p.Key.Previous()]);
        }

        var last = expected.Count > 0 ? expected.Keys.Max() : (Period?)null;
        var figures = actual.Observations
            .Where(o => o.Period.Year >= target.Baseline.Year && (last is null || o.Period <= last))
            .ToDictionary(o => o.Period, o => o.Value);
        return [.. expected.Keys.Union(figures.Keys).Order()
            .Select(period => new ChartPoint(period, figures.TryGetValue(period, out var a) ? a : null, expected.TryGetValue(period, out var e) ? e : null))];
    }
}

/// <summary>How a target stood at the end of <see cref="Year"/>, on the data up to that year, and the year's change.</summary>
public sealed record YearEndEvaluation(int Year, TargetEvaluation Evaluation, YearChange? Change);

/// <summary>One period of a target's path: the actual figure where there is one, and the expected value.</summary>
public sealed record ChartPoint(Period Period, double? Actual, double? Expected);
