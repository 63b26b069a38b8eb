namespace GrowthMonitor.Core.Tests;

public sealed class SeriesMathTests
{
    [Fact]
    public void Sum_ThreeMunicipalities_SumPerPeriod()
    {
        var herning = SeriesBuilder.Of(("2022", 45_000), ("2023", 45_500));
        var holstebro = SeriesBuilder.Of(("2022", 28_000), ("2023", 28_300));
        var struer = SeriesBuilder.Of(("2022", 8_000), ("2023", 7_900));

        var sum = SeriesMath.Sum([herning, holstebro, struer]);

        // 2022: 45000 + 28000 + 8000 = 81000; 2023: 45500 + 28300 + 7900 = 81700
        Assert.Equal(
            [new Observation(Period.Parse("2022"), 81_000), new Observation(Period.Parse("2023"), 81_700)],
            sum.Observations);
    }

    [Fact]
    public void Sum_PeriodMissingInOneArea_PeriodDropped()
    {
        var a = SeriesBuilder.Consecutive("2021K1", 100, 110, 120);
        var b = SeriesBuilder.Of(("2021K1", 10), ("2021K3", 30), ("2021K4", 40));

        var sum = SeriesMath.Sum([a, b]);

        // 2021K2 is missing in b and 2021K4 in a. 2021K1: 100 + 10 = 110; 2021K3: 120 + 30 = 150
        Assert.Equal(
            [new Observation(Period.Parse("2021K1"), 110), new Observation(Period.Parse("2021K3"), 150)],
            sum.Observations);
        Assert.Equal(Frequency.Quarter, sum.Frequency);
    }

    [Fact]
    public void Sum_OneEmptyArea_Empty()
    {
        var sum = SeriesMath.Sum([SeriesBuilder.Consecutive("2021", 1, 2), SeriesBuilder.Empty(Frequency.Year)]);

        Assert.Empty(sum.Observations);
    }

    [Fact]
    public void Sum_DifferentFrequencies_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            SeriesMath.Sum([SeriesBuilder.Consecutive("2021", 1), SeriesBuilder.Consecutive("2021K1", 1)]));

    [Fact]
    public void Sum_NoSeries_Throws() => Assert.Throws<ArgumentException>(() => SeriesMath.Sum([]));
}
