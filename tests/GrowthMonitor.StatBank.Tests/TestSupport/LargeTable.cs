using System.Globalization;

namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>
/// A BULK body of any number of rows whose figures are known in advance: 100 areas (101–200) × consecutive months
/// from 2000M01, one branch (TOT); every fourth row (areas 101, 105, …) carries 1234,5, the others 987654.
/// </summary>
internal static class LargeTable
{
    private const int Areas = 100;

    public static TableBody Body(int rows)
    {
        if (rows % Areas != 0)
        {
            throw new ArgumentException($"Rows must be a multiple of {Areas} (one per area and month), not {rows}.", nameof(rows));
        }

        var areas = Enumerable.Range(101, Areas).Select(area => area.ToString(CultureInfo.InvariantCulture)).ToList();
        var months = Enumerable.Range(0, rows / Areas).Select(month => string.Create(CultureInfo.InvariantCulture, $"{2000 + (month / 12)}M{(month % 12) + 1:00}")).ToList();
        return new FakeTable("LARGE", "OMRÅDE", areas, months, new Dictionary<string, IReadOnlyList<string>> { ["BRANCHE07"] = ["TOT"] })
        {
            Values = (area, _) => (int.Parse(area, CultureInfo.InvariantCulture) - 101) % 4 == 0 ? 1234.5m : 987654m,
        }.Body();
    }
}
