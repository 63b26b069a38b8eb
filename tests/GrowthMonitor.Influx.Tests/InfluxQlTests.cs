namespace GrowthMonitor.Influx.Tests;

public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("jobs", "\"jobs\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("x\\\"; DROP DATABASE y", "\"x\\\\\\\"; DROP DATABASE y\"")]
    public void Identifier_AnyName_StaysOneQuotedIdentifier(string name, string expected)
    {
        Assert.Equal(expected, InfluxQl.Identifier(name));
    }

    [Fact]
    public void Time_AnyOffset_IsUtcRfc3339()
    {
        Assert.Equal("2024-06-30T22:00:00Z", InfluxQl.Time(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.FromHours(2))));
    }

    [Theory]
    // InfluxDB keeps nanoseconds since 1970 in a signed 64-bit integer: ±9,223,372,036,854,775,807 ns is ±292.3 years,
    // 1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775807Z; .NET counts in 100 ns, so a little inside.
    [InlineData("1677-09-21T00:12:43.1452242Z", true)]
    [InlineData("1677-09-21T00:12:43.1452241Z", false)]
    [InlineData("1677-01-01T00:00:00Z", false)]
    [InlineData("2262-04-11T23:47:16.8547758Z", true)]
    [InlineData("2262-04-11T23:47:16.8547759Z", false)]
    [InlineData("9999-01-01T00:00:00Z", false)]
    public void IsStorable_AroundInfluxLimits_OnlyTimesInsideThem(string time, bool storable)
    {
        Assert.Equal(storable, InfluxQl.IsStorable(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
