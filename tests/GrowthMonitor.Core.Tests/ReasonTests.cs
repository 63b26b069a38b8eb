namespace GrowthMonitor.Core.Tests;

/// <summary>A target's reason says exactly what is missing: the areas that hold a sum back, or the failed fetch.</summary>
public sealed class ReasonTests
{
    private static readonly TargetDefinition PlusTwoFifty = TargetBuilder.Increase(250, baseline: "2022", end: "2030");

    private static readonly FetchFailure Failure = new(new DateTimeOffset(2025, 11, 1, 8, 0, 5, TimeSpan.Zero), "Connection refused (api.statbank.dk:443)");

    /// <summary>
    /// Herning (657) has 2022–2025; Ikast-Brande (756) and Lemvig (665) only 2022–2024. The sums are 80,000, 80,250 and
    /// 80,500, so +250 a year from 80,000 expects 80,500 in 2024: progress 1.0.
    /// </summary>
    private static TargetFigures MidtVest(bool withLemvig = true) => TargetFigures.SumOf(
    [
        new("657", SeriesBuilder.Consecutive("2022", 50_000, 50_200, 50_400, 50_600)),
        new("756", SeriesBuilder.Consecutive("2022", 20_000, 20_050, 20_100)),
        new("665", withLemvig ? SeriesBuilder.Consecutive("2022", 10_000, 10_000, 10_000) : SeriesBuilder.Empty(Frequency.Year)),
    ]);

    [Fact]
    public void Evaluate_SomeAreasLackTheNewestYear_JudgedOnTheSumAndNamesThem()
    {
        var result = TargetEvaluator.Evaluate(PlusTwoFifty, MidtVest(), new EvaluationContext(Contexts.Utc(2026, 6, 1)));

        Assert.Equal((TargetStatus.OnTrack, Period.Parse("2024"), 80_500d, 80_500d), (result.Status, result.EvaluatedPeriod, result.Actual!.Value, result.Expected!.Value));
        Assert.Equal(ReasonCode.MissingAreas, result.ReasonCode);
        Assert.Equal(Period.Parse("2025"), result.Missing!.Period);
        Assert.Equal(["756", "665"], result.Missing.Areas);
        Assert.Equal("No figures for 756 Ikast-Brande, 665 Lemvig in 2025, so the sum over the target's 3 areas ends at 2024.", result.Reason);
    }

    [Fact]
    public void Evaluate_SumHeldBackPastItsGrace_NoDataNamingTheAreasNotStale()
    {
        // 2025 was due by the end of 2025 plus a year's grace; Herning's 2025 figure shows the table itself is not stale.
        var result = TargetEvaluator.Evaluate(PlusTwoFifty, MidtVest(), new EvaluationContext(Contexts.Utc(2027, 6, 1)));

        Assert.Equal((TargetStatus.NoData, ReasonCode.MissingAreas), (result.Status, result.ReasonCode));
        Assert.Equal(["756", "665"], result.Missing!.Areas);
    }

    [Fact]
    public void Evaluate_EveryAreaBehind_Stale()
    {
        // 2026 was due by the end of 2026 plus a year: by mid-2028 not even Herning has it.
        var result = TargetEvaluator.Evaluate(PlusTwoFifty, MidtVest(), new EvaluationContext(Contexts.Utc(2028, 6, 1)));

        Assert.Equal((TargetStatus.NoData, ReasonCode.Stale), (result.Status, result.ReasonCode));
        Assert.Null(result.Missing);
    }

    [Fact]
    public void Evaluate_AnAreaWithoutAnyFigure_NoDataNamingEveryAreaWithoutTheNewestYear()
    {
        var result = TargetEvaluator.Evaluate(PlusTwoFifty, MidtVest(withLemvig: false), new EvaluationContext(Contexts.Utc(2026, 6, 1)));

        Assert.Equal((TargetStatus.NoData, ReasonCode.MissingAreas), (result.Status, result.ReasonCode));
        Assert.Equal(["756", "665"], result.Missing!.Areas);
        Assert.Equal("No figures for 756 Ikast-Brande, 665 Lemvig in 2025, so the sum over the target's 3 areas has no figures.", result.Reason);
    }

    [Fact]
    public void Evaluate_EveryAreaHasTheNewestYear_NoReason()
    {
        var figures = TargetFigures.SumOf([new("657", SeriesBuilder.Consecutive("2022", 50_000, 50_250)), new("756", SeriesBuilder.Consecutive("2022", 20_000, 20_000))]);

        var result = TargetEvaluator.Evaluate(PlusTwoFifty, figures, new EvaluationContext(Contexts.Utc(2024, 6, 1)));

        Assert.Equal((TargetStatus.OnTrack, (ReasonCode?)null, (MissingFigures?)null), (result.Status, result.ReasonCode, result.Missing));
    }

    [Fact]
    public void Evaluate_NoFiguresAndTheFetchFailed_SaysWhenAndWhy()
    {
        var figures = TargetFigures.Of(SeriesBuilder.Empty(Frequency.Year), failedFetch: Failure);

        var result = TargetEvaluator.Evaluate(PlusTwoFifty, figures, new EvaluationContext(Contexts.Utc(2025, 11, 1)));

        Assert.Equal((TargetStatus.NoData, ReasonCode.FetchFailed, Failure), (result.Status, result.ReasonCode, result.FetchFailure));
        Assert.Equal("The latest fetch from Statistics Denmark, at 2025-11-01 08:00 UTC, failed: Connection refused (api.statbank.dk:443)", result.Reason);
    }

    [Fact]
    public void Evaluate_FiguresToJudgeAndTheFetchFailed_VerdictWithoutReason()
    {
        var figures = TargetFigures.Of(SeriesBuilder.Consecutive("2022", 80_000, 80_250), failedFetch: Failure);

        var result = TargetEvaluator.Evaluate(PlusTwoFifty, figures, new EvaluationContext(Contexts.Utc(2024, 6, 1)));

        Assert.Equal((TargetStatus.OnTrack, (ReasonCode?)null, (FetchFailure?)null), (result.Status, result.ReasonCode, result.FetchFailure));
    }

    [Fact]
    public void Assess_NoFiguresAndTheFetchFailed_OnlyNowAndThisYearBlameTheFetch()
    {
        var assessment = TargetAssessment.Assess(PlusTwoFifty, TargetFigures.Of(SeriesBuilder.Empty(Frequency.Year), failedFetch: Failure), Contexts.Utc(2025, 11, 1));

        Assert.Equal(ReasonCode.FetchFailed, assessment.Current.ReasonCode);
        // The end of 2022–2024 is judged as of then, before this fetch; only 2025's end is still to come.
        Assert.Equal(
            [(2022, ReasonCode.NoObservations), (2023, ReasonCode.NoObservations), (2024, ReasonCode.NoObservations), (2025, ReasonCode.FetchFailed)],
            assessment.YearEnds.Select(y => (y.Year, y.Evaluation.ReasonCode!.Value)));
    }

    [Fact]
    public void Assess_SomeAreasLackTheNewestYear_HistoryHasNoReasonYearEndNamesThem()
    {
        var assessment = TargetAssessment.Assess(PlusTwoFifty, MidtVest(), Contexts.Utc(2026, 6, 1));

        // Each period of the history is judged on the figures up to it, which every area had.
        Assert.All(assessment.History, e => Assert.Null(e.ReasonCode));
        var byYear = assessment.YearEnds.ToDictionary(y => y.Year, y => y.Evaluation);
        Assert.Null(byYear[2024].ReasonCode);
        Assert.Equal((ReasonCode.MissingAreas, Period.Parse("2025")), (byYear[2025].ReasonCode!.Value, byYear[2025].Missing!.Period));
    }
}
