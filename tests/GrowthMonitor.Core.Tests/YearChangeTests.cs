using static GrowthMonitor.Core.Tests.SeriesBuilder;
using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

public sealed class YearChangeTests
{
    [Fact]
    public void Compute_AnnualWithTarget_ChangeAndExpectedChange()
    {
        var jobs = Of(("2020", 900), ("2022", 1000), ("2023", 1040));

        var change = YearChange.Compute(jobs, 2023, Increase(50));

        // 1040 − 1000 = 40 = 4 % of 1000; expected (900 + 50 × 3) − (900 + 50 × 2) = 1050 − 1000 = 50
        Assert.Equal(
            new YearChange(2023, Period.Parse("2022"), Period.Parse("2023"), 1000, 1040, 50), change);
        Assert.Equal(40, change!.Change);
        Assert.Equal(4, change.PercentChange!.Value, 9);
    }

    [Fact]
    public void Compute_QuarterlySummedAreas_LatestQuarterOfYearAgainstLikeQuarter()
    {
        var herning = Consecutive("2023K1", 100, 110, 120, 130, 105, 118);
        var ikastBrande = Consecutive("2023K1", 50, 55, 60, 65, 52, 57);

        var change = YearChange.Compute(SeriesMath.Sum([herning, ikastBrande]), 2024);

        // Latest of 2024 is K2: 118 + 57 = 175; 2023K2: 110 + 55 = 165; change 10 = 10 / 165 × 100 ≈ 6.0606 %
        Assert.Equal(
            new YearChange(2024, Period.Parse("2023K2"), Period.Parse("2024K2"), 165, 175, null), change);
        Assert.Equal(1000.0 / 165.0, change!.PercentChange!.Value, 9);
    }

    [Fact]
    public void Compute_YearBeforeBeforeBaseline_NoExpectedChange()
    {
        var jobs = Of(("2022", 1000), ("2023", 1040));

        var change = YearChange.Compute(jobs, 2023, Increase(50, baseline: "2023"));

        // The target says nothing about 2022, before its baseline year.
        Assert.Null(change!.ExpectedChange);
        Assert.Equal(40, change.Change);
    }

    [Fact]
    public void Compute_NoDataInYear_Null() => Assert.Null(YearChange.Compute(Of(("2021", 1), ("2022", 2)), 2023));

    [Fact]
    public void Compute_NoLikePeriodYearBefore_Null() => Assert.Null(YearChange.Compute(Of(("2021", 1), ("2023", 3)), 2023));

    [Fact]
    public void Compute_FromValueZero_NoPercentChange()
    {
        var change = YearChange.Compute(Of(("2022", 0), ("2023", 5)), 2023);

        Assert.Equal(5, change!.Change);
        Assert.Null(change.PercentChange);
    }
}
