namespace GrowthMonitor.Core.Tests;

public sealed class TargetAssessmentTests
{
    /// <summary>+500 a year from 41,000 in 2022; figures 2019–2024 as in Horsens.</summary>
    private static readonly Series Jobs = SeriesBuilder.Consecutive("2019", 40_000, 40_200, 40_500, 41_000, 41_450, 41_900);

    private static readonly TargetDefinition PlusFiveHundred = TargetBuilder.Increase(500, baseline: "2022", end: "2030");

    [Fact]
    public void Assess_AnnualSeries_CurrentIsTheLatestPeriod()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, Jobs, null, Contexts.Utc(2025, 11, 1));

        // 41,900 against 41,000 + 2 × 500 = 42,000: progress 900 / 1,000.
        Assert.Equal(TargetStatus.AtRisk, assessment.Current.Status);
        Assert.Equal(Period.Parse("2024"), assessment.Current.EvaluatedPeriod);
        Assert.Equal(0.9, assessment.Current.Progress!.Value, 9);
    }

    [Fact]
    public void Assess_AnnualSeries_HistoryHasEveryPeriodAfterTheBaselineYearJudgedOnItsOwnData()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, Jobs, null, Contexts.Utc(2025, 11, 1));

        // 2023: 41,450 against 41,500 (450 / 500); 2024: 41,900 against 42,000 (900 / 1,000).
        Assert.Equal(
            [("2023", 41_450d, 41_500d, 0.9), ("2024", 41_900d, 42_000d, 0.9)],
            assessment.History.Select(e => (e.EvaluatedPeriod!.Value.ToString(), e.Actual!.Value, e.Expected!.Value, Math.Round(e.Progress!.Value, 9))));
        // The 2023 projection sees 2019–2023 only: mean 40,630 at 2021; Σ(x·(y − mean)) = 1,260 + 430 + 0 + 370 + 1,640 = 3,700
        // over Σx² = 10 gives a slope of 370 a year.
        Assert.Equal(370, assessment.History[0].Projection!.Slope, 9);
    }

    [Fact]
    public void Assess_AnnualSeries_OneYearEndPerYearFromBaselineToNow()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, Jobs, null, Contexts.Utc(2025, 11, 1));

        Assert.Equal([2022, 2023, 2024, 2025], assessment.YearEnds.Select(y => y.Year));
        var byYear = assessment.YearEnds.ToDictionary(y => y.Year);
        Assert.Equal(TargetStatus.NoData, byYear[2022].Evaluation.Status); // nothing after the baseline year yet
        Assert.Null(byYear[2022].Evaluation.EvaluatedPeriod);
        Assert.Equal(Period.Parse("2023"), byYear[2023].Evaluation.EvaluatedPeriod);
        Assert.Equal((41_000d, 41_450d, 500d), (byYear[2023].Change!.FromValue, byYear[2023].Change!.ToValue, byYear[2023].Change!.ExpectedChange!.Value));
        Assert.Equal(Period.Parse("2024"), byYear[2025].Evaluation.EvaluatedPeriod); // no 2025 figure yet
        Assert.Null(byYear[2025].Change);
    }

    [Fact]
    public void Assess_AnnualSeries_PathFromBaselineYearToEnd()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, Jobs, null, Contexts.Utc(2025, 11, 1));

        Assert.Equal(9, assessment.Path.Count); // 2022–2030
        Assert.Equal(new ChartPoint(Period.Parse("2022"), 41_000, 41_000), assessment.Path[0]);
        Assert.Equal(new ChartPoint(Period.Parse("2024"), 41_900, 42_000), assessment.Path[2]);
        Assert.Equal(new ChartPoint(Period.Parse("2030"), null, 45_000), assessment.Path[^1]);
    }

    [Fact]
    public void Assess_QuarterlySeries_HistoryComparesLikeQuarters()
    {
        // Baseline 2022: Q1 100, Q2 200; +10 a year. 2023Q1 110 is on track, 2023Q2 205 is at 0.5.
        var series = SeriesBuilder.Of(("2022K1", 100), ("2022K2", 200), ("2023K1", 110), ("2023K2", 205));

        var assessment = TargetAssessment.Assess(TargetBuilder.Increase(10, baseline: "2022", end: "2030"), series, null, Contexts.Utc(2023, 8, 1));

        Assert.Equal(
            [("2023K1", TargetStatus.OnTrack, 1.0), ("2023K2", TargetStatus.OffTrack, 0.5)],
            assessment.History.Select(e => (e.EvaluatedPeriod!.Value.ToString(), e.Status, Math.Round(e.Progress!.Value, 9))));
    }

    [Fact]
    public void Assess_StaleSeries_CurrentNoDataButHistoryKeepsItsVerdicts()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, Jobs, null, Contexts.Utc(2028, 6, 1));

        Assert.Equal((TargetStatus.NoData, ReasonCode.Stale), (assessment.Current.Status, assessment.Current.ReasonCode));
        Assert.All(assessment.History, e => Assert.Equal(TargetStatus.AtRisk, e.Status));
    }

    [Fact]
    public void Assess_NoFigures_NoDataWithReasonAndEmptyHistory()
    {
        var assessment = TargetAssessment.Assess(PlusFiveHundred, SeriesBuilder.Empty(Frequency.Year), null, Contexts.Utc(2025, 11, 1));

        Assert.Equal((TargetStatus.NoData, ReasonCode.NoObservations), (assessment.Current.Status, assessment.Current.ReasonCode));
        Assert.Empty(assessment.History);
        Assert.Empty(assessment.Path);
        Assert.All(assessment.YearEnds, y => Assert.Equal(TargetStatus.NoData, y.Evaluation.Status));
    }
}
