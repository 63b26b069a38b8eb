using System.Diagnostics;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The write path alone: the same points as ready-made line protocol in the same batches, written one after another
/// through the service's <see cref="InfluxClient.WriteLineProtocolAsync"/>. It runs as a child process of this
/// benchmark, so its memory and CPU are measured the same way as the service's.
/// </summary>
public sealed class BaselineScenario(Uri influxUrl) : IScenario
{
    public const string Command = "write-line-protocol";

    public string Name => Report.Baseline;

    public ProcessStartInfo Start(BenchTable table, string database)
    {
        var start = new ProcessStartInfo("dotnet");
        foreach (var argument in (string[])[typeof(BaselineScenario).Assembly.Location, Command, "--rows", table.Rows.ToString(), "--influx", influxUrl.ToString(), "--database", database])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public Task<(long Points, double Seconds)> ReadTimingAsync(ChildResult child, InfluxClient database)
    {
        var last = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var result = JsonSerializer.Deserialize<Timing>(last) ?? throw new BenchmarkException($"The baseline printed no timing:\n{child.Output}{child.Error}");
        return Task.FromResult((result.Points, result.Seconds));
    }

    /// <summary>The child's side: prepares every batch first, then times only the writes, into a database created as the service creates it.</summary>
    public static async Task<int> WriteAsync(BenchTable table, Uri influxUrl, string database)
    {
        await using var connection = InfluxConnection.Open(influxUrl, database);
        await connection.Client.EnsureDatabaseAsync();
        var batches = Prepare(table, connection.BatchSize);
        // What is live during the writes should be the batches, not the garbage of building them.
        GC.Collect();
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await connection.Client.WriteLineProtocolAsync(batch);
        }

        clock.Stop();
        Console.WriteLine(JsonSerializer.Serialize(new Timing(table.Rows, clock.Elapsed.TotalSeconds)));
        return 0;
    }

    /// <summary>
    /// Serialises, with the service's own writer, the point the ingestor builds for each row of the body: a first run
    /// writes every figure as vintage 1.
    /// </summary>
    private static List<byte[]> Prepare(BenchTable table, int batchSize)
    {
        var writer = new LineProtocolWriter();
        var tableTag = KeyValuePair.Create(Schema.Figures.TableTag, BenchTable.Id);
        var vintageTag = KeyValuePair.Create(Schema.Figures.VintageTag, FigureVintages.TagOf(1));
        List<byte[]> batches = [];
        foreach (var (area, month) in table.Cells())
        {
            writer.Write(new InfluxPoint(
                BenchTable.Indicator,
                [KeyValuePair.Create(Schema.Figures.AreaTag, BenchTable.Area(area)), tableTag, vintageTag],
                [KeyValuePair.Create(Schema.Figures.Value, FieldValue.Float(BenchTable.Value(area, month)))],
                BenchTable.PeriodStart(month) + FigureVintages.OffsetOf(1)));
            if (writer.PointCount == batchSize)
            {
                batches.Add(writer.WrittenMemory.ToArray());
                writer.Clear();
            }
        }

        if (writer.PointCount > 0)
        {
            batches.Add(writer.WrittenMemory.ToArray());
        }

        return batches;
    }

    private sealed record Timing(long Points, double Seconds);
}
