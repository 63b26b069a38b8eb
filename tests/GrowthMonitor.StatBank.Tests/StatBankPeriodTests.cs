namespace GrowthMonitor.StatBank.Tests;

public class StatBankPeriodTests
{
    [Theory]
    [InlineData("2024", StatBankFrequency.Annual, "2024-01-01", "2024")]
    [InlineData("2024H1", StatBankFrequency.HalfYear, "2024-01-01", "2024H1")]
    [InlineData("2024H2", StatBankFrequency.HalfYear, "2024-07-01", "2024H2")]
    [InlineData("2024K3", StatBankFrequency.Quarter, "2024-07-01", "2024K3")]
    [InlineData("2024Q3", StatBankFrequency.Quarter, "2024-07-01", "2024K3")]
    [InlineData("2024M07", StatBankFrequency.Month, "2024-07-01", "2024M07")]
    [InlineData("2024M12", StatBankFrequency.Month, "2024-12-01", "2024M12")]
    [InlineData("2021U52", StatBankFrequency.Week, "2021-12-27", "2021U52")]
    [InlineData("2020U53", StatBankFrequency.Week, "2020-12-28", "2020U53")]
    [InlineData("2021U01", StatBankFrequency.Week, "2021-01-04", "2021U01")]
    [InlineData("2025U01", StatBankFrequency.Week, "2024-12-30", "2025U01")]
    public void Parse_ValidCode_GivesFrequencyStartAndDanishCode(string code, StatBankFrequency frequency, string start, string danishCode)
    {
        var period = StatBankPeriod.Parse(code);

        Assert.Equal(frequency, period.Frequency);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(danishCode, period.ToString());
    }

    [Theory]
    [InlineData("2024K5", "quarter must be 1-4")]
    [InlineData("2024K0", "quarter must be 1-4")]
    [InlineData("2024M13", "month must be 01-12")]
    [InlineData("2024H3", "half-year must be 1-2")]
    [InlineData("2024U54", "week must be 01-52, as 2024 has 52 ISO weeks")]
    [InlineData("2021U53", "week must be 01-52, as 2021 has 52 ISO weeks")]
    [InlineData("", "expected a four-digit year")]
    [InlineData("20x4", "expected a four-digit year")]
    [InlineData("24K1", "expected a four-digit year")]
    [InlineData("2024X1", "'X' is not a frequency letter")]
    [InlineData("2024M7", "'M' must be followed by exactly 2 digit(s)")]
    [InlineData("2024K", "'K' must be followed by exactly 1 digit(s)")]
    [InlineData("2019:2020", "':' is not a frequency letter")]
    public void Parse_InvalidCode_ThrowsFormatExceptionSayingWhy(string code, string reason)
    {
        var error = Assert.Throws<FormatException>(() => StatBankPeriod.Parse(code));

        Assert.Contains($"'{code}' is not a Statistics Denmark period code", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2024K5")]
    [InlineData("20x4")]
    public void TryParse_InvalidCode_ReturnsFalse(string? code) => Assert.False(StatBankPeriod.TryParse(code, out _));

    [Theory]
    [InlineData("2024", "2025", "2023")]
    [InlineData("2024H2", "2025H1", "2024H1")]
    [InlineData("2024K4", "2025K1", "2024K3")]
    [InlineData("2024K1", "2024K2", "2023K4")]
    [InlineData("2024M12", "2025M01", "2024M11")]
    [InlineData("2020U53", "2021U01", "2020U52")]
    [InlineData("2021U01", "2021U02", "2020U53")]
    public void NextAndPrevious_AnyFrequency_MoveOnePeriod(string code, string next, string previous)
    {
        var period = StatBankPeriod.Parse(code);

        Assert.Equal(next, period.Next().ToString());
        Assert.Equal(previous, period.Previous().ToString());
    }

    [Theory]
    [InlineData("2024", "2025-01-01")]
    [InlineData("2024K3", "2024-10-01")]
    [InlineData("2024M02", "2024-03-01")]
    [InlineData("2021U52", "2022-01-03")]
    public void End_AnyPeriod_IsTheFirstDayAfterIt(string code, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), StatBankPeriod.Parse(code).End);

    [Fact]
    public void CompareTo_MixedOrder_SortsByStart()
    {
        var sorted = new[] { "2024K3", "2023K4", "2024K1" }.Select(StatBankPeriod.Parse).Order().Select(period => period.ToString());

        Assert.Equal(["2023K4", "2024K1", "2024K3"], sorted);
    }
}
