using static System.FormattableString;

namespace GrowthMonitor.Core;

/// <summary>
/// The expected values of one target on one indicator's figures for the year so far (<see cref="Aggregations.ToDate"/>):
/// every period is compared with the baseline value of its like period in the baseline year, and time runs in whole
/// years, so seasons never count as growth.
/// </summary>
internal sealed class Expectation
{
    private readonly TargetDefinition target;
    private readonly Series actual;
    private readonly Series? benchmark;
    private readonly double? latestBenchmarkRate;

    public Expectation(TargetDefinition target, Series actual, Series? benchmark)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(actual);
        if (target.Validate() is [_, ..] problems)
        {
            throw new ArgumentException($"Target '{target.Id}' is invalid: {string.Join(" ", problems)}", nameof(target));
        }

        if (target.Kind == TargetKind.Relative && benchmark is null)
        {
            throw new ArgumentException($"Relative target '{target.Id}' needs a benchmark series.", nameof(benchmark));
        }

        if (benchmark is not null && benchmark.Frequency != actual.Frequency)
        {
            throw new ArgumentException(
                $"The benchmark is {benchmark.Frequency} but the series is {actual.Frequency}; like periods need one axis.",
                nameof(benchmark));
        }

        this.target = target;
        this.actual = actual;
        this.benchmark = benchmark;
        EndPeriod = Period.Containing(actual.Frequency, target.End.End.AddDays(-1));
        latestBenchmarkRate = benchmark?.Observations.Reverse().Select(o => BenchmarkRate(o.Period, o.Value))
            .FirstOrDefault(rate => rate is not null);
    }

    /// <summary>The target's last period on the indicator's axis, e.g. 2030K4 for a quarterly series and End 2030.</summary>
    public Period EndPeriod { get; }

    public int BaselineYear => target.Baseline.Year;

    /// <summary>The like period's figure in the baseline year; a yearly goal counts from zero.</summary>
    public double? BaselineFor(Period period) =>
        target.Kind == TargetKind.YearlyGoal ? 0
        : actual.TryGetValue(period.SameTimeInYear(BaselineYear), out var baseline) ? baseline : null;

    /// <summary>
    /// Null where the target says nothing (before the baseline year, after the end), where the like baseline value is
    /// missing, or for a Relative target whose benchmark has no growth rate yet.
    /// </summary>
    public double? At(Period period)
    {
        var yearShare = (double)period.PositionInYear / period.PeriodsPerYear;
        if (target.Kind == TargetKind.YearlyGoal)
        {
            return period <= EndPeriod && target.Goals.TryGetValue(period.Year, out var goal)
                ? goal * (target.Aggregation == Aggregation.Sum || target.Pace == GoalPace.ProRata ? yearShare : 1)
                : null;
        }

        // Amounts are a year's worth: counts are due their share of it by each period, levels and averages all of it.
        var share = target.Aggregation == Aggregation.Sum ? yearShare : 1;

        var years = period.Year - BaselineYear;
        if (years < 0 || period > EndPeriod || BaselineFor(period) is not { } baseline)
        {
            return null;
        }

        if (years == 0)
        {
            return baseline;
        }

        var good = target.Direction.Sign();
        var amount = target.Amount ?? 0;
        return target.Kind switch
        {
            TargetKind.AnnualIncrease => baseline + good * amount * share * years,
            TargetKind.PercentGrowth => Compound(baseline, good * amount / 100, years),
            TargetKind.Level => baseline + (amount * share - baseline) * years / (target.End.Year - BaselineYear),
            TargetKind.Relative => BenchmarkRateAt(period) is { } rate ? Compound(baseline, rate + good * amount / 100, years) : null,
            _ => throw new InvalidOperationException(Invariant($"Unknown target kind {target.Kind}.")),
        };
    }

    // Periods the benchmark has not reached yet (it often lags) grow at its latest annualised rate.
    private double? BenchmarkRateAt(Period period) =>
        benchmark!.TryGetValue(period, out var value) && BenchmarkRate(period, value) is { } rate ? rate : latestBenchmarkRate;

    /// <summary>The benchmark's annualised growth from its like baseline: g^(1/t) − 1.</summary>
    private double? BenchmarkRate(Period period, double value)
    {
        var years = period.Year - BaselineYear;
        if (years < 1 || !benchmark!.TryGetValue(period.SameTimeInYear(BaselineYear), out var baseline))
        {
            return null;
        }

        var rate = Math.Pow(value / baseline, 1.0 / years) - 1;
        return double.IsFinite(rate) ? rate : null;
    }

    // A rate of −100 % or worse has no meaningful compound path.
    private static double? Compound(double baseline, double rate, int years) =>
        1 + rate > 0 ? baseline * Math.Pow(1 + rate, years) : null;
}
