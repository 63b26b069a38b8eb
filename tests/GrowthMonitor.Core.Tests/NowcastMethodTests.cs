using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>The estimate Ŷ_T = Y_{T−1} × X_{T,q} / X_{T−1,q}, its band from earlier years' errors and its statuses, by hand.</summary>
public sealed class NowcastMethodTests
{
    private static readonly DateTimeOffset Now = Contexts.Utc(2025, 10, 1);

    [Fact]
    public void Estimate_LastYearGrownBySameQuarterChange()
    {
        var jobs = Of(("2023", 1000), ("2024", 1100));
        var wageEarners = Of(("2024K1", 200), ("2025K1", 220));

        // Ŷ_2025 = Y_2024 × X_2025K1 / X_2024K1 = 1100 × 220 / 200 = 1210
        Assert.Equal(1210, NowcastMethod.Estimate(jobs, wageEarners, Period.Parse("2025K1"))!.Value, 9);
    }

    [Fact]
    public void Estimate_InputMissingOrZero_None()
    {
        var jobs = Of(("2023", 1000), ("2024", 1100));

        // Y_2024 is there but X_2024K2 is not; Y_2025 (for 2026) is not; X_2024K3 is zero.
        var wageEarners = Of(("2024K1", 200), ("2024K3", 0), ("2025K2", 220), ("2025K3", 230), ("2026K1", 240));
        Assert.Null(NowcastMethod.Estimate(jobs, wageEarners, Period.Parse("2025K2")));
        Assert.Null(NowcastMethod.Estimate(jobs, wageEarners, Period.Parse("2026K1")));
        Assert.Null(NowcastMethod.Estimate(jobs, wageEarners, Period.Parse("2025K3")));
    }

    [Fact]
    public void Backtest_EveryQuarterWithItsOfficialFigureAndError()
    {
        var jobs = Of(("2022", 1000), ("2023", 1100));
        var wageEarners = Of(("2022K1", 100), ("2022K2", 100), ("2023K1", 110), ("2023K2", 120), ("2024K1", 121));

        var estimates = NowcastMethod.Backtest(jobs, wageEarners);

        // 2022 has no Y_2021, so none. 2023K1: 1000 × 110 / 100 = 1100, error 1100 / 1100 − 1 = 0.
        // 2023K2: 1000 × 120 / 100 = 1200, error 1200 / 1100 − 1 = 1/11. 2024K1: 1100 × 121 / 110 = 1210, no official yet.
        Assert.Equal(["2023K1", "2023K2", "2024K1"], estimates.Select(e => e.Quarter.ToString()));
        Assert.Equal([2023, 2023, 2024], estimates.Select(e => e.Year));
        Assert.Equal([1100, 1200, 1210], estimates.Select(e => Math.Round(e.Value, 9)));
        Assert.Equal([1100, 1100, null], estimates.Select(e => e.Official));
        Assert.Equal(0, estimates[0].Error!.Value, 9);
        Assert.Equal(1.0 / 11, estimates[1].Error!.Value, 9);
        Assert.Null(estimates[2].Error);
    }

    [Fact]
    public void ForTarget_LatestQuarterOfTheYear()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(
            ("2024K1", 500), ("2024K2", 510), ("2024K3", 520), ("2024K4", 530),
            ("2025K1", 505), ("2025K2", 515), ("2025K3", 546));

        var (nowcast, reason) = ForIncrease(jobs, wageEarners);

        // 2025K3 is the latest quarter of 2025: Ŷ = 1400 × 546 / 520 = 1400 × 1.05 = 1470 (2025K1 would give 1414).
        Assert.Null(reason);
        Assert.Equal(Period.Parse("2025"), nowcast!.Period);
        Assert.Equal(1470, nowcast.Value, 9);
        Assert.Equal(new NowcastBasis("wage-earners", Period.Parse("2025K3")), nowcast.BasedOn);
    }

    [Fact]
    public void ForTarget_LeadingGoneIntoTheNextYear_LastQuarterOfTheUnpublishedYear()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(("2024K4", 530), ("2025K3", 520), ("2025K4", 583), ("2026K1", 600));

        var (nowcast, _) = ForIncrease(jobs, wageEarners);

        // Y_2025 is not published, so 2025 is estimated, from its last quarter: 1400 × 583 / 530 = 1400 × 1.1 = 1540.
        Assert.Equal(Period.Parse("2025"), nowcast!.Period);
        Assert.Equal(Period.Parse("2025K4"), nowcast.BasedOn.Period);
        Assert.Equal(1540, nowcast.Value, 9);
    }

    [Fact]
    public void ForTarget_SummedAreas_FormulaOnTheSumsNotTheSumOfEstimates()
    {
        // Area 615: Ŷ = 1000 × 110 / 100 = 1100. Area 766: Ŷ = 3000 × 180 / 200 = 2700. Sum of the two estimates: 3800.
        var jobs615 = Of(("2020", 900), ("2024", 1000));
        var jobs766 = Of(("2020", 2900), ("2024", 3000));
        var wageEarners615 = Of(("2024K3", 100), ("2025K3", 110));
        var wageEarners766 = Of(("2024K3", 200), ("2025K3", 180));
        var areas = new[] { new NowcastArea("615", jobs615, wageEarners615), new NowcastArea("766", jobs766, wageEarners766) };

        var (nowcast, _) = ForIncrease(SeriesMath.Sum([jobs615, jobs766]), SeriesMath.Sum([wageEarners615, wageEarners766]), areas);

        // Summed first: Y_2024 = 4000, X_2024K3 = 300, X_2025K3 = 290, so Ŷ = 4000 × 290 / 300 = 11600 / 3 ≈ 3866.67, not 3800.
        Assert.Equal(11600.0 / 3, nowcast!.Value, 9);
        Assert.Equal(
            3800,
            NowcastMethod.Estimate(jobs615, wageEarners615, Period.Parse("2025K3"))!.Value + NowcastMethod.Estimate(jobs766, wageEarners766, Period.Parse("2025K3"))!.Value,
            9);
        // Judged on the sum: expected 2025 = 3800 + 100 × 5 = 4300; r = (3866.67 − 3800) / 500 = 0.133, off track.
        Assert.Equal(TargetStatus.OffTrack, nowcast.Status);
    }

    [Theory]
    // 20 errors: ⌈0.8 × 20⌉ = 16th smallest |e| = 0.16.
    [InlineData(20, 0.16)]
    // 21 errors: ⌈0.8 × 21⌉ = ⌈16.8⌉ = 17th smallest = 0.17.
    [InlineData(21, 0.17)]
    // 25 errors: ⌈0.8 × 25⌉ = 20th smallest = 0.20.
    [InlineData(25, 0.20)]
    public void BandHalfWidth_NearestRankEightiethPercentileOfAbsoluteErrors(int count, double expected)
    {
        // |e| = 0.01, 0.02, … count/100, given with alternating signs in descending order.
        var errors = Enumerable.Range(1, count).Reverse().Select(k => (k % 2 == 0 ? k : -k) / 100.0).ToList();

        Assert.Equal(expected, NowcastMethod.BandHalfWidth(errors)!.Value, 12);
    }

    [Fact]
    public void BandHalfWidth_NineteenErrors_NoBand()
    {
        Assert.Null(NowcastMethod.BandHalfWidth([.. Enumerable.Range(1, 19).Select(k => k / 100.0)]));
    }

    [Fact]
    public void ForTarget_TwentyPastErrors_BandAndStatusesAtItsEnds_TooCloseToCall()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(("2024K1", 500), ("2025K1", 525));

        var (nowcast, _) = ForIncrease(jobs, wageEarners, PastAreas(20));

        // Ŷ = 1400 × 525 / 500 = 1470. Q = 16th smallest of 0.01 … 0.20 = 0.16: low = 1470 × 0.84 = 1234.8, high = 1470 × 1.16 = 1705.2.
        // Expected 2025 = 1000 + 100 × 5 = 1500, r = (x − 1000) / 500: 0.94 at risk; low 0.4696 off track; high 1.4104 on track.
        Assert.Equal(1470, nowcast!.Value, 9);
        Assert.Equal(1234.8, nowcast.Low!.Value, 9);
        Assert.Equal(1705.2, nowcast.High!.Value, 9);
        Assert.Equal(20, nowcast.PastErrors);
        Assert.Equal(
            (TargetStatus.AtRisk, TargetStatus.OffTrack, TargetStatus.OnTrack),
            (nowcast.Status, nowcast.StatusLow!.Value, nowcast.StatusHigh!.Value));
        Assert.True(nowcast.TooCloseToCall);
        Assert.Null(nowcast.Note);
    }

    [Fact]
    public void ForTarget_NarrowBandOnOneSide_NotTooCloseToCall()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(("2024K1", 500), ("2025K1", 550));
        // Ten areas off by +1 %, ten by −2 %: the 16th smallest |e| is 0.02.
        var areas = Enumerable.Range(1, 20).Select(k => ErringBy($"a{k}", 2024, k % 2 == 0 ? 1 : -2)).ToList();

        var (nowcast, _) = ForIncrease(jobs, wageEarners, areas);

        // Ŷ = 1400 × 550 / 500 = 1540, r = 540 / 500 = 1.08; low = 1540 × 0.98 = 1509.2, r = 1.0184; high = 1540 × 1.02 = 1570.8, r = 1.1416.
        Assert.Equal(1509.2, nowcast!.Low!.Value, 9);
        Assert.Equal(1570.8, nowcast.High!.Value, 9);
        Assert.Equal(
            (TargetStatus.OnTrack, TargetStatus.OnTrack, TargetStatus.OnTrack),
            (nowcast.Status, nowcast.StatusLow!.Value, nowcast.StatusHigh!.Value));
        Assert.False(nowcast.TooCloseToCall);
    }

    [Fact]
    public void ForTarget_NineteenPastErrors_NoBandAndSaysSo()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(("2024K1", 500), ("2025K1", 525));

        var (nowcast, _) = ForIncrease(jobs, wageEarners, PastAreas(19));

        // Ŷ = 1470, r = 0.94: at risk, but with 19 < 20 past errors no band and no statuses at its ends.
        Assert.Equal(TargetStatus.AtRisk, nowcast!.Status);
        Assert.Equal(19, nowcast.PastErrors);
        Assert.Null(nowcast.Low);
        Assert.Null(nowcast.High);
        Assert.Null(nowcast.StatusLow);
        Assert.Null(nowcast.StatusHigh);
        Assert.False(nowcast.TooCloseToCall);
        Assert.Equal("Only 19 past errors with quarter 1 (at least 20 are needed): no band.", nowcast.Note);
    }

    [Fact]
    public void ForTarget_ErrorsOfTheYearAndLater_NeverEnterItsBand()
    {
        var jobs = Of(("2020", 1000), ("2024", 1400));
        var wageEarners = Of(("2024K1", 500), ("2025K1", 525));
        // Beside the 20 errors of 2024, an area off by +900 % in 2025 and one in 2026 (1000 × 1000 / 100 = 10000 against 1000).
        // Counted, they would make 22 errors with the ⌈0.8 × 22⌉ = 18th smallest, 0.18, as Q.
        var areas = PastAreas(20).Append(ErringBy("late", 2025, 900)).Append(ErringBy("later", 2026, 900)).ToList();

        var (nowcast, _) = ForIncrease(jobs, wageEarners, areas);

        // Only years before 2025: the 20 errors of 2024, Q = 0.16, high = 1470 × 1.16 = 1705.2, as without the two areas.
        Assert.Equal(20, nowcast!.PastErrors);
        Assert.Equal(1705.2, nowcast.High!.Value, 9);
        Assert.Equal(20, NowcastMethod.PastErrors(areas, 2025, 1).Count);
        Assert.Equal(21, NowcastMethod.PastErrors(areas, 2026, 1).Count);
        Assert.Equal(22, NowcastMethod.PastErrors(areas, 2027, 1).Count);
    }

    [Fact]
    public void PastErrors_OnlyTheSameQuarter()
    {
        // Y flat at 1000; X_2024K1 / X_2023K1 = 110 / 100 and X_2024K2 / X_2023K2 = 95 / 100.
        var area = new NowcastArea("615", Of(("2023", 1000), ("2024", 1000)), Of(("2023K1", 100), ("2023K2", 100), ("2024K1", 110), ("2024K2", 95)));

        // Quarter 1: 1000 × 1.10 / 1000 − 1 = 0.10; quarter 2: 1000 × 0.95 / 1000 − 1 = −0.05.
        Assert.Equal(0.10, Assert.Single(NowcastMethod.PastErrors([area], 2025, 1)), 9);
        Assert.Equal(-0.05, Assert.Single(NowcastMethod.PastErrors([area], 2025, 2)), 9);
    }

    [Fact]
    public void ForTarget_RelativeTarget_BenchmarkEstimatedAlike()
    {
        var jobs = Of(("2024", 1100));
        var wageEarners = Of(("2024K1", 100), ("2025K1", 110));
        var denmark = (Of(("2024", 10000)), Of(("2024K1", 1000), ("2025K1", 1050)));

        var (nowcast, _) = NowcastMethod.ForTarget(
            Target(TargetKind.Relative, null, baseline: "2024"), jobs, wageEarners, "wage-earners", [], denmark, Now);

        // Ŷ = 1100 × 110 / 100 = 1210; Denmark's Ŷ = 10000 × 1050 / 1000 = 10500, growth 0.05.
        // Expected = 1100 × 1.05 = 1155; r = (1210 − 1100) / (1155 − 1100) = 2: on track.
        Assert.Equal(1210, nowcast!.Value, 9);
        Assert.Equal(TargetStatus.OnTrack, nowcast.Status);
    }

    [Fact]
    public void ForTarget_NoOfficialFigure_NoEstimateAndWhy()
    {
        var (nowcast, reason) = ForIncrease(Empty(Frequency.Year), Of(("2025K1", 525)));

        Assert.Null(nowcast);
        Assert.Equal("There is no official figure yet to grow by the leading indicator.", reason);
    }

    [Fact]
    public void ForTarget_NoLeadingFigureOfTheYear_NoEstimateAndWhy()
    {
        var (nowcast, reason) = ForIncrease(Of(("2020", 1000), ("2024", 1400)), Of(("2024K3", 520), ("2024K4", 530)));

        Assert.Null(nowcast);
        Assert.Equal("The leading indicator has no figure for 2025 yet.", reason);
    }

    [Fact]
    public void ForTarget_NoLeadingFigureAYearBefore_NoEstimateAndWhy()
    {
        var (nowcast, reason) = ForIncrease(Of(("2020", 1000), ("2024", 1400)), Of(("2024K1", 500), ("2025K1", 505), ("2025K2", 515)));

        // The latest quarter of 2025 is K2, and 2024K2 is missing.
        Assert.Null(nowcast);
        Assert.Equal("The leading indicator has no figure (or zero) for 2025K2 or 2024K2.", reason);
    }

    [Fact]
    public void ForTarget_LastYearUnpublished_ThatYearIsEstimatedNotTheNext()
    {
        var jobs = Of(("2020", 1000), ("2023", 1300));
        var wageEarners = Of(("2023K4", 600), ("2024K4", 630), ("2025K1", 640), ("2025K2", 650));

        var (nowcast, _) = ForIncrease(jobs, wageEarners);

        // Y_2024 is not published, so there is no estimate of 2025; 2024 is estimated: 1300 × 630 / 600 = 1365.
        Assert.Equal(Period.Parse("2024"), nowcast!.Period);
        Assert.Equal(1365, nowcast.Value, 9);
    }

    [Fact]
    public void ForTarget_TargetEnded_NoEstimateAndWhy()
    {
        var (nowcast, reason) = NowcastMethod.ForTarget(
            Increase(100, end: "2024"), Of(("2020", 1000), ("2024", 1400)), Of(("2024K1", 500), ("2025K1", 525)), "wage-earners", [], null, Now);

        // Judging 2025 would judge the end year 2024 instead, on its official figure.
        Assert.Null(nowcast);
        Assert.Equal("The target ended with 2024, whose official figure is published: there is no year left to estimate.", reason);
    }

    /// <summary>The estimate for a target of +100 a year from 2020 to 2030, with the band from <paramref name="areas"/>.</summary>
    private static (Nowcast? Nowcast, string? Reason) ForIncrease(Series jobs, Series wageEarners, IReadOnlyList<NowcastArea>? areas = null) =>
        NowcastMethod.ForTarget(Increase(100), jobs, wageEarners, "wage-earners", areas ?? [], null, Now);

    /// <summary>
    /// <paramref name="count"/> areas, the k-th off by k % in 2024 with quarter 1 (alternately over and under): |e| = 0.01, 0.02, ….
    /// </summary>
    private static List<NowcastArea> PastAreas(int count) =>
        [.. Enumerable.Range(1, count).Select(k => ErringBy($"a{k}", 2024, k % 2 == 0 ? k : -k))];

    /// <summary>
    /// An area whose one estimate, of <paramref name="year"/> with quarter 1, is off by <paramref name="percent"/> %:
    /// Y flat at 1000 and X from 100 to 100 + percent, so Ŷ = 1000 × (100 + percent) / 100 and e = percent / 100.
    /// </summary>
    private static NowcastArea ErringBy(string area, int year, int percent) => new(
        area,
        Of(($"{year - 1}", 1000), ($"{year}", 1000)),
        Of(($"{year - 1}K1", 100), ($"{year}K1", 100 + percent)));
}
