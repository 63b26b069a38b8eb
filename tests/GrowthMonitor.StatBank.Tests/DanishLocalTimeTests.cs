using System.Text.Json;

namespace GrowthMonitor.StatBank.Tests;

public class DanishLocalTimeTests
{
    public static TheoryData<string, int> Times => new()
    {
        { "2025-03-25T08:00:00", 1 },
        { "2025-07-01T08:00:00", 2 },
        { "2025-03-30T01:59:00", 1 },
        { "2025-03-30T03:00:00", 2 },
        { "2025-10-26T01:59:00", 2 },
        { "2025-10-26T03:00:00", 1 },
        { "2020-12-23T08:00:00", 1 },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void ToDateTimeOffset_CopenhagenWallClock_GetsTheOffsetInForce(string local, int hours)
    {
        var time = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromHours(hours), DanishLocalTime.ToDateTimeOffset(time).Offset);
        Assert.Equal(time, DanishLocalTime.ToDateTimeOffset(time).DateTime);
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void EuropeanUnionRule_WithoutTzdata_GivesTheSameOffsets(string local, int hours) =>
        Assert.Equal(
            TimeSpan.FromHours(hours),
            DanishLocalTime.EuropeanUnionRule().GetUtcOffset(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2025-07-01T08:00:00Z", 0)]
    [InlineData("2025-07-01T08:00:00+01:00", 1)]
    public void Read_TimestampWithOffset_KeepsIt(string updated, int hours)
    {
        var json = $$"""[{"id":"T","text":"t","unit":"Antal","updated":"{{updated}}","firstPeriod":"2024","latestPeriod":"2025","active":true,"variables":[]}]""";

        var table = Assert.Single(JsonSerializer.Deserialize(json, StatBankJsonContext.Default.IReadOnlyListTableSummary)!);

        Assert.Equal(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(hours)), table.Updated);
    }

    [Fact]
    public void Write_AnyOffset_WritesCopenhagenWallClockLikeTheServer()
    {
        var table = new TableSummary("T", "t", "Antal", new DateTimeOffset(2025, 7, 1, 6, 0, 0, TimeSpan.Zero), "2024", "2025", true, []);

        var json = JsonSerializer.Serialize<IReadOnlyList<TableSummary>>([table], StatBankJsonContext.Default.IReadOnlyListTableSummary);

        Assert.Contains("\"updated\":\"2025-07-01T08:00:00\"", json, StringComparison.Ordinal);
    }
}
