namespace GrowthMonitor.Core.Tests;

/// <summary>The pace a target needs from the evaluated period to reach its goal by the end year.</summary>
public sealed class PaceTests
{
    [Fact]
    public void Evaluate_AnnualIncrease_PaceToTheEndYearGoal()
    {
        // +500 a year from 41,000 in 2022: the goal is 45,000 in 2030. From 41,900 in 2024 that is 3,100 in six years,
        // 516.67 a year; compounded 45,000 / 41,900 = 1.073986, whose sixth root is 1.011967: 1.1967 % a year.
        var series = SeriesBuilder.Consecutive("2022", 41_000, 41_450, 41_900);

        var pace = TargetEvaluator.Evaluate(TargetBuilder.Increase(500, baseline: "2022", end: "2030"), series, null, Contexts.Fresh(series)).Pace!;

        Assert.Equal((45_000d, Period.Parse("2030")), (pace.Goal, pace.By));
        Assert.Equal(516.666667, pace.PerYear, 6);
        Assert.Equal(1.19672, pace.PercentPerYear!.Value, 5);
    }

    [Fact]
    public void Evaluate_Quarterly_PaceToTheLikeQuarterOfTheEndYear()
    {
        // +10 a year from 2022K2's 200: the goal is 280 in 2030K2; from 210 in 2024K2, 70 in six years.
        var series = SeriesBuilder.Of(("2022K2", 200), ("2023K2", 205), ("2024K2", 210));

        var pace = TargetEvaluator.Evaluate(TargetBuilder.Increase(10, baseline: "2022", end: "2030"), series, null, Contexts.Fresh(series)).Pace!;

        Assert.Equal((280d, Period.Parse("2030K2")), (pace.Goal, pace.By));
        Assert.Equal(70.0 / 6, pace.PerYear, 9);
    }

    [Fact]
    public void Evaluate_AheadOfTheGoal_NegativePace()
    {
        // Level 1,000 by 2025 from 800 in 2022; 1,100 in 2023 may fall by 50 a year for two years.
        var series = SeriesBuilder.Consecutive("2022", 800, 1_100);

        var pace = TargetEvaluator.Evaluate(TargetBuilder.Target(TargetKind.Level, 1_000, baseline: "2022", end: "2025"), series, null, Contexts.Fresh(series)).Pace!;

        Assert.Equal((1_000d, -50d), (pace.Goal, pace.PerYear));
    }

    [Fact]
    public void Evaluate_InTheEndYear_NoPace()
    {
        var series = SeriesBuilder.Consecutive("2022", 41_000, 41_450);

        var result = TargetEvaluator.Evaluate(TargetBuilder.Increase(500, baseline: "2022", end: "2023"), series, null, Contexts.Fresh(series));

        Assert.Equal(Period.Parse("2023"), result.EvaluatedPeriod);
        Assert.Null(result.Pace);
    }

    [Fact]
    public void Evaluate_YearlyGoal_NoPaceAsEveryYearStartsAfresh()
    {
        var target = new TargetDefinition("apprentices", TargetKind.YearlyGoal, null, Period.Parse("2024"), Period.Parse("2027"))
        {
            Goals = new Dictionary<int, double> { [2025] = 10, [2026] = 12, [2027] = 14 },
        };
        var series = SeriesBuilder.Consecutive("2024", 7, 11);

        var result = TargetEvaluator.Evaluate(target, series, null, Contexts.Fresh(series));

        Assert.Equal((Period.Parse("2025"), 10d), (result.EvaluatedPeriod, result.Expected!.Value));
        Assert.Null(result.Pace);
    }
}
