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
        [ScaleBenchmark.Command] => await ScaleBenchmark.RunAsync(repeat: 5),
        [ScaleBenchmark.Command, "--repeat", var repeat] when int.TryParse(repeat, CultureInfo.InvariantCulture, out var runs) && runs is > 0 and <= 100 => await ScaleBenchmark.RunAsync(runs),
        [FiguresFloor.Command, "--catalog", var catalog, "--influx", var url, "--database", var database, "--times", var times] => await FiguresFloor.ReadAsync(catalog, new Uri(url), database, int.Parse(times, CultureInfo.InvariantCulture)),
        [WarmEvaluation.Command, "--times", var times] => await WarmEvaluation.RunAsync(int.Parse(times, CultureInfo.InvariantCulture)),
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
