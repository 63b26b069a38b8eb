using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

public sealed class EvaluateSeasonalTests
{
    // A strong season: low in Q1, high in Q3. Every quarter of 2021 is 50 above the same quarter of 2020.
    private static readonly Series Quarterly = Consecutive(
        "2020K1",
        900, 1000, 1100, 1000,
        950, 1050, 1150, 1050);

    [Theory]
    // Against the like quarter of 2020: expected = B + 40 × 1, r = 50 / 40 = 1.25 in every quarter.
    // Against 2020K4 (1000, expected 1040) the status would flip with the season:
    // K1 (950 − 1000) / 40 = −1.25 off track, K2 50 / 40 = 1.25, K3 150 / 40 = 3.75, K4 50 / 40 = 1.25.
    [InlineData("2021-04-01", "2021K1", 900.0, 940.0)]
    [InlineData("2021-07-01", "2021K2", 1000.0, 1040.0)]
    [InlineData("2021-10-01", "2021K3", 1100.0, 1140.0)]
    [InlineData("2022-01-01", "2021K4", 1000.0, 1040.0)]
    public void Evaluate_StrongSeason_LikeQuarterComparisonStaysOnTrack(
        string asOf, string period, double baseline, double expected)
    {
        var context = new EvaluationContext(
            Contexts.Utc(2022, 6, 1), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        var result = TargetEvaluator.Evaluate(Increase(40), Quarterly, null, context);

        Assert.Equal(Period.Parse(period), result.EvaluatedPeriod);
        Assert.Equal(baseline, result.Baseline);
        Assert.Equal(expected, result.Expected);
        Assert.Equal(1.25, result.Progress!.Value, 9);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_QuarterlyPercentGrowth_WholeYearsOnly()
    {
        // 2022K1 is compared with 2020K1, not with the later 2020K3, and two whole years have passed.
        var jobs = Of(("2020K1", 1000), ("2020K3", 1200), ("2022K1", 1210));

        var result = TargetEvaluator.Evaluate(Target(TargetKind.PercentGrowth, 10), jobs, null, Contexts.Fresh(jobs));

        // t = 2022 − 2020 = 2; expected = 1000 × 1.1² = 1210; r = 210 / 210 = 1.0
        Assert.Equal(1000, result.Baseline);
        Assert.Equal(1210, result.Expected!.Value, 9);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }
}
