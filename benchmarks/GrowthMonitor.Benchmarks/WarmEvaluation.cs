using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// Evaluation runs as the long-running service makes them: the service's own host, built by its own Main from its
/// configuration (the environment and appsettings.json, as a start of GrowthMonitor.dll reads them) and then held, as
/// ASP.NET Core's WebApplicationFactory and EF Core's tools hold it, when the host announces itself built; then the
/// evaluate command's steps (the database ensured, <see cref="TargetJudge.EvaluateAsync(CancellationToken)"/>) several times in that
/// one host, whose code, connections and cached assessments are warm from the second run on. The host is not started:
/// no scheduler, web server or watcher runs beside the runs, as in the one-shot command.
/// </summary>
public static class WarmEvaluation
{
    public const string Command = "evaluate-warm";

    public static async Task<int> RunAsync(int times)
    {
        using var host = BuildServiceHost([ScaleBenchmark.Evaluation]);
        await host.Services.GetRequiredService<InfluxClient>().EnsureDatabaseAsync();
        var judge = host.Services.GetRequiredService<TargetJudge>();
        List<double> seconds = [];
        var lastStart = DateTime.UtcNow;
        for (var run = 1; run <= times; run++)
        {
            lastStart = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var assessed = await judge.EvaluateAsync(CancellationToken.None);
            seconds.Add(clock.Elapsed.TotalSeconds);
            if (assessed.Count != ScaleDeployment.Targets)
            {
                throw new BenchmarkException($"Run {run} judged {assessed.Count} targets, not {ScaleDeployment.Targets}.");
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new WarmResult(seconds, (lastStart - DateTime.UnixEpoch).TotalMilliseconds)));
        return 0;
    }

    /// <summary>The seconds of each run and when the last one began (Unix ms, the clock of <see cref="IoCall.Start"/>).</summary>
    public static WarmResult ReadResult(ChildResult child) =>
        JsonSerializer.Deserialize<WarmResult>(child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
        ?? throw new BenchmarkException($"The warm evaluation printed no result:\n{child.Output}{child.Error}");

    /// <summary>
    /// Runs the service's Main until its host is built: the hosting library writes the host to its diagnostic listener
    /// then, and an exception thrown from there stops Main before it does anything with it.
    /// </summary>
    private static IHost BuildServiceHost(string[] args)
    {
        var main = typeof(IndicatorIngestor).Assembly.EntryPoint ?? throw new BenchmarkException("GrowthMonitor.dll has no entry point.");
        var built = new HostBuilt();
        using (DiagnosticListener.AllListeners.Subscribe(built))
        {
            try
            {
                main.Invoke(null, [args]);
            }
            catch (TargetInvocationException e) when (e.InnerException is HostBuilt.Held)
            {
                // Main stopped where it was meant to.
            }
        }

        return built.Host ?? throw new BenchmarkException("The service's Main ended without building its host.");
    }

    public sealed record WarmResult(IReadOnlyList<double> Seconds, double LastStart);

    private sealed class HostBuilt : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public IHost? Host { get; private set; }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: "HostBuilt", Value: IHost host })
            {
                Host = host;
                throw new Held();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public sealed class Held : Exception;
    }
}
