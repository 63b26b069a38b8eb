using System.Globalization;
using GrowthMonitor.TestSupport;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The synthetic table both scenarios carry: 1,000 areas × <see cref="Months"/> monthly periods from 1940M01 of one
/// pinned measure, in the shape of Statistics Denmark's monthly tables (official statistics span decades, which is
/// what makes InfluxDB's shard duration matter). Rows come period by period, every area within a period, the order
/// the tests' fake Statistics Denmark serves them in (<see cref="ToFakeTable"/>).
/// </summary>
public sealed record BenchTable(int Months)
{
    public const string Id = "BENCH";
    public const string Indicator = "bench";
    public const string AreaVariable = "OMRÅDE";
    public const string PinnedVariable = "TAL";
    public const string PinnedValue = "ANTAL";
    public const int AreaCount = 1_000;

    private const int FirstYear = 1940;

    public long Rows => (long)AreaCount * Months;

    public static BenchTable ForRows(long rows) => rows > 0 && rows % AreaCount == 0
        ? new BenchTable(checked((int)(rows / AreaCount)))
        : throw new ArgumentException($"Rows must be a positive multiple of {AreaCount} (one row per area and month), not {rows}.", nameof(rows));

    public static string Area(int area) => area.ToString("000", CultureInfo.InvariantCulture);

    public static string Period(int month) => string.Create(CultureInfo.InvariantCulture, $"{FirstYear + month / 12}M{month % 12 + 1:00}");

    /// <summary>The month index of a period code such as <c>1940M01</c> (0).</summary>
    public static int MonthOf(string period) =>
        ((int.Parse(period.AsSpan(0, 4), CultureInfo.InvariantCulture) - FirstYear) * 12) + int.Parse(period.AsSpan(5), CultureInfo.InvariantCulture) - 1;

    public static DateTimeOffset PeriodStart(int month) => new(FirstYear + month / 12, month % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Whole figures of up to five digits, with a half on every fourth month so the body carries Danish decimal
    /// commas. Every value and every sum of them is exact in a double, so the stored sum can be compared exactly.
    /// </summary>
    public static (int Whole, bool Half) Figure(int area, int month) => ((area * 7_919 + month * 104_729) % 100_000, month % 4 == 0);

    public static double Value(int area, int month)
    {
        var (whole, half) = Figure(area, month);
        return half ? whole + 0.5 : whole;
    }

    /// <summary>Every (area, month) cell in body order.</summary>
    public IEnumerable<(int Area, int Month)> Cells()
    {
        for (var month = 0; month < Months; month++)
        {
            for (var area = 0; area < AreaCount; area++)
            {
                yield return (area, month);
            }
        }
    }

    /// <summary>The table as the fake Statistics Denmark serves it: <c>/tableinfo</c>, and the BULK body streamed row by row.</summary>
    public FakeTable ToFakeTable() => new(
        Id,
        AreaVariable,
        [.. Enumerable.Range(0, AreaCount).Select(Area)],
        [.. Enumerable.Range(0, Months).Select(Period)],
        new Dictionary<string, IReadOnlyList<string>> { [PinnedVariable] = [PinnedValue] })
    {
        Values = (area, period) =>
        {
            var (whole, half) = Figure(int.Parse(area, CultureInfo.InvariantCulture), MonthOf(period));
            return half ? whole + 0.5m : whole;
        },
    };

    public double ExpectedSum() => Cells().Sum(cell => Value(cell.Area, cell.Month));
}
