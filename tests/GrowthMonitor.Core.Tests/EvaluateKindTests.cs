using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>Each target kind in each direction, evaluated on annual data.</summary>
public sealed class EvaluateKindTests
{
    [Fact]
    public void Evaluate_AnnualIncreaseUpAhead_OnTrack()
    {
        var jobs = Of(("2020", 1000), ("2023", 1350));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, Contexts.Fresh(jobs));

        // t = 2023 − 2020 = 3; expected = 1000 + 100 × 3 = 1300; gap = 1350 − 1300 = 50
        // r = (1350 − 1000) / (1300 − 1000) = 350 / 300 = 1.1667 ≥ 1.0
        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Equal("test-target", result.TargetId);
        Assert.Equal(Period.Parse("2023"), result.EvaluatedPeriod);
        Assert.Equal(1350, result.Actual);
        Assert.Equal(1000, result.Baseline);
        Assert.Equal(1300, result.Expected);
        Assert.Equal(50, result.Gap);
        Assert.Equal(350.0 / 300.0, result.Progress!.Value, 12);
        Assert.Null(result.Reason);
        Assert.Null(result.ReasonCode);
    }

    [Fact]
    public void Evaluate_AnnualIncreaseDownBehind_OffTrack()
    {
        var unemployed = Of(("2020", 1000), ("2022", 920));
        var target = Increase(50) with { Direction = Direction.Down };

        var result = TargetEvaluator.Evaluate(target, unemployed, null, Contexts.Fresh(unemployed));

        // expected = 1000 − 50 × 2 = 900; gap = 920 − 900 = 20
        // r = (920 − 1000) / (900 − 1000) = −80 / −100 = 0.8 < 0.85
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.Equal(900, result.Expected);
        Assert.Equal(20, result.Gap);
        Assert.Equal(0.8, result.Progress!.Value, 12);
    }

    [Fact]
    public void Evaluate_PercentGrowthUpSlightlyBehind_AtRisk()
    {
        var firms = Of(("2020", 2000), ("2022", 2190));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.PercentGrowth, 5), firms, null, Contexts.Fresh(firms));

        // expected = 2000 × 1.05² = 2000 × 1.1025 = 2205
        // r = (2190 − 2000) / (2205 − 2000) = 190 / 205 = 0.9268, in [0.85, 1.0)
        Assert.Equal(TargetStatus.AtRisk, result.Status);
        Assert.Equal(2205, result.Expected!.Value, 9);
        Assert.Equal(190.0 / 205.0, result.Progress!.Value, 12);
    }

    [Fact]
    public void Evaluate_PercentGrowthDownAhead_OnTrack()
    {
        var unemployed = Of(("2020", 2000), ("2022", 1600));
        var target = Target(TargetKind.PercentGrowth, 10) with { Direction = Direction.Down };

        var result = TargetEvaluator.Evaluate(target, unemployed, null, Contexts.Fresh(unemployed));

        // expected = 2000 × (1 − 0.10)² = 2000 × 0.81 = 1620
        // r = (1600 − 2000) / (1620 − 2000) = −400 / −380 = 1.0526
        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Equal(1620, result.Expected!.Value, 9);
        Assert.Equal(-20, result.Gap!.Value, 9);
        Assert.Equal(400.0 / 380.0, result.Progress!.Value, 12);
    }

    [Fact]
    public void Evaluate_LevelUpBehind_OffTrack()
    {
        var population = Of(("2020", 50_000), ("2023", 52_000));

        var result = TargetEvaluator.Evaluate(
            Target(TargetKind.Level, 56_000, end: "2026"), population, null, Contexts.Fresh(population));

        // T = 2026 − 2020 = 6, t = 3; expected = 50000 + (56000 − 50000) × 3 / 6 = 53000
        // r = (52000 − 50000) / (53000 − 50000) = 2000 / 3000 = 0.6667
        Assert.Equal(TargetStatus.OffTrack, result.Status);
        Assert.Equal(53_000, result.Expected!.Value, 9);
        Assert.Equal(2.0 / 3.0, result.Progress!.Value, 12);
    }

    [Fact]
    public void Evaluate_LevelDownSlightlyBehind_AtRisk()
    {
        var unemployed = Of(("2020", 5000), ("2022", 4450));
        var target = Target(TargetKind.Level, 3500, end: "2025") with { Direction = Direction.Down };

        var result = TargetEvaluator.Evaluate(target, unemployed, null, Contexts.Fresh(unemployed));

        // T = 5, t = 2; expected = 5000 + (3500 − 5000) × 2 / 5 = 5000 − 600 = 4400
        // r = (4450 − 5000) / (4400 − 5000) = −550 / −600 = 0.9167
        Assert.Equal(TargetStatus.AtRisk, result.Status);
        Assert.Equal(4400, result.Expected!.Value, 9);
        Assert.Equal(550.0 / 600.0, result.Progress!.Value, 12);
    }

    [Fact]
    public void Evaluate_RelativeUpFasterThanDenmark_OnTrack()
    {
        var denmark = Of(("2020", 1000), ("2022", 1210));
        var jobs = Of(("2020", 500), ("2022", 640));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.Relative, 2), jobs, denmark, Contexts.Fresh(jobs));

        // g = 1210 / 1000 = 1.21; rb = 1.21^(1/2) − 1 = 0.10; rate = 0.10 + 2/100 = 0.12
        // expected = 500 × 1.12² = 500 × 1.2544 = 627.2; r = (640 − 500) / (627.2 − 500) = 140 / 127.2 = 1.1006
        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Equal(627.2, result.Expected!.Value, 9);
        Assert.Equal(12.8, result.Gap!.Value, 9);
        Assert.Equal(140 / 127.2, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_RelativeDownSlightlyBehind_AtRisk()
    {
        var denmark = Of(("2020", 1000), ("2022", 810));
        var unemployed = Of(("2020", 500), ("2022", 400));
        var target = Target(TargetKind.Relative, 2) with { Direction = Direction.Down };

        var result = TargetEvaluator.Evaluate(target, unemployed, denmark, Contexts.Fresh(unemployed));

        // g = 0.81; rb = 0.81^(1/2) − 1 = −0.10; rate = −0.10 − 2/100 = −0.12
        // expected = 500 × 0.88² = 500 × 0.7744 = 387.2; r = (400 − 500) / (387.2 − 500) = 100 / 112.8 = 0.8865
        Assert.Equal(TargetStatus.AtRisk, result.Status);
        Assert.Equal(387.2, result.Expected!.Value, 9);
        Assert.Equal(100 / 112.8, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_RelativeBenchmarkBehind_LatestBenchmarkRate()
    {
        // Denmark's 2022 figure is not published yet; its latest annualised rate is 2021's.
        var denmark = Of(("2020", 1000), ("2021", 1100));
        var jobs = Of(("2020", 500), ("2022", 640));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.Relative, 2), jobs, denmark, Contexts.Fresh(jobs));

        // rb(2021) = 1100 / 1000 − 1 = 0.10; rate = 0.12; expected(2022) = 500 × 1.12² = 627.2
        Assert.Equal(627.2, result.Expected!.Value, 9);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_RelativeUpWhileDenmarkShrinks_ProgressCountedFromExpectation()
    {
        var denmark = Of(("2020", 1000), ("2021", 900));
        var jobs = Of(("2020", 500), ("2021", 480));

        // No amount: grow as fast as Denmark.
        var result = TargetEvaluator.Evaluate(Target(TargetKind.Relative, null), jobs, denmark, Contexts.Fresh(jobs));

        // rb = 900 / 1000 − 1 = −0.10; expected = 500 × 0.90 = 450, below the baseline.
        // Losing 20 where Denmark's pace loses 50 beats the target: r = 1 + (480 − 450) / |450 − 500| = 1 + 30/50 = 1.6.
        // (The plain quotient (480 − 500) / (450 − 500) = 0.4 would call it off track.)
        Assert.Equal(TargetStatus.OnTrack, result.Status);
        Assert.Equal(450, result.Expected!.Value, 9);
        Assert.Equal(1.6, result.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_RelativeBenchmarkWithoutBaselineYear_NoData()
    {
        var denmark = Of(("2021", 1100), ("2022", 1200));
        var jobs = Of(("2020", 500), ("2022", 640));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.Relative, 2), jobs, denmark, Contexts.Fresh(jobs));

        Assert.Equal(TargetStatus.NoData, result.Status);
        Assert.Equal(Period.Parse("2022"), result.EvaluatedPeriod);
        Assert.Equal(640, result.Actual);
        Assert.Equal(500, result.Baseline);
        Assert.Null(result.Expected);
        Assert.Equal("The benchmark has no growth after the baseline year to compare with.", result.Reason);
        Assert.Equal(ReasonCode.NoBenchmarkGrowth, result.ReasonCode);
    }

    [Fact]
    public void Evaluate_RelativeWithoutBenchmark_Throws()
    {
        var jobs = Of(("2020", 500), ("2022", 640));

        Assert.Throws<ArgumentException>(() =>
            TargetEvaluator.Evaluate(Target(TargetKind.Relative, 2), jobs, null, Contexts.Fresh(jobs)));
    }

    [Fact]
    public void Evaluate_BenchmarkOfOtherFrequency_Throws()
    {
        var jobs = Of(("2020", 500), ("2022", 640));
        var quarterlyDenmark = Consecutive("2020K1", 1000, 1010);

        Assert.Throws<ArgumentException>(() =>
            TargetEvaluator.Evaluate(Target(TargetKind.Relative, 2), jobs, quarterlyDenmark, Contexts.Fresh(jobs)));
    }

    [Fact]
    public void Evaluate_InvalidTarget_ThrowsWithProblems()
    {
        var jobs = Of(("2020", 500), ("2022", 640));

        var exception = Assert.Throws<ArgumentException>(() =>
            TargetEvaluator.Evaluate(Increase(-5), jobs, null, Contexts.Fresh(jobs)));

        Assert.Contains("Amount must be greater than 0", exception.Message, StringComparison.Ordinal);
    }
}
