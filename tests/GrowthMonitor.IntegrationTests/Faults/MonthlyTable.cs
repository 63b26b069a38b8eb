using System.Globalization;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// A monthly table of the fake Statistics Denmark, areas 101, 102, … by months from January 2000, large enough to be
/// caught half-way; each figure is worked out from its area and month alone: area × 1000 + the month's number (1, 2, …).
/// </summary>
internal static class MonthlyTable
{
    public static FakeTable Create(string id, int areaCount, int monthCount)
    {
        string[] months = [.. Enumerable.Range(0, monthCount).Select(m => $"{2000 + m / 12}M{m % 12 + 1:00}")];
        string[] areas = [.. Enumerable.Range(101, areaCount).Select(a => a.ToString(CultureInfo.InvariantCulture))];
        return new FakeTable(id, "OMRÅDE", areas, months, new Dictionary<string, IReadOnlyList<string>> { ["TAL"] = ["X"] })
        {
            Values = (area, month) => int.Parse(area, CultureInfo.InvariantCulture) * 1000 + Array.IndexOf(months, month) + 1,
        };
    }

    /// <summary>A catalog of one indicator, <paramref name="indicator"/>, on the table.</summary>
    public static JsonObject Catalog(string indicator, string table) =>
        ServiceHarness.Catalog(ServiceHarness.Indicator(indicator, table, "OMRÅDE", new Dictionary<string, string[]> { ["TAL"] = ["X"] }));

    /// <summary>The whole table's data body, as the fake sends it.</summary>
    public static byte[] Body(FakeTable table)
    {
        using var body = table.Body();
        using var copy = new MemoryStream();
        body.CopyTo(copy);
        return copy.ToArray();
    }
}
