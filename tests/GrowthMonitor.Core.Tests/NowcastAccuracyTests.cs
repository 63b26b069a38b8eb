using static GrowthMonitor.Core.Tests.SeriesBuilder;

namespace GrowthMonitor.Core.Tests;

/// <summary>The method's record against the official figures and the two plain baselines, worked out by hand.</summary>
public sealed class NowcastAccuracyTests
{
    // Area 615: Y 2020–2023 = 1000, 1000, 1250, 1000; X (quarter 1) = 100, 110, 110, 88.
    //   Ŷ_2021 = 1000 × 110 / 100 = 1100 against 1000: |Ŷ − Y| 100, 10 %.
    //   Ŷ_2022 = 1000 × 110 / 110 = 1000 against 1250: 250, 20 %.
    //   Ŷ_2023 = 1250 × 88 / 110 = 1000 against 1000: 0, 0 %.
    // Area 766: Y = 2000, 2200, 2500, 2500; X = 50, 55, 50, 60.
    //   Ŷ_2021 = 2000 × 55 / 50 = 2200 against 2200: 0, 0 %.
    //   Ŷ_2022 = 2200 × 50 / 55 = 2000 against 2500: 500, 20 %.
    //   Ŷ_2023 = 2500 × 60 / 50 = 3000 against 2500: 500, 20 %.
    private static readonly NowcastArea[] TwoAreas =
    [
        new("615", Of(("2020", 1000), ("2021", 1000), ("2022", 1250), ("2023", 1000)), Of(("2020K1", 100), ("2021K1", 110), ("2022K1", 110), ("2023K1", 88))),
        new("766", Of(("2020", 2000), ("2021", 2200), ("2022", 2500), ("2023", 2500)), Of(("2020K1", 50), ("2021K1", 55), ("2022K1", 50), ("2023K1", 60))),
    ];

    [Fact]
    public void Of_TwoAreas_MethodErrorPooledAndPerArea()
    {
        var quarter = Assert.Single(NowcastAccuracy.Of(TwoAreas));

        Assert.Equal(1, quarter.Quarter);
        // Pooled: (100 + 250 + 0 + 0 + 500 + 500) / 6 = 225; (10 + 20 + 0 + 0 + 20 + 20) / 6 = 11.67 %.
        AssertError(quarter.Pooled.Nowcast, 6, 225, 70.0 / 6);
        Assert.Equal(["615", "766"], quarter.Areas.Select(a => a.Area));
        // 615: 350 / 3 = 116.67, 30 / 3 = 10 %; 766: 1000 / 3 = 333.33, 40 / 3 = 13.33 %.
        AssertError(quarter.Areas[0].Record.Nowcast, 3, 350.0 / 3, 10);
        AssertError(quarter.Areas[1].Record.Nowcast, 3, 1000.0 / 3, 40.0 / 3);
        // 6 errors in all, fewer than 20: no estimate has a band, so there is no coverage.
        Assert.Equal(0, quarter.Pooled.Banded);
        Assert.Null(quarter.Pooled.Coverage);
    }

    [Fact]
    public void Of_TwoAreas_NoChangeBaseline()
    {
        var quarter = Assert.Single(NowcastAccuracy.Of(TwoAreas));

        // Ŷ = Y_{T−1}. 615: 1000 vs 1000: 0, 0 %; 1000 vs 1250: 250, 20 %; 1250 vs 1000: 250, 25 %.
        // 766: 2000 vs 2200: 200, 100/11 %; 2200 vs 2500: 300, 12 %; 2500 vs 2500: 0, 0 %.
        // Pooled: 1000 / 6 = 166.67; (20 + 25 + 100/11 + 12) / 6 = 11.02 %.
        AssertError(quarter.Pooled.NoChange, 6, 1000.0 / 6, (57 + 100.0 / 11) / 6);
        AssertError(quarter.Areas[0].Record.NoChange, 3, 500.0 / 3, 15);
        AssertError(quarter.Areas[1].Record.NoChange, 3, 500.0 / 3, (100.0 / 11 + 12) / 3);
    }

    [Fact]
    public void Of_TwoAreas_LastYearsChangeRepeatedBaseline_OnlyWhereTwoYearsBackExist()
    {
        var quarter = Assert.Single(NowcastAccuracy.Of(TwoAreas));

        // Ŷ = 2·Y_{T−1} − Y_{T−2}; 2021 has no Y_2019, so 2022 and 2023 only.
        // 615: 2 × 1000 − 1000 = 1000 vs 1250: 250, 20 %; 2 × 1250 − 1000 = 1500 vs 1000: 500, 50 %.
        // 766: 2 × 2200 − 2000 = 2400 vs 2500: 100, 4 %; 2 × 2500 − 2200 = 2800 vs 2500: 300, 12 %.
        // Pooled: 1150 / 4 = 287.5; (20 + 50 + 4 + 12) / 4 = 21.5 %.
        AssertError(quarter.Pooled.LastChangeRepeated, 4, 287.5, 21.5);
        AssertError(quarter.Areas[0].Record.LastChangeRepeated, 2, 375, 35);
        AssertError(quarter.Areas[1].Record.LastChangeRepeated, 2, 200, 8);
    }

    [Fact]
    public void Of_BandsFromEarlierYearsOnly_Coverage()
    {
        // 20 areas, Y_2023 = Y_2024 = 1000, the k-th off by k % in 2024 (|Ŷ − Y| = 10k); X_2025 = X_2024, so Ŷ_2025 = 1000.
        // Areas 1–15 have Y_2025 = 1000 (error 0), areas 16–20 Y_2025 = 1200 (|Ŷ − Y| 200, 200/1200 = 16.67 %).
        var areas = Enumerable.Range(1, 20).Select(k =>
        {
            var x2024 = 100 + (k % 2 == 0 ? k : -k);
            return new NowcastArea(
                $"a{k:D2}",
                Of(("2023", 1000), ("2024", 1000), ("2025", k <= 15 ? 1000 : 1200)),
                Of(("2023K1", 100), ("2024K1", x2024), ("2025K1", x2024)));
        }).ToList();

        var pooled = Assert.Single(NowcastAccuracy.Of(areas)).Pooled;

        // The 2024 estimates have no earlier errors: no band. The 2025 ones have the 20 of 2024: Q = 0.16, band 840–1160,
        // which holds 1000 (areas 1–15) but not 1200 (16–20): coverage 15 / 20 = 0.75.
        Assert.Equal(20, pooled.Banded);
        Assert.Equal(0.75, pooled.Coverage!.Value, 9);
        // 40 estimates: (10 × (1 + … + 20) + 5 × 200) / 40 = (2100 + 1000) / 40 = 77.5;
        // (1 + … + 20 + 5 × 100/6) / 40 = (210 + 83.33) / 40 = 7.33 %.
        AssertError(pooled.Nowcast, 40, 77.5, (210 + 500.0 / 6) / 40);
    }

    private static void AssertError(EstimateError error, int estimates, double meanAbsolute, double meanAbsolutePercent)
    {
        Assert.Equal(estimates, error.Estimates);
        Assert.Equal(meanAbsolute, error.MeanAbsoluteError!.Value, 9);
        Assert.Equal(meanAbsolutePercent, error.MeanAbsolutePercentError!.Value, 9);
    }
}
