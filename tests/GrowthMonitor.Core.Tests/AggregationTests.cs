using static GrowthMonitor.Core.Tests.SeriesBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>What a figure is (a count in the period, a level at its end, an average over it) decides what a year adds up to.</summary>
public sealed class AggregationTests
{
    private static readonly DateTimeOffset EndOf2025 = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static TargetDefinition YearlyGoal(Aggregation aggregation, params (int Year, double Goal)[] goals) =>
        new("apprenticeships", TargetKind.YearlyGoal, null, Period.Parse("2024"), Period.Parse("2027"))
        {
            Goals = goals.ToDictionary(g => g.Year, g => g.Goal),
            Aggregation = aggregation,
        };

    [Theory]
    // Counts: the year so far is the sum; averages: the mean; levels: the figure itself.
    [InlineData(Aggregation.Sum, new[] { 4.0, 9.0, 16.0 })]
    [InlineData(Aggregation.Mean, new[] { 4.0, 4.5, 16.0 / 3 })]
    [InlineData(Aggregation.Last, new[] { 4.0, 5.0, 7.0 })]
    public void ToDate_QuartersOfAYear_TheYearSoFar(Aggregation aggregation, double[] expected)
    {
        var quarters = Of(("2025K1", 4), ("2025K2", 5), ("2025K3", 7));

        var toDate = quarters.ToDate(aggregation);

        Assert.Equal(expected, toDate.Observations.Select(o => o.Value));
    }

    [Fact]
    public void ToDate_FirstQuarterMissing_TheYearSoFarUnknownUntilTheNextYear()
    {
        var quarters = Of(("2024K2", 5), ("2024K3", 7), ("2025K1", 3), ("2025K2", 6));

        var toDate = quarters.ToDate(Aggregation.Sum);

        Assert.Equal([(Period.Parse("2025K1"), 3d), (Period.Parse("2025K2"), 9d)], toDate.Observations.Select(o => (o.Period, o.Value)));
    }

    [Fact]
    public void Assess_HalfYearCountsAgainstAYearlyGoal_TheYearIsTheirSum()
    {
        // 9 new apprenticeships in 2025H1 and 13 in 2025H2 against a goal of 20 for 2025: by midyear 9 of the 10 due
        // (0.9, at risk); by the year's end 9 + 13 = 22 of 20 (1.1, on track).
        var target = YearlyGoal(Aggregation.Sum, (2025, 20), (2026, 25));
        var halfYears = Of(("2025H1", 9), ("2025H2", 13));

        var assessment = TargetAssessment.Assess(target, halfYears, null, EndOf2025);

        var current = assessment.Current;
        Assert.Equal((TargetStatus.OnTrack, Period.Parse("2025H2"), 22d, 20d), (current.Status, current.EvaluatedPeriod, current.Actual, current.Expected));
        Assert.Equal(1.1, current.Progress!.Value, 9);
        var midYear = Assert.Single(assessment.History, h => h.EvaluatedPeriod == Period.Parse("2025H1"));
        Assert.Equal((TargetStatus.AtRisk, 9d, 10d), (midYear.Status, midYear.Actual, midYear.Expected));
        var year = assessment.YearEnds.Single(y => y.Year == 2025).Evaluation;
        Assert.Equal((TargetStatus.OnTrack, 22d, 20d), (year.Status, year.Actual, year.Expected));
        // The chart shows each half-year as entered, against half of its year's goal: no zig-zag of running totals.
        Assert.Equal(
            [("2025H1", 9d, 10d), ("2025H2", 13d, 10d), ("2026H1", null, 12.5), ("2026H2", null, 12.5)],
            assessment.Path.Where(p => p.Period.Year >= 2025).Select(p => (p.Period.ToString(), p.Actual, p.Expected)));
    }

    [Fact]
    public void Evaluate_QuarterlyCountsAgainstAnAnnualIncrease_TheYearSoFarAgainstItsShareOfTheIncrease()
    {
        // New firms per quarter: 2022 (the baseline) 20, 25, 30, 25, so 45 by midyear and 100 in the year; +10 a year.
        // By 2024's midyear 22 + 27 = 49 against 45 + 10 × 2 years × ½ = 55: (49 − 45) / (55 − 45) = 0.4, off track.
        var target = TargetBuilder.Increase(10, baseline: "2022") with { Aggregation = Aggregation.Sum };
        var quarters = Of(("2022K1", 20), ("2022K2", 25), ("2022K3", 30), ("2022K4", 25), ("2024K1", 22), ("2024K2", 27));

        var evaluation = TargetEvaluator.Evaluate(target, quarters, null, Contexts.Fresh(quarters));

        Assert.Equal((TargetStatus.OffTrack, Period.Parse("2024K2"), 49d, 55d, 45d), (evaluation.Status, evaluation.EvaluatedPeriod, evaluation.Actual, evaluation.Expected, evaluation.Baseline));
        Assert.Equal(0.4, evaluation.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_QuarterlyLevelsAgainstAnAnnualIncrease_TheLatestQuarterAgainstTheSameQuarterOfTheBaseline()
    {
        // Wage earners at each quarter's end: 2024K2's 1,230 against 2022K2's 1,010 + 100 × 2 years = 1,210: on track,
        // (1,230 − 1,010) / (1,210 − 1,010) = 1.1. The year's figure is its last quarter, never a sum.
        var target = TargetBuilder.Increase(100, baseline: "2022") with { Aggregation = Aggregation.Last };
        var quarters = Of(("2022K1", 1000), ("2022K2", 1010), ("2022K3", 1020), ("2022K4", 1030), ("2024K1", 1220), ("2024K2", 1230));

        var evaluation = TargetEvaluator.Evaluate(target, quarters, null, Contexts.Fresh(quarters));

        Assert.Equal((TargetStatus.OnTrack, 1230d, 1210d, 1010d), (evaluation.Status, evaluation.Actual, evaluation.Expected, evaluation.Baseline));
        Assert.Equal(1.1, evaluation.Progress!.Value, 9);
    }

    [Fact]
    public void Assess_QuarterlyAveragesAgainstALevel_TheYearIsTheirMean()
    {
        // Unemployment in percent, down to 3.5 by 2024 from 2022's mean of (5 + 4 + 4 + 5) / 4 = 4.5. In 2024 the
        // quarters average (4 + 3 + 3 + 4) / 4 = 3.5: progress (3.5 − 4.5) / (3.5 − 4.5) = 1, on track. By midyear
        // (4 + 3) / 2 = 3.5 against the baseline's (5 + 4) / 2 = 4.5 made 3.5 by the same straight line.
        var target = new TargetDefinition("unemployment", TargetKind.Level, 3.5, Period.Parse("2022"), Period.Parse("2024"))
        {
            Direction = Direction.Down,
            Aggregation = Aggregation.Mean,
        };
        var quarters = Of(("2022K1", 5), ("2022K2", 4), ("2022K3", 4), ("2022K4", 5), ("2024K1", 4), ("2024K2", 3), ("2024K3", 3), ("2024K4", 4));

        var assessment = TargetAssessment.Assess(target, quarters, null, new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero));

        var year = assessment.YearEnds.Single(y => y.Year == 2024);
        Assert.Equal((TargetStatus.OnTrack, 3.5, 3.5, 4.5), (year.Evaluation.Status, year.Evaluation.Actual, year.Evaluation.Expected, year.Evaluation.Baseline));
        var midYear = Assert.Single(assessment.History, h => h.EvaluatedPeriod == Period.Parse("2024K2"));
        Assert.Equal((3.5, 3.5, 4.5), (midYear.Actual, midYear.Expected, midYear.Baseline));
    }
}
