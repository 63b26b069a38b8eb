using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using GrowthMonitor.TestSupport;
using Npgsql;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// What one run of the scale benchmark measured: the run's seconds and its calls to the stores, the child process's
/// whole life, its peak memory, and the CPU time of the child, the servers and everything else on the machine.
/// </summary>
public sealed record ScaleMeasurement(string Scenario, double RunSeconds, TimeSpan Process, long PeakResidentBytes, TimeSpan ChildCpu, TimeSpan InfluxdCpu, TimeSpan PostgresCpu, TimeSpan OtherCpu, IReadOnlyList<IoCall> Calls)
{
    public double PeakMegabytes => PeakResidentBytes / (1024.0 * 1024.0);

    public double OtherShare => OtherCpu / (Process * Environment.ProcessorCount);

    public bool Disturbed => OtherShare > Measurement.MaxOtherShare;

    public override string ToString() =>
        $"{Scenario,-13} run {RunSeconds:0.000} s, process {Process.TotalSeconds:0.00} s, peak {PeakMegabytes:0} MB; CPU s: child {ChildCpu.TotalSeconds:0.00}, influxd {InfluxdCpu.TotalSeconds:0.00}, PostgreSQL {PostgresCpu.TotalSeconds:0.00}; other processes {OtherShare:P0} of the machine";
}

/// <summary>How a child of the scale benchmark runs and reports.</summary>
public enum ScaleKind
{
    /// <summary>The service's one-shot <c>evaluate</c> command: one run, which prints every target's status.</summary>
    OneShot,

    /// <summary><see cref="WarmEvaluation"/>: several runs in the service's host, timed by themselves.</summary>
    Warm,

    /// <summary><see cref="FiguresFloor"/>: the evaluation's reads alone.</summary>
    Floor,
}

/// <summary>One child process of the scale benchmark: what it runs, its floor (for the ratio), and how many runs it makes in one process.</summary>
/// <param name="Times">Runs in the one process; the last is measured.</param>
public sealed record ScaleScenario(string Name, string Title, string? Floor, ScaleKind Kind, int Times, Func<string, ProcessStartInfo> Start);

/// <summary>
/// A national deployment (<see cref="ScaleDeployment"/>: 1,000 targets on 98 municipalities, 80 quarters of four
/// indicators) judged by one evaluation run of the service, side by side in the same rounds with the floor: the same
/// figures read from InfluxDB alone (<see cref="FiguresFloor"/>). The evaluation is the service's one-shot command,
/// <c>dotnet GrowthMonitor.dll evaluate</c>, as cron runs it: TargetJudge.EvaluateAsync with everything it does (run
/// log, reads, judging, alerts, the assessments stored in PostgreSQL and read back into the cache, the projection to
/// InfluxDB) in a process that does nothing else, so that its peak memory is the run's. A fresh process spends much
/// of such a run compiling code, so EvaluateAsync also runs three times in the service's own host in one process
/// (<see cref="WarmEvaluation"/>), the third measured, as the evaluation job runs in the long-running service; the
/// floor is read once in a fresh process and three times in one, alike. Every call to InfluxDB and PostgreSQL is
/// traced (<see cref="IoTrace"/>), which times the one-shot run and shows where each run's time goes.
/// </summary>
public static partial class ScaleBenchmark
{
    public const string Command = "scale";
    public const string Evaluation = "evaluate";
    public const string Floor = "floor";

    private const string Database = "scale";
    private const string Reproduce = $"{Orchestrator.Command} -- {Command}";
    private const int WarmTimes = 3;

    public static async Task<int> RunAsync(int repeat)
    {
        var serviceDll = Orchestrator.ReleaseServiceDll(Reproduce);
        var benchmarkDll = typeof(ScaleBenchmark).Assembly.Location;
        var clock = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("growthmonitor-scale-");
        try
        {
            await using var influx = await InfluxServer.StartAsync();
            await using var postgres = await PostgresServer.StartAsync();
            using var statBank = new StatBankFake();
            var deployment = new ScaleDeployment(DateOnly.FromDateTime(DateTime.UtcNow));
            foreach (var indicator in ScaleDeployment.Indicators)
            {
                statBank.Add(deployment.Table(indicator));
            }

            var catalog = deployment.WriteCatalog(work.FullName);
            var settings = new Dictionary<string, string>
            {
                ["Influx__Url"] = influx.Url.ToString(),
                ["Influx__Database"] = Database,
                // Pooled, as in production: the service opens a connection for each statement it sends.
                ["ConnectionStrings__GrowthMonitor"] = await postgres.CreateDatabaseAsync(pooling: true),
                ["StatBank__BaseUrl"] = statBank.BaseUrl,
                ["Catalog__Path"] = catalog,
            };
            Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}; {ScaleDeployment.Targets:N0} targets on {deployment.MunicipalityCount} municipalities, " +
                $"{ScaleDeployment.Indicators.Count} quarterly indicators × {deployment.Areas.Count} areas × {ScaleDeployment.Quarters} quarters ({deployment.Periods[0]}–{deployment.Periods[^1]}); {repeat} runs each");
            await IngestAsync(serviceDll, settings, influx.Url, deployment);

            ProcessStartInfo Start(string dll, IEnumerable<string> arguments, string trace) => ServiceCommand.Start(dll, arguments, settings.Concat(IoTrace.Environment(trace)).ToDictionary());
            string[] ReadFigures(int times) => [FiguresFloor.Command, "--catalog", catalog, "--influx", influx.Url.ToString(), "--database", Database, "--times", $"{times}"];
            ScaleScenario[] scenarios =
            [
                new(Evaluation, "evaluation, one-shot `evaluate` (fresh process)", Floor, ScaleKind.OneShot, 1, trace => Start(serviceDll, [Evaluation], trace)),
                new(Floor, "floor: the same reads alone (fresh process)", null, ScaleKind.Floor, 1, trace => Start(benchmarkDll, ReadFigures(1), trace)),
                new($"{Evaluation}-warm", $"evaluation, warm (run {WarmTimes} in the service's host)", $"{Floor}-warm", ScaleKind.Warm, WarmTimes,
                    trace => Start(benchmarkDll, [WarmEvaluation.Command, "--times", $"{WarmTimes}"], trace)),
                new($"{Floor}-warm", $"floor, warm (read {WarmTimes} in one process)", null, ScaleKind.Floor, WarmTimes, trace => Start(benchmarkDll, ReadFigures(WarmTimes), trace)),
            ];
            var runner = new ScaleRunner(ProcFs.FindOwnChild("influxd"), postgres.ProcessId, work.FullName);
            var expectedFigures = ExpectedFigures(catalog, deployment);
            Console.WriteLine($"Each evaluation run, and the floor, reads {expectedFigures:N0} of them: every quarter of the areas the targets of each indicator read.");
            List<ScaleMeasurement> measurements = [];
            // Round 0 is not counted: the first evaluation judges every target for the first time (and records its
            // alerts); the counted ones judge the same figures again, as the daily run does.
            for (var run = 0; run <= repeat; run++)
            {
                // Rotate which goes first, so that drift during the benchmark (page cache, other load) hits all alike.
                foreach (var scenario in scenarios.Skip(run % scenarios.Length).Concat(scenarios.Take(run % scenarios.Length)))
                {
                    var measurement = await runner.RunAsync(scenario.Name, scenario.Start, (child, calls) => Check(scenario, child, calls, expectedFigures, run == 0));
                    Console.WriteLine($"{(run == 0 ? "warm-up, not counted" : $"run {run}/{repeat}")}: {measurement}");
                    if (run > 0)
                    {
                        measurements.Add(measurement);
                    }
                }
            }

            CheckSameReads(measurements);
            Console.WriteLine(await StoredAsync(settings["ConnectionStrings__GrowthMonitor"], influx.Url));
            Console.WriteLine();
            Console.WriteLine(Table(scenarios, measurements));
            foreach (var scenario in scenarios.Where(s => s.Kind != ScaleKind.Floor))
            {
                var median = measurements.Where(m => m.Scenario == scenario.Name).OrderBy(m => m.RunSeconds).ElementAt(repeat / 2);
                Console.WriteLine();
                Console.WriteLine($"Where the time of the median {scenario.Title} ({median.RunSeconds:0.00} s) goes, call by call in order (consecutive calls of one kind together):");
                Console.WriteLine();
                Console.WriteLine(Breakdown(median.Calls));
            }

            Console.WriteLine();
            Console.WriteLine($"Medians of {repeat} runs each; {runner.Repeated} runs repeated because other processes took over {Measurement.MaxOtherShare:P0} of the machine, {measurements.Count(m => m.Disturbed)} counted although still disturbed after the last attempt.");
            Console.WriteLine($"{clock.Elapsed.TotalMinutes:0.0} minutes in all. Reproduce: {Reproduce}{(repeat == 5 ? "" : $" --repeat {repeat}")}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The service ingests the deployment's tables through its own pipeline: vintages committed in PostgreSQL's run log.</summary>
    private static async Task IngestAsync(string serviceDll, IReadOnlyDictionary<string, string> settings, Uri influxUrl, ScaleDeployment deployment)
    {
        var clock = Stopwatch.StartNew();
        var ingest = await ChildProcess.RunAsync(ServiceCommand.Start(serviceDll, ["ingest"], settings));
        if (ingest.ExitCode != 0 || ScaleDeployment.Indicators.Any(i => !ingest.Output.Contains($"{i.Id}: {IngestOutcome.Success},", StringComparison.Ordinal)))
        {
            throw new BenchmarkException($"The service could not ingest the deployment's figures:\n{ingest.Output}{ingest.Error}");
        }

        await using var connection = InfluxConnection.Open(influxUrl, Database);
        var counted = await connection.Client.QueryAsync(new InfluxQuery(string.Join("; ", ScaleDeployment.Indicators.Select(i => $"SELECT count(\"value\") FROM {InfluxQl.Identifier(i.Id)}"))));
        var stored = counted.SelectMany(s => s.Rows).Sum(r => r.GetInt64("count") ?? 0);
        if (stored != deployment.Figures)
        {
            throw new BenchmarkException($"InfluxDB holds {stored:N0} figures after the ingestion, not {deployment.Figures:N0}.");
        }

        Console.WriteLine($"The service ingested {stored:N0} figures in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>What each run stores: the assessments as JSON documents in PostgreSQL, and their projection in InfluxDB.</summary>
    private static async Task<string> StoredAsync(string connectionString, Uri influxUrl)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*), sum(octet_length(assessment::text)) FROM growthmonitor.target_assessments", connection);
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (documents, bytes) = (reader.GetInt64(0), reader.GetInt64(1));
        await using var influx = InfluxConnection.Open(influxUrl, Database);
        // The per-period measurements hold one copy (a run rewrites a target's only when they changed); target_evaluation and
        // evaluation_runs gain one point per target and run.
        (string Measurement, string Field)[] perPeriod =
        [
            (Schema.Targets.StatusMeasurement, Schema.EvaluationFields.Status),
            (Schema.Targets.YearMeasurement, Schema.EvaluationFields.Status),
            (Schema.Targets.TrajectoryMeasurement, Schema.EvaluationFields.Period),
        ];
        var counted = await influx.Client.QueryAsync(new InfluxQuery(string.Join("; ", perPeriod.Select(m => $"SELECT count({InfluxQl.Identifier(m.Field)}) FROM {InfluxQl.Identifier(m.Measurement)}"))));
        var points = counted.SelectMany(s => s.Rows).Sum(r => r.GetInt64("count") ?? 0) + ScaleDeployment.Targets + 1;
        return $"Each run stores {documents:N0} assessments as {bytes / 1e6:0.0} MB of JSON in PostgreSQL; their projection in InfluxDB is {points:N0} points, of which a run over unchanged figures in a long-running service writes only the {ScaleDeployment.Targets + 1:N0} stamped with the run.";
    }

    /// <summary>Every quarter of every area the targets of each indicator read, their own areas and their benchmarks.</summary>
    private static long ExpectedFigures(string catalogPath, ScaleDeployment deployment) =>
        (Catalog.CatalogLoader.Load(catalogPath).Catalog ?? throw new BenchmarkException("The scale catalog does not load."))
            .Targets.GroupBy(t => t.Indicator.Id).Sum(targets => targets.SelectMany(t => t.AreasRead).Distinct().Count()) * (long)ScaleDeployment.Quarters
        is var figures && figures > 0 && figures <= deployment.Figures ? figures : throw new BenchmarkException("The scale catalog reads no figures.");

    /// <summary>
    /// A run that did not do all its work stops the benchmark; the first evaluation says how the targets stand. Returns
    /// the measured run's seconds and calls: the floor's own clock around its reads (parsing included); the warm
    /// evaluation's own clock around its last EvaluateAsync; the one-shot evaluation's calls from first to last
    /// (<see cref="EvaluationCalls"/>).
    /// </summary>
    private static (double Seconds, IReadOnlyList<IoCall> Calls) Check(ScaleScenario scenario, ChildResult child, IReadOnlyList<IoCall> calls, long expectedFigures, bool first)
    {
        switch (scenario.Kind)
        {
            case ScaleKind.Floor:
                var (figures, seconds) = FiguresFloor.ReadResult(child);
                return figures == expectedFigures ? (seconds, calls) : throw new BenchmarkException($"The {scenario.Name} run read {figures:N0} figures, not {expectedFigures:N0}.");
            case ScaleKind.Warm:
                var warm = WarmEvaluation.ReadResult(child);
                return warm.Seconds.Count == scenario.Times ? (warm.Seconds[^1], [.. calls.Where(c => c.Start >= warm.LastStart)]) : throw new BenchmarkException($"The {scenario.Name} run made {warm.Seconds.Count} runs, not {scenario.Times}.");
            default:
                var statuses = JudgedTarget().Matches(child.Output).Select(m => m.Groups["status"].Value).ToList();
                if (statuses.Count != ScaleDeployment.Targets)
                {
                    throw new BenchmarkException($"The {scenario.Name} run judged {statuses.Count} targets, not {ScaleDeployment.Targets}:\n{child.Output}{child.Error}");
                }

                if (first)
                {
                    Console.WriteLine($"Statuses: {string.Join(", ", statuses.CountBy(s => s).OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value}"))}");
                }

                var run = EvaluationCalls(calls);
                return ((run.Max(c => c.End) - run[0].Start) / 1000, run);
        }
    }

    /// <summary>The floor must read what the evaluation read: the same statements, word for word.</summary>
    private static void CheckSameReads(IReadOnlyList<ScaleMeasurement> measurements)
    {
        static HashSet<string> Reads(ScaleMeasurement m) =>
            [.. m.Calls.Where(c => c.Store == IoCall.Influx && c.What.StartsWith("SELECT", StringComparison.Ordinal)).Select(c => c.What)];
        var evaluation = Reads(measurements.First(m => m.Scenario == Evaluation));
        var floor = Reads(measurements.First(m => m.Scenario == Floor));
        if (floor.Count != ScaleDeployment.Indicators.Count || !floor.SetEquals(evaluation))
        {
            throw new BenchmarkException($"The floor's reads differ from the evaluation's:\nfloor: {string.Join("\n       ", floor)}\nevaluation: {string.Join("\n       ", evaluation)}");
        }
    }

    private static string Table(IReadOnlyList<ScaleScenario> scenarios, IReadOnlyList<ScaleMeasurement> measurements)
    {
        double MedianSeconds(string scenario) => Report.Median(measurements.Where(m => m.Scenario == scenario), m => m.RunSeconds);
        List<string> lines =
        [
            "| scenario | run s (median) | min–max | ratio to its floor | process s | peak MB | child CPU s | influxd CPU s | PostgreSQL CPU s | other load |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ];
        foreach (var scenario in scenarios.OrderBy(s => s.Times).ThenBy(s => s.Kind == ScaleKind.Floor))
        {
            var runs = measurements.Where(m => m.Scenario == scenario.Name).ToList();
            var seconds = MedianSeconds(scenario.Name);
            lines.Add(
                $"| {scenario.Title} | {seconds:0.000} | {runs.Min(m => m.RunSeconds):0.000}–{runs.Max(m => m.RunSeconds):0.000} | {(scenario.Floor is { } floor ? $"{seconds / MedianSeconds(floor):0.0}" : "1")} " +
                $"| {Report.Median(runs, m => m.Process.TotalSeconds):0.00} | {Report.Median(runs, m => m.PeakMegabytes):0} | {Report.Median(runs, m => m.ChildCpu.TotalSeconds):0.00} " +
                $"| {Report.Median(runs, m => m.InfluxdCpu.TotalSeconds):0.00} | {Report.Median(runs, m => m.PostgresCpu.TotalSeconds):0.00} | {Report.Median(runs, m => m.OtherShare):P0} |");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The run's calls in order, consecutive calls of one kind as one step, with the time between calls (the process
    /// computing: judging, serialising, building points, or waiting for something untraced) counted to the step it
    /// leads up to. A connection check (<c>SELECT 1</c>, sent with every connection the service opens) belongs to the
    /// statement it opens the connection for.
    /// </summary>
    public static string Breakdown(IReadOnlyList<IoCall> run)
    {
        List<(string Kind, int Calls, int Checks, double InCalls, double Between)> steps = [];
        var previousEnd = run[0].Start;
        (int Count, double InCalls, double Between) checks = (0, 0, 0);
        foreach (var call in run)
        {
            var between = Math.Max(0, call.Start - previousEnd);
            previousEnd = Math.Max(previousEnd, call.End);
            if (IsConnectionCheck(call))
            {
                checks = (checks.Count + 1, checks.InCalls + call.Milliseconds, checks.Between + between);
                continue;
            }

            var kind = Kind(call);
            var (inCalls, before) = (call.Milliseconds + checks.InCalls, between + checks.Between);
            if (steps.Count > 0 && steps[^1].Kind == kind)
            {
                var step = steps[^1];
                steps[^1] = (kind, step.Calls + 1, step.Checks + checks.Count, step.InCalls + inCalls, step.Between + before);
            }
            else
            {
                steps.Add((kind, 1, checks.Count, inCalls, before));
            }

            checks = (0, 0, 0);
        }

        List<string> lines = ["| step | calls (+ connection checks) | in calls s | computing before and between s |", "|---|---:|---:|---:|"];
        lines.AddRange(steps.Select(s => $"| {s.Kind} | {s.Calls}{(s.Checks > 0 ? $" (+{s.Checks})" : "")} | {s.InCalls / 1000:0.000} | {s.Between / 1000:0.000} |"));
        var byStore = run.GroupBy(c => c.Store).ToDictionary(g => g.Key, g => (Count: g.Count(), Seconds: g.Sum(c => c.Milliseconds) / 1000));
        var total = (run.Max(c => c.End) - run[0].Start) / 1000;
        var influx = byStore.GetValueOrDefault(IoCall.Influx);
        var postgres = byStore.GetValueOrDefault(IoCall.Postgres);
        lines.Add($"| **in all** ({total:0.000} s) | {influx.Count} to InfluxDB, {postgres.Count} to PostgreSQL | {influx.Seconds:0.000} + {postgres.Seconds:0.000} | {total - influx.Seconds - postgres.Seconds:0.000} |");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The calls of the measured (last) EvaluateAsync: from its first statement, which reads the run log in PostgreSQL
    /// (with the check of the connection opened for it), to the last call. Before it the command has asked InfluxDB
    /// whether its database exists and built the job's services (Hangfire's storage checks its schema then).
    /// </summary>
    public static IReadOnlyList<IoCall> EvaluationCalls(IReadOnlyList<IoCall> calls)
    {
        var ready = calls.ToList().FindLastIndex(c => c is { Store: IoCall.Influx, What: "SHOW DATABASES" });
        var first = calls.ToList().FindIndex(Math.Max(ready, 0), c => c.Store == IoCall.Postgres && c.What.Contains("growthmonitor.", StringComparison.Ordinal));
        return ready < 0 || first < 0
            ? throw new BenchmarkException($"The evaluation's first statement cannot be found among its calls:\n{string.Join("\n", calls.Take(30))}")
            : [.. calls.Skip(first > 0 && IsConnectionCheck(calls[first - 1]) ? first - 1 : first)];
    }

    private static bool IsConnectionCheck(IoCall call) => call is { Store: IoCall.Postgres, What: "SELECT 1" };

    /// <summary>What a call did, without its values: the statement's verb and the table or measurement it names.</summary>
    private static string Kind(IoCall call)
    {
        var verb = call.What.Split(' ', 2)[0];
        if (call.Store == IoCall.Postgres)
        {
            return TableName().Match(call.What) is { Success: true } table ? $"PostgreSQL {verb} {table.Value}" : $"PostgreSQL {verb}";
        }

        return verb.StartsWith('/')
            ? $"InfluxDB {verb[1..]}"
            : MeasurementName().Match(call.What) is { Success: true } measurement ? $"InfluxDB {verb} {measurement.Groups[1].Value}" : $"InfluxDB {verb}";
    }

    [GeneratedRegex(@"^(?<target>t\d{4}-[a-z-]+): (?<status>[a-z_]+) at ", RegexOptions.Multiline)]
    private static partial Regex JudgedTarget();

    [GeneratedRegex(@"\b(growthmonitor|hangfire)\.""?\w+""?")]
    private static partial Regex TableName();

    [GeneratedRegex(@"FROM (""[^""]+""|/[^/]+/|\S+)")]
    private static partial Regex MeasurementName();
}

/// <summary>
/// Runs the scale benchmark's children one at a time on a quiet machine, each traced into a file of its own, and
/// repeats a run that other processes disturbed (up to three attempts), as <see cref="ScenarioRunner"/> does.
/// </summary>
public sealed class ScaleRunner(int influxdPid, int postgresPid, string directory)
{
    private const int MaxAttempts = 3;
    private int runs;

    public int Repeated { get; private set; }

    /// <param name="check">Checks that the run did all its work; returns its seconds and calls, from the child's output and all its calls.</param>
    public async Task<ScaleMeasurement> RunAsync(string scenario, Func<string, ProcessStartInfo> start, Func<ChildResult, IReadOnlyList<IoCall>, (double Seconds, IReadOnlyList<IoCall> Calls)> check)
    {
        for (var attempt = 1; ; attempt++)
        {
            await ScenarioRunner.WaitUntilQuietAsync();
            var trace = Path.Combine(directory, $"trace-{++runs}-{scenario}.jsonl");
            var (influxdBefore, postgresBefore, harnessBefore, machineBefore) = (ProcFs.CpuTime(influxdPid), ProcFs.TreeCpuTime(postgresPid), Environment.CpuUsage.TotalTime, ProcFs.MachineBusyTime());
            var child = await ChildProcess.RunAsync(start(trace));
            var (influxdCpu, postgresCpu, harnessCpu, machineCpu) = (ProcFs.CpuTime(influxdPid) - influxdBefore, ProcFs.TreeCpuTime(postgresPid) - postgresBefore, Environment.CpuUsage.TotalTime - harnessBefore, ProcFs.MachineBusyTime() - machineBefore);
            if (child.ExitCode != 0)
            {
                throw new BenchmarkException($"The {scenario} run exited with {child.ExitCode}:\n{child.Output}{child.Error}");
            }

            var (seconds, calls) = check(child, IoTrace.Read(trace));
            var other = machineCpu - child.Cpu - (influxdCpu ?? TimeSpan.Zero) - postgresCpu - harnessCpu;
            var measurement = new ScaleMeasurement(scenario, seconds, child.Wall, child.PeakResidentBytes, child.Cpu,
                influxdCpu ?? TimeSpan.Zero, postgresCpu, other < TimeSpan.Zero ? TimeSpan.Zero : other, calls);
            if (!measurement.Disturbed || attempt == MaxAttempts)
            {
                return measurement;
            }

            Repeated++;
            Console.WriteLine($"  disturbed, repeating: {measurement}");
        }
    }
}
