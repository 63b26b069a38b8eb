using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Targets;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Commands;

/// <summary>
/// One-shot commands that run the service's own code without the scheduler or the web server, for operators and cron:
/// <c>ingest [--indicator ID]</c>, <c>evaluate</c> and <c>nowcast-backtest --indicator ID</c> (<see cref="NowcastBacktestCommand"/>). They exit non-zero when anything failed. (<c>healthcheck</c>, which
/// needs no services, is <see cref="HealthCheckCommand"/>.)
/// </summary>
public static class CommandLine
{
    public const int Failure = 1;
    public const int Usage = 64;

    public const string UsageText = """
        Usage: GrowthMonitor [command] [--Section:Key=value ...]

        Without a command the service runs: scheduler, API, report and documentation on Urls (http://127.0.0.1:5080).

        Commands (run once and exit, non-zero on failure):
          ingest [--indicator ID]   fetch every indicator (or one) from Statistics Denmark into InfluxDB
          evaluate                  judge every target on the stored figures and store the results
          healthcheck [--url URL]   exit 0 if the running service's /health/ready answers 200 (the image's HEALTHCHECK)
          help, --help              print this text

        Settings come from appsettings.json, environment variables (Influx__Url) or the command line
        (--Influx:Url=http://127.0.0.1:8086). scripts/run starts a local InfluxDB and passes its arguments on;
        scripts/run demo runs the service on bundled synthetic sample data. docs/configuration.md lists every setting.
        """;

    public static bool IsCommand(string[] args) => args is [var first, ..] && !first.StartsWith('-');

    /// <summary>Checked before the host is built, so help needs no valid configuration and binds no port.</summary>
    public static bool IsHelp(string[] args) => args is ["help" or "--help" or "-h" or "-?" or "/?"];

    public static int PrintHelp()
    {
        Console.WriteLine(UsageText);
        return 0;
    }

    public static async Task<int> RunCommandAsync(this WebApplication app, string[] args)
    {
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        return args switch
        {
            ["ingest"] => await IngestAsync(app.Services, null, stopping.Token),
            ["ingest", "--indicator", var id] => await IngestAsync(app.Services, id, stopping.Token),
            ["evaluate"] => await EvaluateAsync(app.Services, stopping.Token),
            [NowcastBacktestCommand.Name, "--indicator", var id] => await NowcastBacktestCommand.RunAsync(app.Services, id, byArea: false, stopping.Token),
            [NowcastBacktestCommand.Name, "--indicator", var id, "--by-area"] => await NowcastBacktestCommand.RunAsync(app.Services, id, byArea: true, stopping.Token),
            [NowcastBacktestCommand.Name, ..] => PrintUsage(NowcastBacktestCommand.UsageLine),
            _ => PrintUsage(args),
        };
    }

    private static async Task<int> IngestAsync(IServiceProvider services, string? indicatorId, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<GrowthCatalog>();
        var ingestor = services.GetRequiredService<IndicatorIngestor>();
        var locks = services.GetRequiredService<JobLocks>();
        var lockWait = services.GetRequiredService<IOptions<IngestionOptions>>().Value.LockWait;
        IReadOnlyList<IndicatorDefinition> indicators = indicatorId is null ? catalog.FetchedIndicators : catalog.FindIndicator(indicatorId) is { IsManual: false } one ? [one] : [];
        if (indicators.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Unknown indicator '{indicatorId}'. Known: {string.Join(", ", catalog.FetchedIndicators.Select(i => i.Id))}");
            return Usage;
        }

        var failed = 0;
        foreach (var indicator in indicators)
        {
            try
            {
                // The service's own runs of the indicator (on the same PostgreSQL) wait for this one, and it for them.
                await using var held = await locks.TryAcquireAsync(IngestJob.LockKey(indicator.Id), lockWait, cancellationToken)
                    ?? throw new IndicatorBusyException(indicator.Id, lockWait);
                var run = (await ingestor.IngestAsync(indicator, cancellationToken)).Run;
                Console.WriteLine($"{indicator.Id}: {run.Outcome}, {run.Rows} rows, {run.Points} points, latest period {run.LatestPeriod ?? "-"} ({run.Seconds:0.00} s)");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                await Console.Error.WriteLineAsync($"{indicator.Id}: failed: {e.Message}");
            }
        }

        return failed == 0 ? 0 : Failure;
    }

    private static async Task<int> EvaluateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<InfluxClient>().EnsureDatabaseAsync(cancellationToken);
        try
        {
            foreach (var (target, assessment) in await services.GetRequiredService<TargetJudge>().EvaluateAsync(cancellationToken))
            {
                var evaluation = assessment.Current;
                Console.WriteLine($"{target.Id}: {Wire.Status.Of(evaluation.Status)} at {evaluation.EvaluatedPeriod?.ToString() ?? "-"}{(evaluation.Reason is null ? "" : $" ({evaluation.Reason})")}");
            }

            return 0;
        }
        catch (AggregateException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            foreach (var inner in e.InnerExceptions)
            {
                await Console.Error.WriteLineAsync($"  {inner.Message}");
            }

            return Failure;
        }
    }

    private static int PrintUsage(string usage)
    {
        Console.Error.WriteLine(usage);
        return Usage;
    }

    private static int PrintUsage(string[] args)
    {
        Console.Error.WriteLine($"Unknown command '{string.Join(' ', args)}'.");
        Console.Error.WriteLine(UsageText);
        return Usage;
    }
}
