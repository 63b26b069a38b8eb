using System.Globalization;
using GrowthMonitor.Benchmarks;

// Figures print the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    return args switch
    {
        [BaselineScenario.Command, "--rows", var rows, "--influx", var url, "--database", var database] =>
            await BaselineScenario.WriteAsync(BenchTable.ForRows(long.Parse(rows, CultureInfo.InvariantCulture)), new Uri(url), database),
        [StorageBenchmark.Command] => await StorageBenchmark.RunAsync(),
        _ when BenchmarkOptions.Parse(args) is { } options => await Orchestrator.RunAsync(options, args),
        _ => Usage(),
    };
}
catch (BenchmarkException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 64;
}
