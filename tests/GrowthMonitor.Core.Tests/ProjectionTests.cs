using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

public sealed class ProjectionTests
{
    [Fact]
    public void Evaluate_PerfectlyLinearSeries_ExactSlopeAndReachYear()
    {
        var jobs = Consecutive("2020", 1000, 1050, 1100, 1150, 1200);

        var result = TargetEvaluator.Evaluate(Increase(100, end: "2026"), jobs, null, Contexts.Fresh(jobs));

        // Slope: mean year 2022, mean 1100; Σdx·dy = (−2)(−100) + (−1)(−50) + 0 + 1·50 + 2·100 = 500; Σdx² = 10 → 50/year.
        // Trend(2026) = 1100 + 50 × 4 = 1300. Goal = expected(2026) = 1000 + 100 × 6 = 1600.
        // 1100 + 50 × (y − 2022) ≥ 1600 ⇔ y ≥ 2032.
        Assert.Equal(new Projection(1300, Period.Parse("2026"), Period.Parse("2032"), 50, 2026 + 50), result.Projection);
        // 2024: expected = 1000 + 100 × 4 = 1400; r = 200 / 400 = 0.5
        Assert.Equal(TargetStatus.OffTrack, result.Status);
    }

    [Fact]
    public void Evaluate_NoisySeries_LeastSquaresOverLastFiveYears()
    {
        // 2018 is outside the last five years and must not pull the trend.
        var jobs = Of(("2018", 50), ("2019", 100), ("2020", 104), ("2021", 103), ("2022", 109), ("2023", 110));

        var result = TargetEvaluator.Evaluate(Increase(2, baseline: "2019", end: "2025"), jobs, null, Contexts.Fresh(jobs));

        // 2019–2023: mean year 2021, mean (100 + 104 + 103 + 109 + 110) / 5 = 526 / 5 = 105.2
        // dy = −5.2, −1.2, −2.2, 3.8, 4.8; Σdx·dy = 10.4 + 1.2 + 0 + 3.8 + 9.6 = 25; Σdx² = 10 → slope 2.5
        // Trend(2025) = 105.2 + 2.5 × 4 = 115.2. Goal = 100 + 2 × 6 = 112.
        // Trend(2023) = 105.2 + 2.5 × 2 = 110.2 < 112; trend(2024) = 112.7 ≥ 112: ahead of the 2025 end.
        var projection = result.Projection!;
        Assert.Equal(2.5, projection.Slope, 9);
        Assert.Equal(115.2, projection.ProjectedAtEnd, 9);
        Assert.Equal(Period.Parse("2024"), projection.ReachedIn);
    }

    [Fact]
    public void Evaluate_DecliningSeriesUpGoal_NeverReached()
    {
        var jobs = Consecutive("2020", 1000, 990, 980);

        var result = TargetEvaluator.Evaluate(Increase(10, end: "2025"), jobs, null, Contexts.Fresh(jobs));

        // Slope: mean 2021, 990; Σdx·dy = (−1)(10) + 0 + 1·(−10) = −20; Σdx² = 2 → −10
        // Trend(2025) = 990 − 10 × 4 = 950; the goal 1000 + 10 × 5 = 1050 lies ever further away.
        Assert.Equal(new Projection(950, Period.Parse("2025"), null, -10, 2025 + 50), result.Projection);
    }

    [Fact]
    public void Evaluate_FallingSeriesDownLevelGoal_ReachedExactlyAtEnd()
    {
        var unemployed = Consecutive("2020", 5000, 4800, 4600);
        var target = Target(TargetKind.Level, 4000, end: "2025") with { Direction = Direction.Down };

        var result = TargetEvaluator.Evaluate(target, unemployed, null, Contexts.Fresh(unemployed));

        // Slope: Σdx·dy = (−1)(200) + 0 + 1·(−200) = −400; Σdx² = 2 → −200. Trend(2025) = 4800 − 200 × 4 = 4000.
        // Goal = the level 4000; trend ≤ 4000 ⇔ 4800 − 200 × (y − 2021) ≤ 4000 ⇔ y ≥ 2025.
        Assert.Equal(new Projection(4000, Period.Parse("2025"), Period.Parse("2025"), -200, 2025 + 50), result.Projection);
        // 2022: expected = 5000 + (4000 − 5000) × 2 / 5 = 4600, met: r = 1.0
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_QuarterlySeries_TrendOverLikeQuarters()
    {
        var jobs = Consecutive(
            "2020K1",
            900, 1000, 1100, 1000,
            10, 20, 1150, 30,
            5000, 6000, 1200);

        var result = TargetEvaluator.Evaluate(Increase(40, end: "2025"), jobs, null, Contexts.Fresh(jobs));

        // Only third quarters: 1100, 1150, 1200 in 2020–2022 → slope 50, mean 1150 in 2021.
        // End period 2025K4, like quarter 2025K3: trend = 1150 + 50 × 4 = 1350; goal = 1100 + 40 × 5 = 1300.
        // 1150 + 50 × (y − 2021) ≥ 1300 ⇔ y ≥ 2024.
        Assert.Equal(Period.Parse("2022K3"), result.EvaluatedPeriod);
        Assert.Equal(new Projection(1350, Period.Parse("2025K3"), Period.Parse("2024K3"), 50, 2025 + 50), result.Projection);
    }

    [Fact]
    public void Evaluate_EndBeforeLikeQuarterOfEndYear_ProjectsToYearBefore()
    {
        var jobs = Of(("2020K3", 1100), ("2021K3", 1150), ("2022K3", 1200));

        var result = TargetEvaluator.Evaluate(Increase(40, end: "2025K2"), jobs, null, Contexts.Fresh(jobs));

        // 2025K3 lies after the end 2025K2, so the like quarter is 2024K3: trend = 1150 + 50 × 3 = 1300;
        // goal = 1100 + 40 × 4 = 1260; 1150 + 50 × (y − 2021) ≥ 1260 ⇔ y − 2021 ≥ 2.2 ⇔ y ≥ 2024.
        Assert.Equal(new Projection(1300, Period.Parse("2024K3"), Period.Parse("2024K3"), 50, 2024 + 50), result.Projection);
    }

    [Fact]
    public void Evaluate_ProjectionPeriodsTwo_TrendThroughLastTwoYears()
    {
        var jobs = Consecutive("2020", 1000, 1300, 1320);

        var result = TargetEvaluator.Evaluate(
            Increase(100, end: "2025") with { ProjectionPeriods = 2 }, jobs, null, Contexts.Fresh(jobs));

        // 2021–2022 only: slope 1320 − 1300 = 20; trend(2025) = 1320 + 20 × 3 = 1380; goal 1000 + 500 = 1500;
        // 1320 + 20 × (y − 2022) ≥ 1500 ⇔ y ≥ 2031.
        Assert.Equal(new Projection(1380, Period.Parse("2025"), Period.Parse("2031"), 20, 2025 + 50), result.Projection);
    }

    [Fact]
    public void Evaluate_GoalBeyondFiftyYearsPastEnd_NotReached()
    {
        var jobs = Consecutive("2020", 1000, 1001);

        var result = TargetEvaluator.Evaluate(Increase(100, end: "2025"), jobs, null, Contexts.Fresh(jobs));

        // Slope 1; goal 1000 + 100 × 5 = 1500 needs 1001 + (y − 2021) ≥ 1500 ⇔ y ≥ 2520, beyond 2025 + 50.
        Assert.Null(result.Projection!.ReachedIn);
        Assert.Equal(2075, result.Projection.SearchUntilYear);
    }
}
