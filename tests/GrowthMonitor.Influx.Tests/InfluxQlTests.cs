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
}
