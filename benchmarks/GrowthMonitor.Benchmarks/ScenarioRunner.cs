using System.Diagnostics;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// What one run measured. CPU times cover the child's whole life (start-up included): the child's own, influxd's, the
/// harness's (the loopback Statistics Denmark and the sampling) and that of every other process on the machine.
/// </summary>
public sealed record Measurement(string Scenario, long Rows, long Points, double Seconds, TimeSpan Wall, long PeakResidentBytes, TimeSpan ChildCpu, TimeSpan InfluxdCpu, TimeSpan HarnessCpu, TimeSpan OtherCpu)
{
    /// <summary>Above this share of the machine taken by other processes, a run measured them as much as the code.</summary>
    public const double MaxOtherShare = 0.10;

    public double PointsPerSecond => Points / Seconds;

    public double PeakMegabytes => PeakResidentBytes / (1024.0 * 1024.0);

    public double OtherShare => OtherCpu / (Wall * Environment.ProcessorCount);

    public bool Disturbed => OtherShare > MaxOtherShare;

    public override string ToString() =>
        $"{Scenario,-13} {PointsPerSecond,9:N0} points/s ({Seconds:0.000} s), peak {PeakMegabytes:0} MB; CPU s: child {ChildCpu.TotalSeconds:0.00}, influxd {InfluxdCpu.TotalSeconds:0.00}, harness {HarnessCpu.TotalSeconds:0.00}; other processes {OtherShare:P0} of the machine";
}

/// <summary>
/// Runs scenarios one at a time against the shared influxd, each into a fresh database that is checked in total
/// (count, sum, first and last time) and dropped afterwards, so every run starts from the same state. The machine is
/// shared and noisy: a run waits for it to be quiet, and a run that other processes disturbed anyway is repeated.
/// </summary>
public sealed class ScenarioRunner(Uri influxUrl, int influxdPid)
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxQuietWait = TimeSpan.FromSeconds(30);

    private int runs;

    /// <summary>Runs that were repeated because other processes disturbed them.</summary>
    public int Repeated { get; private set; }

    public async Task<Measurement> RunAsync(IScenario scenario, BenchTable table)
    {
        for (var attempt = 1; ; attempt++)
        {
            await WaitUntilQuietAsync();
            var measurement = await RunOnceAsync(scenario, table);
            if (!measurement.Disturbed || attempt == MaxAttempts)
            {
                return measurement;
            }

            Repeated++;
            Console.WriteLine($"  disturbed, repeating: {measurement}");
        }
    }

    /// <summary>
    /// Waits until the whole machine, influxd included, has been under 10 % busy for half a second: the previous
    /// run's compactions are done and no one else is busy. Gives up after 30 s; a disturbed run is then repeated.
    /// </summary>
    public static async Task WaitUntilQuietAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < MaxQuietWait)
        {
            var before = ProcFs.MachineBusyTime();
            await Task.Delay(QuietWindow);
            if (ProcFs.MachineBusyTime() - before < QuietWindow * Environment.ProcessorCount * Measurement.MaxOtherShare)
            {
                return;
            }
        }
    }

    private async Task<Measurement> RunOnceAsync(IScenario scenario, BenchTable table)
    {
        var database = $"bench_{++runs}_{scenario.Name}";
        var (influxdBefore, harnessBefore, machineBefore) = (InfluxdCpu(), Environment.CpuUsage.TotalTime, ProcFs.MachineBusyTime());
        var child = await ChildProcess.RunAsync(scenario.Start(table, database));
        var (influxdCpu, harnessCpu, machineCpu) = (InfluxdCpu() - influxdBefore, Environment.CpuUsage.TotalTime - harnessBefore, ProcFs.MachineBusyTime() - machineBefore);
        if (child.ExitCode != 0)
        {
            throw new BenchmarkException($"The {scenario.Name} run exited with {child.ExitCode}:\n{child.Output}{child.Error}");
        }

        await using var connection = InfluxConnection.Open(influxUrl, database);
        var (points, seconds) = await scenario.ReadTimingAsync(child, connection.Client);
        await VerifyAsync(connection.Client, table, scenario.Name, points);
        await connection.Client.QueryAsync(new InfluxQuery($"DROP DATABASE {InfluxQl.Identifier(database)}"));
        var otherCpu = machineCpu - child.Cpu - influxdCpu - harnessCpu;
        return new Measurement(scenario.Name, table.Rows, points, seconds, child.Wall, child.PeakResidentBytes, child.Cpu, influxdCpu, harnessCpu, otherCpu < TimeSpan.Zero ? TimeSpan.Zero : otherCpu);
    }

    private TimeSpan InfluxdCpu() => ProcFs.CpuTime(influxdPid) ?? throw new BenchmarkException("influxd has exited.");

    private static async Task VerifyAsync(InfluxClient database, BenchTable table, string scenario, long reportedPoints)
    {
        var measurement = InfluxQl.Identifier(BenchTable.Indicator);
        var totals = await SingleRowAsync(database, $"SELECT count(\"value\"), sum(\"value\") FROM {measurement}");
        var first = await SingleRowAsync(database, $"SELECT first(\"value\") FROM {measurement}");
        var last = await SingleRowAsync(database, $"SELECT last(\"value\") FROM {measurement}");
        List<string> problems = [];
        Expect(problems, "points reported", reportedPoints, table.Rows);
        Expect(problems, "points stored", totals?.GetInt64("count"), table.Rows);
        Expect(problems, "sum of values", totals?.GetDouble("sum"), table.ExpectedSum());
        // A figure lies its vintage's few milliseconds after its period's start: the day is what must match.
        Expect(problems, "first day", first?.Time.UtcDateTime.Date, BenchTable.PeriodStart(0).UtcDateTime.Date);
        Expect(problems, "last day", last?.Time.UtcDateTime.Date, BenchTable.PeriodStart(table.Months - 1).UtcDateTime.Date);
        if (problems.Count > 0)
        {
            throw new BenchmarkException($"The {scenario} run of {table.Rows:N0} rows stored wrong data: {string.Join("; ", problems)}.");
        }
    }

    private static async Task<InfluxRow?> SingleRowAsync(InfluxClient database, string query) =>
        (await database.QueryAsync(new InfluxQuery(query))).SelectMany(series => series.Rows).SingleOrDefault();

    private static void Expect<T>(List<string> problems, string what, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            problems.Add($"{what} {actual?.ToString() ?? "none"}, expected {expected}");
        }
    }
}
