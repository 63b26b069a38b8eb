namespace GrowthMonitor.Core.Tests;

public sealed class SeriesTests
{
    [Fact]
    public void Constructor_UnorderedObservations_OrderedByPeriod()
    {
        var series = SeriesBuilder.Of(("2023", 3), ("2021", 1), ("2022", 2));

        Assert.Equal(["2021", "2022", "2023"], series.Observations.Select(o => o.Period.ToString()));
        Assert.Equal(new Observation(Period.Parse("2023"), 3), series.Latest);
    }

    [Fact]
    public void Constructor_DuplicatePeriod_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => SeriesBuilder.Of(("2021", 1), ("2021", 2)));

        Assert.Contains("2021 occurs more than once", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PeriodOfOtherFrequency_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            new Series(Frequency.Year, [new Observation(Period.Parse("2021K1"), 1)]));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFiniteValue_Throws(double value) =>
        Assert.Throws<ArgumentException>(() => SeriesBuilder.Of(("2021", value)));

    [Fact]
    public void Latest_Empty_Null() => Assert.Null(SeriesBuilder.Empty(Frequency.Quarter).Latest);

    [Fact]
    public void TryGetValue_MissingPeriod_False()
    {
        var series = SeriesBuilder.Of(("2021", 1), ("2023", 3));

        Assert.True(series.TryGetValue(Period.Parse("2023"), out var value));
        Assert.Equal(3, value);
        Assert.False(series.TryGetValue(Period.Parse("2022"), out _));
    }

    [Theory]
    [InlineData("2024-01-01", new[] { "2023K3", "2023K4" })]
    // 2024K1 starts 2024-01-01, before the mid-quarter cut-off, so it counts.
    [InlineData("2024-02-15", new[] { "2023K3", "2023K4", "2024K1" })]
    [InlineData("2023-07-01", new string[0])]
    [InlineData("2030-01-01", new[] { "2023K3", "2023K4", "2024K1", "2024K2" })]
    public void StartingBefore_CutOff_PeriodsStartingEarlier(string cutoff, string[] expected)
    {
        var series = SeriesBuilder.Consecutive("2023K3", 1, 2, 3, 4);

        var cut = series.StartingBefore(DateOnly.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, cut.Observations.Select(o => o.Period.ToString()));
    }
}
