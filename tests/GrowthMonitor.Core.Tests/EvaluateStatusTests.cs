using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>Threshold edges, the undefined-progress case, and which period is judged.</summary>
public sealed class EvaluateStatusTests
{
    [Theory]
    // expected(2021) = 1000 + 100 × 1 = 1100; r = (actual − 1000) / (1100 − 1000)
    [InlineData(1100.0, TargetStatus.OnTrack, 1.0)]      // 100 / 100 = 1.0: exactly on track
    [InlineData(1099.9, TargetStatus.AtRisk, 0.999)]     // 99.9 / 100, just below on track
    [InlineData(1085.0, TargetStatus.AtRisk, 0.85)]      // 85 / 100 = 0.85: exactly at risk
    [InlineData(1084.9, TargetStatus.OffTrack, 0.849)]   // 84.9 / 100, just below at risk
    [InlineData(1150.0, TargetStatus.OnTrack, 1.5)]      // 150 / 100
    [InlineData(950.0, TargetStatus.OffTrack, -0.5)]     // −50 / 100
    public void Evaluate_ThresholdEdges_Status(double actual, TargetStatus expected, double progress)
    {
        var jobs = Of(("2020", 1000), ("2021", actual));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, Contexts.Fresh(jobs));

        Assert.Equal(expected, result.Status);
        Assert.Equal(progress, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_ActualEqualsCompoundedExpectation_OnTrackDespiteRounding()
    {
        // 1000 × 1.1² is 1210 by hand, but 1210.0000000000002 in doubles, so r comes out 0.9999999999999989.
        var jobs = Of(("2020", 1000), ("2022", 1210));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.PercentGrowth, 10), jobs, null, Contexts.Fresh(jobs));

        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Equal(1.0, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_CustomThresholds_Applied()
    {
        var jobs = Of(("2020", 1000), ("2021", 1085));
        var strict = Increase(100) with { AtRiskThreshold = 0.9, OnTrackThreshold = 1.1 };

        var result = TargetEvaluator.Evaluate(strict, jobs, null, Contexts.Fresh(jobs));

        // r = 85 / 100 = 0.85 < 0.9
        Assert.Equal(TargetStatus.OffTrack, result.Status);
    }

    [Theory]
    // Level goal 1000 equals the baseline, so expected = 1000 + (1000 − 1000) × t / T = 1000 every year.
    [InlineData(Direction.Up, 1000.0, TargetStatus.OnTrack)]
    [InlineData(Direction.Up, 1001.0, TargetStatus.OnTrack)]
    [InlineData(Direction.Up, 999.0, TargetStatus.OffTrack)]
    [InlineData(Direction.Down, 999.0, TargetStatus.OnTrack)]
    [InlineData(Direction.Down, 1000.0, TargetStatus.OnTrack)]
    [InlineData(Direction.Down, 1001.0, TargetStatus.OffTrack)]
    public void Evaluate_ExpectedEqualsBaseline_GoodSideOfBaselineWithoutProgress(
        Direction direction, double actual, TargetStatus expected)
    {
        var jobs = Of(("2020", 1000), ("2022", actual));
        var hold = Target(TargetKind.Level, 1000) with { Direction = direction };

        var result = TargetEvaluator.Evaluate(hold, jobs, null, Contexts.Fresh(jobs));

        Assert.Equal(expected, result.Status);
        Assert.Equal(1000, result.Expected);
        Assert.Null(result.Progress);
        Assert.Equal(
            "The expected value equals the baseline, so progress is undefined; the status compares the actual value with the baseline.",
            result.Reason);
        Assert.Equal(ReasonCode.ExpectedEqualsBaseline, result.ReasonCode);
    }

    [Fact]
    public void Evaluate_RelativeToFlatBenchmark_ExpectedEqualsBaseline()
    {
        var denmark = Of(("2020", 1000), ("2021", 1000));
        var jobs = Of(("2020", 500), ("2021", 499));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.Relative, null), jobs, denmark, Contexts.Fresh(jobs));

        // rb = 1000 / 1000 − 1 = 0; expected = 500 × 1.0 = 500 = baseline; 499 is below it.
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.Equal(500, result.Expected);
        Assert.Null(result.Progress);
    }

    [Fact]
    public void Evaluate_DataAfterTargetEnd_JudgesEndPeriod()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400), ("2025", 1420), ("2026", 1900));

        var result = TargetEvaluator.Evaluate(Increase(100, end: "2025"), jobs, null, Contexts.Fresh(jobs));

        // 2026 lies after the target; 2025: expected = 1000 + 100 × 5 = 1500, r = 420 / 500 = 0.84
        Assert.Equal(Period.Parse("2025"), result.EvaluatedPeriod);
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.Equal(0.84, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_AsOfCutOff_IgnoresLaterPeriods()
    {
        var jobs = Of(("2020", 1000), ("2021", 1100), ("2022", 1150), ("2023", 1400));

        var result = TargetEvaluator.Evaluate(
            Increase(100), jobs, null, EvaluationContext.AtEndOfYear(2022, Contexts.Utc(2024, 6, 1)));

        // Status at the end of 2022: expected = 1000 + 100 × 2 = 1200; r = 150 / 200 = 0.75.
        // (With 2023: expected 1300, r = 400 / 300, on track.)
        Assert.Equal(Period.Parse("2022"), result.EvaluatedPeriod);
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.Equal(0.75, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_AsOfCutOff_BenchmarkCutToo()
    {
        var denmark = Of(("2020", 1000), ("2021", 1100), ("2022", 1331));
        var jobs = Of(("2020", 500), ("2021", 560), ("2022", 640));

        var result = TargetEvaluator.Evaluate(
            Target(TargetKind.Relative, 2), jobs, denmark, EvaluationContext.AtEndOfYear(2021, Contexts.Utc(2023, 6, 1)));

        // Only 2021 counts: rb = 1100 / 1000 − 1 = 0.10; rate 0.12; expected = 500 × 1.12 = 560; r = 60 / 60 = 1.0
        Assert.Equal(560, result.Expected!.Value, 9);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_Now_JudgedAtNow()
    {
        var jobs = Of(("2020", 1000), ("2021", 1100));
        var now = new DateTimeOffset(2022, 3, 4, 10, 30, 0, TimeSpan.Zero);

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, new EvaluationContext(now));

        Assert.Equal(now, result.JudgedAt);
    }

    [Fact]
    public void Evaluate_AtTheEndOfAPastYear_JudgedAtTheYearsLastMoment()
    {
        var jobs = Of(("2020", 1000), ("2021", 1100));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, EvaluationContext.AtEndOfYear(2021, new DateTimeOffset(2023, 5, 1, 8, 0, 0, TimeSpan.Zero)));

        // The end of 2021 is the first moment of 2022 (the cut-off takes figures before it).
        Assert.Equal(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero), result.JudgedAt);
    }
}
