using System.Diagnostics;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using GrowthMonitor.TestSupport;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// What keeping every vintage costs on disk: the bundled catalog's indicators for every area, history from 2008, then
/// ten years of monthly runs (2016–2025) in which every indicator's revision window (its last three periods) is
/// revised every month, the worst case. The same points are written twice, as the ingestor writes them (each run a
/// vintage of its own) and as before vintages (a revision overwrites), into two databases of one InfluxDB, which
/// is left to compact before both are measured.
/// </summary>
public static class StorageBenchmark
{
    public const string Command = "storage";

    private const int RevisionWindow = 3;
    private static readonly DateOnly HistoryStart = new(2008, 1, 1);
    private static readonly DateOnly FirstMonth = new(2016, 1, 1);
    private const int Months = 120;

    /// <summary>Each bundled table's frequency and how many months after a period's end Statistics Denmark publishes it.</summary>
    private static readonly Dictionary<string, (Frequency Frequency, int LagMonths)> Tables = new(StringComparer.Ordinal)
    {
        ["ERHV2"] = (Frequency.Year, 11),
        ["LBESK69"] = (Frequency.Quarter, 3),
        ["FOLK1A"] = (Frequency.Quarter, 2),
        ["GF12"] = (Frequency.Year, 10),
        ["DEMO19"] = (Frequency.Year, 6),
        ["AULK01"] = (Frequency.Quarter, 3),
        ["AUF01"] = (Frequency.Month, 1),
    };

    public static async Task<int> RunAsync()
    {
        var catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "catalog.json")).Catalog
            ?? throw new BenchmarkException("The bundled catalog does not load.");
        var areas = DanishAreas.All.Select(a => a.Code).ToList();
        await using var server = await InfluxServer.StartAsync(compactAtOnce: true);
        var clock = Stopwatch.StartNew();
        var vintaged = await WriteDecadeAsync(server.Url, "vintages", catalog, areas, keepVintages: true);
        var overwritten = await WriteDecadeAsync(server.Url, "overwritten", catalog, areas, keepVintages: false);
        var (vintagedBytes, overwrittenBytes) = await SettledSizesAsync(server, "vintages", "overwritten");

        Console.WriteLine($"Bundled catalog: {catalog.FetchedIndicators.Count} indicators from Statistics Denmark × {areas.Count} areas, history from {HistoryStart.Year}, {Months} monthly runs revising the last {RevisionWindow} periods each ({clock.Elapsed.TotalSeconds:0} s)");
        Console.WriteLine();
        Console.WriteLine("| layout | figure points stored | on disk after compaction | bytes per point |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| every vintage kept | {vintaged:N0} | {vintagedBytes / 1e6:0.00} MB | {(double)vintagedBytes / vintaged:0.0} |");
        Console.WriteLine($"| revisions overwrite (before vintages) | {overwritten:N0} | {overwrittenBytes / 1e6:0.00} MB | {(double)overwrittenBytes / overwritten:0.0} |");
        Console.WriteLine();
        Console.WriteLine($"Keeping every vintage: {(double)vintagedBytes / overwrittenBytes:0.00}× the disk, {(vintagedBytes - overwrittenBytes) / 10e6:0.00} MB more per year of monthly revisions.");
        return 0;
    }

    /// <summary>Writes the decade; returns how many distinct figure points the database holds.</summary>
    private static async Task<long> WriteDecadeAsync(Uri url, string database, GrowthCatalog catalog, IReadOnlyList<string> areas, bool keepVintages)
    {
        await using var connection = InfluxConnection.Open(url, database);
        await connection.Client.EnsureDatabaseAsync();
        foreach (var indicator in catalog.FetchedIndicators)
        {
            var (frequency, lag) = Tables[indicator.StatBankTable];
            // The first run backfills the history published by the start of 2016; then one run a month.
            var vintage = 1;
            await WriteAsync(connection.Client, indicator, areas, Periods(frequency, HistoryStart, Published(frequency, lag, FirstMonth)), vintage, revision: 0, keepVintages);
            for (var month = 1; month <= Months; month++)
            {
                var latest = Published(frequency, lag, FirstMonth.AddMonths(month));
                var window = Periods(frequency, latest.Offset(1 - RevisionWindow).Start, latest);
                await WriteAsync(connection.Client, indicator, areas, window, ++vintage, revision: month, keepVintages);
            }
        }

        var counted = await connection.Client.QueryAsync(new InfluxQuery(string.Join("; ", catalog.FetchedIndicators.Select(i => $"SELECT count(\"value\") FROM {InfluxQl.Identifier(i.Id)}"))));
        return counted.SelectMany(s => s.Rows).Sum(r => r.GetInt64("count") ?? 0);
    }

    /// <summary>The points the ingestor writes for a run: every area's figure of each period, revised by the run's number.</summary>
    private static Task<int> WriteAsync(InfluxClient influx, IndicatorDefinition indicator, IReadOnlyList<string> areas, IReadOnlyList<Period> periods, int vintage, int revision, bool keepVintages)
    {
        KeyValuePair<string, string> table = new(Schema.Figures.TableTag, indicator.StatBankTable);
        KeyValuePair<string, string> vintageTag = new(Schema.Figures.VintageTag, FigureVintages.TagOf(vintage));
        var points = from period in periods
                     from area in areas
                     select new InfluxPoint(
                         indicator.Id,
                         keepVintages ? [new(Schema.Figures.AreaTag, area), table, vintageTag] : [new(Schema.Figures.AreaTag, area), table],
                         [new(Schema.Figures.Value, FieldValue.Float(1_000 + area.Length * 100 + period.Year + revision))],
                         period.StartUtc + (keepVintages ? FigureVintages.OffsetOf(vintage) : TimeSpan.Zero));
        return influx.WriteAsync(points);
    }

    private static Period Published(Frequency frequency, int lagMonths, DateOnly month) =>
        Period.Containing(frequency, month.AddMonths(-lagMonths)).Previous();

    private static List<Period> Periods(Frequency frequency, DateOnly from, Period to)
    {
        List<Period> periods = [];
        for (var period = Period.Containing(frequency, from); period <= to; period = period.Next())
        {
            periods.Add(period);
        }

        return periods;
    }

    /// <summary>Waits until compaction has settled: both sizes unchanged for five seconds (at most three minutes).</summary>
    private static async Task<(long First, long Second)> SettledSizesAsync(InfluxServer server, string first, string second)
    {
        var sizes = (server.DiskBytes(first), server.DiskBytes(second));
        var unchangedSince = Stopwatch.StartNew();
        var limit = Stopwatch.StartNew();
        while (unchangedSince.Elapsed < TimeSpan.FromSeconds(5) && limit.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
            var now = (server.DiskBytes(first), server.DiskBytes(second));
            if (now != sizes)
            {
                sizes = now;
                unchangedSince.Restart();
            }
        }

        return sizes;
    }
}
