using System.Text.Json;

namespace GrowthMonitor.Core.Tests;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2024", Frequency.Year, "2024-01-01")]
    [InlineData("2024H2", Frequency.HalfYear, "2024-07-01")]
    [InlineData("2024K3", Frequency.Quarter, "2024-07-01")]
    [InlineData("2024Q3", Frequency.Quarter, "2024-07-01")]
    [InlineData("2024k1", Frequency.Quarter, "2024-01-01")]
    [InlineData("2024M07", Frequency.Month, "2024-07-01")]
    [InlineData("2024M12", Frequency.Month, "2024-12-01")]
    public void Parse_StatBankCode_FrequencyAndFirstDay(string code, Frequency frequency, string start)
    {
        var period = Period.Parse(code);

        Assert.Equal(frequency, period.Frequency);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
    }

    [Theory]
    [InlineData(Frequency.Year, 2024, 1, "2024")]
    [InlineData(Frequency.HalfYear, 2024, 1, "2024H1")]
    [InlineData(Frequency.Quarter, 2024, 3, "2024K3")]
    [InlineData(Frequency.Month, 2024, 7, "2024M07")]
    [InlineData(Frequency.Month, 999, 1, "0999M01")]
    public void ToString_Period_StatBankCode(Frequency frequency, int year, int position, string expected) =>
        Assert.Equal(expected, Period.Create(frequency, year, position).ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("202")]
    [InlineData("20245")]
    [InlineData("2024K")]
    [InlineData("2024K0")]
    [InlineData("2024K5")]
    [InlineData("2024Q5")]
    [InlineData("2024H0")]
    [InlineData("2024H3")]
    [InlineData("2024M7")]
    [InlineData("2024M00")]
    [InlineData("2024M13")]
    [InlineData("2024M123")]
    [InlineData("2021U52")]
    [InlineData("2024X1")]
    [InlineData("2024K+")]
    [InlineData(" 2024")]
    [InlineData("2024 ")]
    [InlineData("0000")]
    [InlineData("+024")]
    [InlineData("2O24")]
    [InlineData("２０２４")]
    public void TryParse_InvalidCode_False(string? code) => Assert.False(Period.TryParse(code, out _));

    [Fact]
    public void Parse_InvalidCode_FormatExceptionNamingTheCode()
    {
        var exception = Assert.Throws<FormatException>(() => Period.Parse("2024K5"));

        Assert.Contains("'2024K5'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024", "2024")]
    [InlineData("2024Q3", "2024K3")]
    [InlineData("2024m07", "2024M07")]
    public void ToString_ParsedCode_CanonicalCode(string code, string canonical) =>
        Assert.Equal(canonical, Period.Parse(code).ToString());

    [Theory]
    [InlineData("2024K4", "2025K1")]
    [InlineData("2024M12", "2025M01")]
    [InlineData("2024H1", "2024H2")]
    [InlineData("2024", "2025")]
    public void Next_Period_FollowingPeriodAcrossYearEnd(string code, string next) =>
        Assert.Equal(Period.Parse(next), Period.Parse(code).Next());

    [Fact]
    public void Previous_January_DecemberOfYearBefore() =>
        Assert.Equal(Period.Parse("2023M12"), Period.Parse("2024M01").Previous());

    [Theory]
    // 2024K2 − 4 quarters = 2023K2, − 1 more = 2023K1
    [InlineData("2024K2", -5, "2023K1")]
    // 2024H2 + 2 halves = 2025H2, + 1 more = 2026H1
    [InlineData("2024H2", 3, "2026H1")]
    // 2024M11 + 14 months = 2024M11 + 12 + 2 = 2026M01
    [InlineData("2024M11", 14, "2026M01")]
    [InlineData("2024", 0, "2024")]
    public void Offset_Periods_MovesByWholePeriods(string code, int periods, string expected) =>
        Assert.Equal(Period.Parse(expected), Period.Parse(code).Offset(periods));

    [Theory]
    [InlineData("2024", "2025-01-01")]
    [InlineData("2024H2", "2025-01-01")]
    [InlineData("2024K1", "2024-04-01")]
    [InlineData("2024M02", "2024-03-01")]
    [InlineData("2024M12", "2025-01-01")]
    public void End_Period_FirstDayAfter(string code, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Period.Parse(code).End);

    [Theory]
    [InlineData("2024", 2024, 1, 1)]
    [InlineData("2024H2", 2024, 2, 2)]
    [InlineData("2024K3", 2024, 3, 4)]
    [InlineData("2023M11", 2023, 11, 12)]
    public void Position_Period_YearPositionAndPeriodsPerYear(string code, int year, int position, int perYear)
    {
        var period = Period.Parse(code);

        Assert.Equal(year, period.Year);
        Assert.Equal(position, period.PositionInYear);
        Assert.Equal(perYear, period.PeriodsPerYear);
    }

    [Theory]
    [InlineData("2024K3", 2019, "2019K3")]
    [InlineData("2024M02", 2020, "2020M02")]
    [InlineData("2024H1", 2030, "2030H1")]
    [InlineData("2024", 2020, "2020")]
    public void SameTimeInYear_OtherYear_LikePeriod(string code, int year, string expected) =>
        Assert.Equal(Period.Parse(expected), Period.Parse(code).SameTimeInYear(year));

    [Fact]
    public void Create_QuarterFive_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Create(Frequency.Quarter, 2024, 5));

    [Theory]
    [InlineData(Frequency.Quarter, "2024-08-15", "2024K3")]
    [InlineData(Frequency.Month, "2024-08-31", "2024M08")]
    [InlineData(Frequency.HalfYear, "2024-06-30", "2024H1")]
    [InlineData(Frequency.Year, "2024-12-31", "2024")]
    public void Containing_Date_PeriodAroundIt(Frequency frequency, string date, string expected) =>
        Assert.Equal(
            Period.Parse(expected),
            Period.Containing(frequency, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromStart_FirstDayOfQuarter_Quarter() =>
        Assert.Equal(Period.Parse("2024K4"), Period.FromStart(Frequency.Quarter, new DateOnly(2024, 10, 1)));

    [Theory]
    [InlineData(Frequency.Quarter, "2024-02-01")]
    [InlineData(Frequency.Month, "2024-07-15")]
    [InlineData(Frequency.HalfYear, "2024-04-01")]
    [InlineData(Frequency.Year, "2024-07-01")]
    public void FromStart_NotFirstDayOfPeriod_Throws(Frequency frequency, string date)
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            Period.FromStart(frequency, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(date, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStart_MidnightUtcTimestamp_Period() =>
        Assert.Equal(Period.Parse("2024M07"), Period.FromStart(Frequency.Month, Contexts.Utc(2024, 7, 1)));

    [Fact]
    public void FromStart_MidnightCopenhagenSummerTime_Throws() =>
        // 2024-07-01 00:00 +02:00 is 2024-06-30 22:00 UTC: not where a period is stored.
        Assert.Throws<ArgumentException>(() =>
            Period.FromStart(Frequency.Month, new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.FromHours(2))));

    [Fact]
    public void StartUtc_Quarter_FirstDayMidnightUtc() =>
        Assert.Equal(Contexts.Utc(2024, 7, 1), Period.Parse("2024K3").StartUtc);

    [Fact]
    public void CompareTo_UnorderedPeriods_SortsByStart()
    {
        List<Period> periods = [Period.Parse("2024K1"), Period.Parse("2023K4"), Period.Parse("2024K3")];

        periods.Sort();

        Assert.Equal(["2023K4", "2024K1", "2024K3"], periods.Select(p => p.ToString()));
        Assert.True(Period.Parse("2023K4") < Period.Parse("2024K1"));
        Assert.True(Period.Parse("2024K1") <= Period.Parse("2024Q1"));
    }

    [Fact]
    public void Serialize_Period_StatBankCodeString() =>
        Assert.Equal("\"2024K3\"", JsonSerializer.Serialize(Period.Parse("2024K3")));

    [Fact]
    public void Deserialize_CodeString_Period() =>
        Assert.Equal(Period.Parse("2024M07"), JsonSerializer.Deserialize<Period>("\"2024M07\""));

    [Fact]
    public void Deserialize_InvalidCode_JsonException() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Period>("\"2024K9\""));
}
