using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using GrowthMonitor.Ingestion;
using GrowthMonitor.TestSupport;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The whole benchmark: a throwaway influxd, the fake Statistics Denmark serving one table per size, and for each size the
/// one-shot pipeline, the warm pipeline and the baseline in turn (with <c>--ready-to-run</c> the one-shot pipeline from
/// the plain build and from a ReadyToRun publish, with and without tiered PGO, and the baseline),
/// <see cref="BenchmarkOptions.Repeat"/> times each.
/// </summary>
public static class Orchestrator
{
    public const string Command = "dotnet run -c Release --project benchmarks/GrowthMonitor.Benchmarks";

    /// <summary>The service's GrowthMonitor.dll beside this benchmark, which must be a Release build like the benchmark itself.</summary>
    public static string ReleaseServiceDll(string command) =>
        new[] { typeof(Orchestrator).Assembly, typeof(IndicatorIngestor).Assembly }.Any(a => a.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration != "Release")
            ? throw new BenchmarkException($"Debug builds measure the wrong thing; run: {command}")
            : typeof(IndicatorIngestor).Assembly.Location;

    public static async Task<int> RunAsync(BenchmarkOptions options, IReadOnlyList<string> args)
    {
        var serviceDll = ReleaseServiceDll(Command);

        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("growthmonitor-bench-");
        try
        {
            await using var influx = await InfluxServer.StartAsync();
            await using var postgres = await PostgresServer.StartAsync();
            var runner = new ScenarioRunner(influx.Url, ProcFs.FindOwnChild("influxd"));
            var baseline = new BaselineScenario(influx.Url);
            var influxVersion = (await ExternalProcess.RunAsync(ExternalProcess.FindExecutable("influxd", ["/usr/bin"], "Install InfluxDB."), ["version"])).Trim();
            Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {influxVersion}; {options.Repeat} runs per scenario and size");
            var readyToRunDll = options.ReadyToRun ? await ReadyToRunPublish.PublishAsync(Path.Combine(work.FullName, "ready-to-run")) : null;

            List<Measurement> measurements = [];
            foreach (var table in options.Rows.Select(BenchTable.ForRows))
            {
                using var statBank = new StatBankFake();
                statBank.Add(table.ToFakeTable());
                var oneShot = PipelineScenario.OneShot("pipeline", serviceDll, influx.Url, postgres, statBank, work.FullName);
                IScenario[] scenarios = readyToRunDll is null
                    ? [oneShot, PipelineScenario.Warm(serviceDll, influx.Url, postgres, statBank, work.FullName, table), baseline]
                    :
                    [
                        // The warm process is left out: its code is recompiled at tier 1 long before it is measured, ReadyToRun or not.
                        oneShot,
                        PipelineScenario.OneShot("pipeline-r2r", readyToRunDll, influx.Url, postgres, statBank, work.FullName),
                        // Tiered PGO instruments hot methods once more before tier 1: work that a short process may not earn back.
                        PipelineScenario.OneShot("pipeline-r2r-nopgo", readyToRunDll, influx.Url, postgres, statBank, work.FullName, new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }),
                        baseline,
                    ];
                // Round 0, before the first size only, warms up what all runs share (page cache, influxd, the harness's JIT) and is not counted.
                for (var run = table.Rows == options.Rows[0] ? 0 : 1; run <= options.Repeat; run++)
                {
                    // Rotate which goes first, so that drift during the benchmark (page cache, other load) hits all alike.
                    foreach (var scenario in scenarios.Skip(run % scenarios.Length).Concat(scenarios.Take(run % scenarios.Length)))
                    {
                        var measurement = await runner.RunAsync(scenario, table);
                        Console.WriteLine($"{table.Rows,9:N0} rows, {(run == 0 ? "warm-up, not counted" : $"run {run}/{options.Repeat}")}: {measurement}");
                        if (run > 0)
                        {
                            measurements.Add(measurement);
                        }
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine(Report.Table(measurements));
            Console.WriteLine();
            Console.WriteLine($"Medians of {options.Repeat} runs each; {runner.Repeated} runs repeated because other processes took over {Measurement.MaxOtherShare:P0} of the machine, {measurements.Count(m => m.Disturbed)} counted although still disturbed after the last attempt.");
            Console.WriteLine($"{clock.Elapsed.TotalMinutes:0.0} minutes in all. Reproduce: {Command}{(args.Count > 0 ? " -- " + string.Join(' ', args) : "")}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
