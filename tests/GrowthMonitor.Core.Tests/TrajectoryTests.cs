using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

public sealed class TrajectoryTests
{
    private static IEnumerable<(string, double)> Points(IReadOnlyList<TrajectoryPoint> trajectory) =>
        trajectory.Select(p => (p.Period.ToString(), Math.Round(p.Expected, 9)));

    [Fact]
    public void Trajectory_AnnualIncrease_OnePointPerYearThroughEnd()
    {
        var jobs = Of(("2020", 1000), ("2021", 1080));

        var trajectory = TargetEvaluator.Trajectory(Increase(100, end: "2025"), jobs, null);

        // 2020–2025 is 6 points: 1000 + 100 × t for t = 0..5
        Assert.Equal(
            [("2020", 1000.0), ("2021", 1100.0), ("2022", 1200.0), ("2023", 1300.0), ("2024", 1400.0), ("2025", 1500.0)],
            Points(trajectory));
    }

    [Fact]
    public void Trajectory_PercentGrowth_Compounds()
    {
        var jobs = Of(("2020", 1000));

        var trajectory = TargetEvaluator.Trajectory(Target(TargetKind.PercentGrowth, 10, end: "2022"), jobs, null);

        // 1000, 1000 × 1.1 = 1100, 1000 × 1.1² = 1210
        Assert.Equal([("2020", 1000.0), ("2021", 1100.0), ("2022", 1210.0)], Points(trajectory));
    }

    [Fact]
    public void Trajectory_Level_StraightLineToGoal()
    {
        var population = Of(("2020", 50_000));

        var trajectory = TargetEvaluator.Trajectory(Target(TargetKind.Level, 56_000, end: "2023"), population, null);

        // T = 3: 50000 + 6000 × t / 3 = 50000, 52000, 54000, 56000
        Assert.Equal(
            [("2020", 50_000.0), ("2021", 52_000.0), ("2022", 54_000.0), ("2023", 56_000.0)], Points(trajectory));
    }

    [Fact]
    public void Trajectory_Quarterly_LikeQuarterBaselines()
    {
        var jobs = Consecutive("2020K1", 900, 1000, 1100, 1000);

        var trajectory = TargetEvaluator.Trajectory(Increase(40, end: "2021K2"), jobs, null);

        // 2020K1..2021K2 is 6 quarters; 2021 quarters add 40 × 1 to their 2020 quarter.
        Assert.Equal(
            [("2020K1", 900.0), ("2020K2", 1000.0), ("2020K3", 1100.0), ("2020K4", 1000.0), ("2021K1", 940.0), ("2021K2", 1040.0)],
            Points(trajectory));
    }

    [Fact]
    public void Trajectory_QuarterlyMissingLikeBaseline_SkipsThatQuarter()
    {
        var jobs = Of(("2020K1", 900), ("2020K3", 1100), ("2020K4", 1000));

        var trajectory = TargetEvaluator.Trajectory(Increase(40, end: "2021"), jobs, null);

        // End 2021 is 2021K4 on the quarterly axis: 8 quarters, less 2020K2 and 2021K2 = 6 points.
        Assert.Equal(
            [("2020K1", 900.0), ("2020K3", 1100.0), ("2020K4", 1000.0), ("2021K1", 940.0), ("2021K3", 1140.0), ("2021K4", 1040.0)],
            Points(trajectory));
    }

    [Fact]
    public void Trajectory_MonthlyTwoYears_TwentyFourPoints()
    {
        var jobs = Consecutive("2020M01", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

        var trajectory = TargetEvaluator.Trajectory(Increase(1, end: "2021"), jobs, null);

        // 12 months of 2020 + 12 of 2021 = 24; 2021M12 = 12 + 1 × 1 = 13
        Assert.Equal(24, trajectory.Count);
        Assert.Equal(new TrajectoryPoint(Period.Parse("2021M12"), 13), trajectory[^1]);
    }

    [Fact]
    public void Trajectory_RelativePastBenchmarkData_LatestBenchmarkRate()
    {
        var denmark = Of(("2020", 1000), ("2021", 1100));
        var jobs = Of(("2020", 500));

        var trajectory = TargetEvaluator.Trajectory(Target(TargetKind.Relative, 2, end: "2023"), jobs, denmark);

        // rb(2021) = 0.10, the latest rate; rate = 0.12: 500, 500 × 1.12 = 560, 500 × 1.12² = 627.2,
        // 500 × 1.12³ = 500 × 1.404928 = 702.464
        Assert.Equal(
            [("2020", 500.0), ("2021", 560.0), ("2022", 627.2), ("2023", 702.464)], Points(trajectory));
    }

    [Fact]
    public void Trajectory_NoBaselineValue_Empty()
    {
        var jobs = Of(("2021", 1000));

        Assert.Empty(TargetEvaluator.Trajectory(Increase(100), jobs, null));
    }
}
