namespace GrowthMonitor.StatBank.Tests;

public class StatBankClientSplitTests
{
    [Fact]
    public void TrySplitByTime_PeriodCodes_HalvesThemInPeriodOrder()
    {
        var request = new DataRequest("AULK01", [new("OMRÅDE", ["615"]), new("Tid", ["2024K2", "2023K4", "2024K1"])], DataFormat.Csv);

        Assert.True(StatBankClient.TrySplitByTime(request, out var earlier, out var later));

        Assert.Equal(["2023K4"], earlier.Variables[1].Values);
        Assert.Equal(["2024K1", "2024K2"], later.Variables[1].Values);
        Assert.Equal(["615"], later.Variables[0].Values);
        Assert.Equal(("Tid", DataFormat.Csv), (later.TimeVariable, later.Format));
    }

    [Fact]
    public void TrySplitByTime_TwoVariablesOfYears_DoesNotGuess()
    {
        var request = new DataRequest("FOLK3", [new("FODAAR", ["1990", "1991"]), new("Tid", ["2023", "2024"])], DataFormat.Csv);

        Assert.False(StatBankClient.TrySplitByTime(request, out _, out _));
    }

    [Fact]
    public void TrySplitByTime_NamedTimeVariableWithOtherCodes_HalvesInTheGivenOrder()
    {
        var request = new DataRequest("UDD1", [new("FODAAR", ["1990", "1991"]), new("TID", ["2019:2020", "2020:2021", "2021:2022"])], DataFormat.Csv)
        {
            TimeVariable = "Tid",
        };

        Assert.True(StatBankClient.TrySplitByTime(request, out var earlier, out var later));

        Assert.Equal(["2019:2020"], earlier.Variables[1].Values);
        Assert.Equal(["2020:2021", "2021:2022"], later.Variables[1].Values);
        Assert.Equal(["1990", "1991"], later.Variables[0].Values);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("2024K1")]
    public void TrySplitByTime_WildcardOrSinglePeriod_CannotSplit(string period)
    {
        var request = new DataRequest("AULK01", [new("OMRÅDE", ["615"]), new("Tid", [period])], DataFormat.Csv) { TimeVariable = "Tid" };

        Assert.False(StatBankClient.TrySplitByTime(request, out _, out _));
    }
}
