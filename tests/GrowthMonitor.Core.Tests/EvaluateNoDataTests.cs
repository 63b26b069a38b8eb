using Microsoft.Extensions.Time.Testing;
using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>Missing and stale data.</summary>
public sealed class EvaluateNoDataTests
{
    [Fact]
    public void Evaluate_NoObservations_NoData()
    {
        var empty = Empty(Frequency.Year);

        var context = Contexts.Fresh(empty);

        var result = TargetEvaluator.Evaluate(Increase(100), empty, null, context);

        Assert.Equal(
            new TargetEvaluation("test-target", TargetStatus.NoData, null, null, null, null, null, null, null,
                "There are no observations.", ReasonCode.NoObservations) { JudgedAt = context.Now },
            result);
    }

    [Fact]
    public void Evaluate_OnlyUpToBaselineYear_NoData()
    {
        var jobs = Of(("2019", 990), ("2020", 1000));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, Contexts.Fresh(jobs));

        Assert.Equal(TargetStatus.NoData, result.Status);
        Assert.Null(result.EvaluatedPeriod);
        Assert.Equal(
            "No observation after the baseline year 2020 has a value for the same time of year 2020 to compare with.",
            result.Reason);
        Assert.Equal(ReasonCode.NoComparableObservation, result.ReasonCode);
    }

    [Fact]
    public void Evaluate_QuarterWithoutLikeBaselineQuarter_NoData()
    {
        // 2021K1 would be compared with 2020K1, which is missing; 2020K4 is no substitute.
        var jobs = Of(("2020K4", 1000), ("2021K1", 1100));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, Contexts.Fresh(jobs));

        Assert.Equal(TargetStatus.NoData, result.Status);
    }

    [Fact]
    public void Evaluate_LatestQuarterWithoutLikeBaseline_LatestComparableQuarter()
    {
        // 2020K4 is missing, so 2021K4 cannot be judged; 2021K3 can.
        var jobs = Of(("2020K1", 900), ("2020K2", 1000), ("2020K3", 1100), ("2021K3", 1140), ("2021K4", 1200));

        var result = TargetEvaluator.Evaluate(Increase(40), jobs, null, Contexts.Fresh(jobs));

        // expected(2021K3) = 1100 + 40 × 1 = 1140; r = 40 / 40 = 1.0
        Assert.Equal(Period.Parse("2021K3"), result.EvaluatedPeriod);
        Assert.Equal(1140, result.Expected);
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Theory]
    // Latest 2022 ends 2023-01-01; one more year: 2024-01-01; + 365 days grace (2024 is a leap year) = 2024-12-31.
    [InlineData(0, TargetStatus.OnTrack)]
    [InlineData(1, TargetStatus.NoData)]
    public void Evaluate_AnnualAroundStalenessDeadline_FreshUntilDeadline(int secondsPastDeadline, TargetStatus expected)
    {
        var jobs = Of(("2020", 1000), ("2021", 1100), ("2022", 1200));
        var time = new FakeTimeProvider(Contexts.Utc(2024, 12, 31));
        time.Advance(TimeSpan.FromSeconds(secondsPastDeadline));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, EvaluationContext.From(time));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void Evaluate_StaleSeries_NoDataKeepingLastKnownFigures()
    {
        var jobs = Of(("2020", 1000), ("2021", 1100), ("2022", 1200));
        var time = new FakeTimeProvider(Contexts.Utc(2025, 3, 1));

        var result = TargetEvaluator.Evaluate(Increase(100), jobs, null, EvaluationContext.From(time));

        Assert.Equal(TargetStatus.NoData, result.Status);
        Assert.Equal("The data are stale: the latest period is 2022, and 2023 was due by 2024-12-31 00:00 UTC.", result.Reason);
        Assert.Equal(ReasonCode.Stale, result.ReasonCode);
        // 2022: expected = 1000 + 100 × 2 = 1200, met exactly.
        Assert.Equal(Period.Parse("2022"), result.EvaluatedPeriod);
        Assert.Equal(1200, result.Actual);
        Assert.Equal(1200, result.Expected);
    }

    [Theory]
    // Latest 2024K3 ends 2024-10-01; one more quarter: 2025-01-01; + 30 days grace = 2025-01-31.
    [InlineData("2025-01-30T23:59:59Z", TargetStatus.OnTrack)]
    [InlineData("2025-01-31T00:00:00Z", TargetStatus.OnTrack)]
    [InlineData("2025-01-31T00:00:01Z", TargetStatus.NoData)]
    public void Evaluate_QuarterlyWithCustomGrace_StaleAfterOneQuarterAndGrace(string now, TargetStatus expected)
    {
        var jobs = Of(("2023K3", 1000), ("2024K3", 1100));
        var target = Increase(100, baseline: "2023") with { StalenessGrace = TimeSpan.FromDays(30) };

        var result = TargetEvaluator.Evaluate(
            target, jobs, null, new EvaluationContext(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void Evaluate_SeriesReachedTargetEnd_NeverStale()
    {
        var jobs = Of(("2020", 1000), ("2025", 1500));

        var result = TargetEvaluator.Evaluate(Increase(100, end: "2025"), jobs, null, new(Contexts.Utc(2040, 1, 1)));

        // expected(2025) = 1000 + 100 × 5 = 1500, met.
        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_AsOfBeforeNow_StalenessJudgedAtCutOff()
    {
        // At now (2030) 2021 is long overdue, but at the cut-off 2022-01-01 it was just published.
        var jobs = Of(("2020", 1000), ("2021", 1100));

        var result = TargetEvaluator.Evaluate(
            Increase(100), jobs, null, new EvaluationContext(Contexts.Utc(2030, 1, 1), new DateOnly(2022, 1, 1)));

        Assert.Equal(TargetStatus.OnTrack, result.Status);
    }

    [Fact]
    public void Evaluate_AsOfAfterNow_StalenessJudgedAtNow()
    {
        // 2021 ends 2022-01-01; + one year + 365 days = 2024-01-01 < now 2024-06-01, whatever the later cut-off says.
        var jobs = Of(("2020", 1000), ("2021", 1100));

        var result = TargetEvaluator.Evaluate(
            Increase(100), jobs, null, new EvaluationContext(Contexts.Utc(2024, 6, 1), new DateOnly(2026, 1, 1)));

        Assert.Equal(TargetStatus.NoData, result.Status);
    }
}
