using System.Diagnostics;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using GrowthMonitor.TestSupport;
using Npgsql;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The real service against the loopback Statistics Denmark: tableinfo, the streamed BULK fetch, parsing, point
/// building, line-protocol serialisation and batched writes, exactly as in production. Two variants:
/// <list type="bullet">
/// <item><see cref="OneShot"/>: <c>dotnet GrowthMonitor.dll ingest --indicator bench</c>, a cold process as cron or an
/// operator runs it, so the run's seconds include the first use of every client (JIT, connection, pipelines). The
/// service comes from the plain Release build beside the benchmark or from a ReadyToRun publish
/// (<see cref="ReadyToRunPublish"/>), optionally with runtime settings in its environment (e.g. tiered PGO off).</item>
/// <item><see cref="Warm"/>: <c>dotnet GrowthMonitor.dll ingest</c> over a catalog whose first entries ingest the same
/// table under other ids, so that <c>bench</c> runs in a process whose code is compiled and tiered up and whose clients
/// are in use, as jobs do in the long-running service once it has been up for a while.</item>
/// </list>
/// </summary>
public sealed class PipelineScenario : IScenario
{
    /// <summary>
    /// How many rows the warm process ingests before <c>bench</c>. .NET recompiles some 3,000 hot methods at tier 1 in
    /// the background, which takes longer than the first runs themselves: measured here, run times settle after about
    /// a million rows (one run of 1,000,000 rows, or four to five of 100,000).
    /// </summary>
    private const long WarmUpRows = 1_000_000;

    private readonly string serviceDll;
    private readonly Uri influxUrl;
    private readonly PostgresServer postgres;
    private readonly StatBankFake statBank;
    private readonly string catalogPath;
    private readonly int fetchesPerRun;
    private readonly string[] command;
    private readonly IReadOnlyDictionary<string, string> runtimeSettings;

    /// <summary>What the running child should fetch: the data requests before it, and the table's periods; and its own PostgreSQL database.</summary>
    private (int FetchesBefore, int Periods, string Database) running;

    private PipelineScenario(string name, string serviceDll, Uri influxUrl, PostgresServer postgres, StatBankFake statBank, string catalogPath, int fetchesPerRun, string[] command, IReadOnlyDictionary<string, string> runtimeSettings)
    {
        Name = name;
        this.serviceDll = serviceDll;
        this.influxUrl = influxUrl;
        this.postgres = postgres;
        this.statBank = statBank;
        this.catalogPath = catalogPath;
        this.fetchesPerRun = fetchesPerRun;
        this.command = command;
        this.runtimeSettings = runtimeSettings;
    }

    public string Name { get; }

    /// <param name="runtimeSettings">Environment variables for the .NET runtime of the child, e.g. <c>DOTNET_TieredPGO=0</c>.</param>
    public static PipelineScenario OneShot(string name, string serviceDll, Uri influxUrl, PostgresServer postgres, StatBankFake statBank, string directory, IReadOnlyDictionary<string, string>? runtimeSettings = null) =>
        new(name, serviceDll, influxUrl, postgres, statBank, WriteCatalog(directory, "one-shot", [BenchTable.Indicator]), 1, ["ingest", "--indicator", BenchTable.Indicator], runtimeSettings ?? new Dictionary<string, string>());

    public static PipelineScenario Warm(string serviceDll, Uri influxUrl, PostgresServer postgres, StatBankFake statBank, string directory, BenchTable table)
    {
        string[] indicators = [.. Enumerable.Range(1, (int)Math.Ceiling(WarmUpRows / (double)table.Rows)).Select(n => $"warm-up-{n}"), BenchTable.Indicator];
        return new("pipeline-warm", serviceDll, influxUrl, postgres, statBank, WriteCatalog(directory, "warm", indicators), indicators.Length, ["ingest"], new Dictionary<string, string>());
    }

    public ProcessStartInfo Start(BenchTable table, string database)
    {
        running = (statBank.DataRequests, table.Months, postgres.CreateDatabase());
        var environment = new Dictionary<string, string>(runtimeSettings)
        {
            ["Influx__Url"] = influxUrl.ToString(),
            ["Influx__Database"] = database,
            ["ConnectionStrings__GrowthMonitor"] = running.Database,
            ["StatBank__BaseUrl"] = statBank.BaseUrl,
            ["Catalog__Path"] = catalogPath,
        };
        return ServiceCommand.Start(serviceDll, command, environment);
    }

    /// <summary>
    /// The command prints the run's seconds to one decimal, too coarse for a run of a few tenths; the run log in
    /// PostgreSQL holds the same figure in full.
    /// </summary>
    public async Task<(long Points, double Seconds)> ReadTimingAsync(ChildResult child, InfluxClient database)
    {
        if (!child.Output.Contains($"{BenchTable.Indicator}: {IngestOutcome.Success},", StringComparison.Ordinal))
        {
            throw new BenchmarkException($"The service did not report success:\n{child.Output}{child.Error}");
        }

        // One request for the whole table per indicator, so that a run never measures a different fetch than it reports.
        if (statBank.RequestedPeriods.Skip(running.FetchesBefore).ToList() is var fetches && (fetches.Count != fetchesPerRun || fetches.Any(periods => periods.Count != running.Periods)))
        {
            throw new BenchmarkException($"The {Name} run should fetch the whole table {fetchesPerRun} time(s), one request each; it asked for {string.Join(", ", fetches.Select(periods => $"{periods.Count} periods"))}.");
        }

        await using var connection = new NpgsqlConnection(running.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT points, seconds FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome = 'success' ORDER BY id DESC LIMIT 1", connection);
        query.Parameters.AddWithValue("indicator", BenchTable.Indicator);
        await using var reader = await query.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), reader.GetDouble(1))
            : throw new BenchmarkException($"The service reported success but recorded no successful run:\n{child.Output}");
    }

    /// <summary>A catalog of indicators on the benchmark table, ingested by the <c>ingest</c> command in this order.</summary>
    private static string WriteCatalog(string directory, string name, IEnumerable<string> indicatorIds)
    {
        var indicators = indicatorIds.Select(id => $$"""
            { "id": "{{id}}", "title": "Benchmark", "table": "{{BenchTable.Id}}", "area": "{{BenchTable.AreaVariable}}", "select": { "{{BenchTable.PinnedVariable}}": ["{{BenchTable.PinnedValue}}"] }, "areas": ["*"], "schedule": "0 9 * * *" }
            """);
        var path = Path.Combine(directory, $"catalog-{name}.json");
        File.WriteAllText(path, $$"""{ "indicators": [{{string.Join(",\n", indicators)}}] }""");
        return path;
    }
}
