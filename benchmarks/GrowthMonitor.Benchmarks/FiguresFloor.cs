using System.Diagnostics;
using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The floor of an evaluation run: the figures it judges, read from InfluxDB alone, with the statements the service's
/// <see cref="SeriesStore"/> sends (one per indicator, for the areas its targets read, every vintage, grouped by area and
/// vintage) through the service's own <see cref="InfluxClient"/>, and nothing else: no run log, no judging, no storing.
/// It runs as a child process like the <c>evaluate</c> command and begins as the command does (asking whether the
/// database exists, so that the connection is open before the reads), then times its reads, the parsing of the answers
/// included. It is traced like the command, so that the benchmark can check that both sent the same statements.
/// </summary>
public static class FiguresFloor
{
    public const string Command = "read-figures";

    /// <param name="times">Reads of all figures in turn; the last one is timed (the first in a fresh process, the third as warm as a long-running process).</param>
    public static async Task<int> ReadAsync(string catalogPath, Uri influxUrl, string database, int times)
    {
        var catalog = CatalogLoader.Load(catalogPath).Catalog ?? throw new BenchmarkException($"{catalogPath} does not load.");
        await using var connection = InfluxConnection.Open(influxUrl, database);
        await connection.Client.EnsureDatabaseAsync();
        var result = new FloorResult(0, 0);
        for (var pass = 0; pass < times; pass++)
        {
            var clock = Stopwatch.StartNew();
            long figures = 0;
            foreach (var targets in catalog.Targets.GroupBy(t => t.Indicator.Id))
            {
                var series = await connection.Client.QueryAsync(Query(targets.Key, [.. targets.SelectMany(t => t.AreasRead).Distinct()]));
                figures += series.Sum(s => s.Rows.Count);
            }

            result = new FloorResult(figures, clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The figures the floor read and its seconds, from its reads' start to the last one parsed.</summary>
    public static (long Figures, double Seconds) ReadResult(ChildResult child) =>
        JsonSerializer.Deserialize<FloorResult>(child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "") is { } result
            ? (result.Figures, result.Seconds)
            : throw new BenchmarkException($"The floor printed no result:\n{child.Output}{child.Error}");

    /// <summary>SeriesStore's read of all periods: the benchmark checks that the evaluation sent these very statements.</summary>
    private static InfluxQuery Query(string indicatorId, IReadOnlyList<string> areas)
    {
        var area = InfluxQl.Identifier(Schema.Figures.AreaTag);
        return new InfluxQuery(
            $"SELECT {InfluxQl.Identifier(Schema.Figures.Value)}, {InfluxQl.Identifier(Schema.Figures.Deleted)} FROM {InfluxQl.Identifier(indicatorId)}" +
            $" WHERE ({string.Join(" OR ", areas.Select((_, i) => $"{area} = $area{i}"))})" +
            $" GROUP BY {area}, {InfluxQl.Identifier(Schema.Figures.VintageTag)}",
            areas.Select((code, i) => KeyValuePair.Create($"area{i}", (object)code)).ToDictionary());
    }

    private sealed record FloorResult(long Figures, double Seconds);
}
