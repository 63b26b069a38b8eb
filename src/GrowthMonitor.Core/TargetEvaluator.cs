using static System.FormattableString;

namespace GrowthMonitor.Core;

public static class TargetEvaluator
{
    private const int ReachSearchYearsPastEnd = 50;

    /// <summary>
    /// Judges the latest period after the baseline year (and not after the target's end) that has a like baseline
    /// value. Throws <see cref="ArgumentException"/> for an invalid target, a Relative target without benchmark, or
    /// a benchmark of another frequency: those are configuration errors, not missing data.
    /// </summary>
    public static TargetEvaluation Evaluate(TargetDefinition target, Series actual, Series? benchmark, EvaluationContext context) =>
        Evaluate(target, TargetFigures.Of(actual, benchmark), context);

    /// <summary>
    /// As <see cref="Evaluate(TargetDefinition, Series, Series?, EvaluationContext)"/>, and says exactly what is missing:
    /// the areas that hold a sum back (<see cref="ReasonCode.MissingAreas"/>), or, for a target with nothing to judge
    /// now, the indicator's failed fetch (<see cref="ReasonCode.FetchFailed"/>). A reason about the benchmark stays.
    /// </summary>
    public static TargetEvaluation Evaluate(TargetDefinition target, TargetFigures figures, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(context);
        var judgedAt = context.AsOf is { } asOf && Midnight(asOf) < context.Now ? Midnight(asOf) : context.Now;
        return EvaluateAsOf(target, figures, context, judgedAt) with { JudgedAt = judgedAt };
    }

    private static TargetEvaluation EvaluateAsOf(TargetDefinition target, TargetFigures figures, EvaluationContext context, DateTimeOffset judgedAt)
    {
        var cutoff = context.AsOf ?? DateOnly.MaxValue;
        var figuresThen = figures.Actual.StartingBefore(cutoff);
        var data = figuresThen.ToDate(target.Aggregation);
        var expectation = new Expectation(target, data, figures.Benchmark?.StartingBefore(cutoff).ToDate(target.Aggregation));
        var evaluation = EvaluateLatest(target, data, expectation);

        var missing = figures.MissingBefore(cutoff);
        // Stale means no area has newer figures; a sum held back by some of its areas says which instead.
        if (StaleReason(target, missing?.Period ?? figuresThen.Latest?.Period, expectation.EndPeriod, judgedAt) is { } stale)
        {
            return evaluation with { Status = TargetStatus.NoData, Reason = stale, ReasonCode = ReasonCode.Stale };
        }

        if (missing is not null && evaluation.ReasonCode != ReasonCode.NoBenchmarkGrowth)
        {
            var heldBack = StaleReason(target, figuresThen.Latest?.Period, expectation.EndPeriod, judgedAt) is not null;
            return evaluation with
            {
                Status = heldBack ? TargetStatus.NoData : evaluation.Status,
                Reason = MissingReason(missing, figures.Areas.Count, figuresThen.Latest?.Period),
                ReasonCode = ReasonCode.MissingAreas,
                Missing = missing,
            };
        }

        return judgedAt == context.Now && figures.FailedFetch is { } failed
               && evaluation.ReasonCode is ReasonCode.NoObservations or ReasonCode.NoComparableObservation
            ? evaluation with
            {
                Reason = Invariant($"The latest fetch from Statistics Denmark, at {failed.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC, failed: {failed.Error}"),
                ReasonCode = ReasonCode.FetchFailed,
                FetchFailure = failed,
            }
            : evaluation;
    }

    /// <summary>
    /// The expected value of every period of the indicator's frequency from the start of the baseline year to the
    /// target's end, for the year so far (<see cref="Aggregations.ToDate"/>), skipping periods without a like baseline
    /// value (or, for Relative, without benchmark growth).
    /// </summary>
    public static IReadOnlyList<TrajectoryPoint> Trajectory(TargetDefinition target, Series actual, Series? benchmark)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actual);
        var expectation = new Expectation(target, actual.ToDate(target.Aggregation), benchmark?.ToDate(target.Aggregation));
        List<TrajectoryPoint> points = [];
        for (var period = Period.Create(actual.Frequency, expectation.BaselineYear, 1);
             period <= expectation.EndPeriod;
             period = period.Next())
        {
            if (expectation.At(period) is { } expected)
            {
                points.Add(new(period, expected));
            }
        }

        return points;
    }

    private static TargetEvaluation EvaluateLatest(TargetDefinition target, Series data, Expectation expectation)
    {
        for (var i = data.Count - 1; i >= 0; i--)
        {
            var (period, value) = data.Observations[i];
            if (period.Year <= expectation.BaselineYear)
            {
                break;
            }

            if (period <= expectation.EndPeriod && expectation.BaselineFor(period) is { } baseline)
            {
                return EvaluateAt(target, data, expectation, period, value, baseline);
            }
        }

        return data.Count == 0
            ? new(target.Id, TargetStatus.NoData, null, null, null, null, null, null, null, "There are no observations.", ReasonCode.NoObservations)
            : new(target.Id, TargetStatus.NoData, null, null, null, null, null, null, null,
                Invariant($"No observation after the baseline year {expectation.BaselineYear} has a value for the same time of year {expectation.BaselineYear} to compare with."),
                ReasonCode.NoComparableObservation);
    }

    private static TargetEvaluation EvaluateAt(
        TargetDefinition target, Series data, Expectation expectation, Period period, double actual, double baseline)
    {
        if (expectation.At(period) is not { } expected)
        {
            return new(target.Id, TargetStatus.NoData, period, actual, null, baseline, null, null, null,
                "The benchmark has no growth after the baseline year to compare with.", ReasonCode.NoBenchmarkGrowth);
        }

        var (status, progress) = Judge(target, actual, baseline, expected);
        var endLike = EndLike(period, expectation.EndPeriod);
        var goal = expectation.At(endLike);
        return new(target.Id, status, period, actual, expected, baseline, actual - expected, progress,
            Project(target, data, period, endLike, goal),
            progress is null
                ? "The expected value equals the baseline, so progress is undefined; the status compares the actual value with the baseline."
                : null,
            progress is null ? ReasonCode.ExpectedEqualsBaseline : null)
        {
            Pace = target.Kind == TargetKind.YearlyGoal ? null : Pace(period, actual, endLike, goal),
        };
    }

    /// <summary>The evaluated period's like period in the target's last year (the year before, if that one lies past the end).</summary>
    private static Period EndLike(Period evaluated, Period endPeriod)
    {
        var endLike = evaluated.SameTimeInYear(endPeriod.Year);
        return endLike > endPeriod ? evaluated.SameTimeInYear(endPeriod.Year - 1) : endLike;
    }

    /// <summary>
    /// Straight (units) and compounded (percent) yearly change from the actual figure to the goal; none in the end year,
    /// and none for a yearly goal, whose every year starts afresh.
    /// </summary>
    private static RequiredPace? Pace(Period evaluated, double actual, Period endLike, double? goal)
    {
        var years = endLike.Year - evaluated.Year;
        if (years <= 0 || goal is not { } endGoal)
        {
            return null;
        }

        var percent = actual > 0 && endGoal > 0 ? (Math.Pow(endGoal / actual, 1.0 / years) - 1) * 100 : (double?)null;
        return new RequiredPace(endGoal, endLike, (endGoal - actual) / years, percent);
    }

    private static string MissingReason(MissingFigures missing, int areaCount, Period? summedUntil)
    {
        var areas = string.Join(", ", missing.Areas.Select(code => $"{code} {DanishAreas.NameOf(code)}"));
        var sum = summedUntil is { } until
            ? Invariant($"the sum over the target's {areaCount} areas ends at {until}")
            : Invariant($"the sum over the target's {areaCount} areas has no figures");
        return Invariant($"No figures for {areas} in {missing.Period}, so {sum}.");
    }

    private static (TargetStatus Status, double? Progress) Judge(TargetDefinition target, double actual, double baseline, double expected)
    {
        var good = target.Direction.Sign();
        if (Tolerance.Equal(expected, baseline))
        {
            return (Tolerance.AtLeast(good * actual, good * baseline) ? TargetStatus.OnTrack : TargetStatus.OffTrack, null);
        }

        // Equals (actual − B) / (expected − B) whenever the expectation moves the good way from B; counted from the
        // expectation it also stays right when the expectation itself moves the other way (a Level goal behind the
        // baseline, or a Relative Up target while the benchmark shrinks), where that quotient would reward falling.
        var progress = 1 + good * (actual - expected) / Math.Abs(expected - baseline);
        var status = Tolerance.AtLeast(progress, target.OnTrackThreshold) ? TargetStatus.OnTrack
            : Tolerance.AtLeast(progress, target.AtRiskThreshold) ? TargetStatus.AtRisk
            : TargetStatus.OffTrack;
        return (status, progress);
    }

    // Always at least two points: the evaluated period and its like baseline period, with ProjectionPeriods ≥ 2. Not
    // so for a yearly goal, whose baseline is no observation and whose goals are set anew each year: a trend across
    // years says nothing about this year's goal, so it has no projection.
    private static Projection? Project(TargetDefinition target, Series data, Period evaluated, Period endLike, double? goal)
    {
        if (target.Kind == TargetKind.YearlyGoal)
        {
            return null;
        }

        var points = data.Observations
            .Where(o => o.Period <= evaluated && o.Period.PositionInYear == evaluated.PositionInYear)
            .TakeLast(target.ProjectionPeriods)
            .ToList();
        var trend = LinearTrend.Fit(points);
        return new(trend.At(endLike.Year), endLike, ReachedIn(target, trend, evaluated, endLike, goal), trend.Slope, endLike.Year + ReachSearchYearsPastEnd);
    }

    private static Period? ReachedIn(TargetDefinition target, LinearTrend trend, Period evaluated, Period endLike, double? goal)
    {
        if (goal is not { } endGoal)
        {
            return null;
        }

        var good = target.Direction.Sign();
        for (var year = evaluated.Year; year <= endLike.Year + ReachSearchYearsPastEnd; year++)
        {
            if (Tolerance.AtLeast(good * trend.At(year), good * endGoal))
            {
                return evaluated.SameTimeInYear(year);
            }
        }

        return null;
    }

    /// <summary>
    /// Stale when the period after the latest one, plus the grace, is overdue. A series that has reached the target's
    /// end holds everything the target needs and never goes stale.
    /// </summary>
    private static string? StaleReason(TargetDefinition target, Period? latestPeriod, Period endPeriod, DateTimeOffset judgedAt)
    {
        if (latestPeriod is not { } latest || latest >= endPeriod)
        {
            return null;
        }

        var deadline = Freshness.OverdueAt(latest, target.StalenessGrace);
        return deadline < judgedAt
            ? Invariant($"The data are stale: the latest period is {latest}, and {latest.Next()} was due by {deadline:yyyy-MM-dd HH:mm} UTC.")
            : null;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day, TimeOnly.MinValue, TimeSpan.Zero);
}
