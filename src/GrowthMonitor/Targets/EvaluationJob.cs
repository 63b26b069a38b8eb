using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Indicators;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>
/// The one place that judges targets: every target on the stored figures, stored with everything readers need, then
/// the readers' cache refreshed. Queued after each ingestion that brought new data, daily, at start when the
/// catalog changed, and on demand.
/// </summary>
public sealed partial class EvaluationJob(
    GrowthCatalog catalog,
    SeriesStore series,
    IngestRuns runs,
    AssessmentStore store,
    AssessmentProjection projection,
    IndicatorFrequencies indicatorInfo,
    AssessmentCache cache,
    IEnumerable<IEvaluationFollowUp> followUps,
    JobLocks locks,
    TimeProvider time,
    ILogger<EvaluationJob> logger)
{
    public const string RecurringId = "evaluate-targets";

    /// <summary>Runs one at a time across instances; a failure (InfluxDB down) is retried after Evaluation:RetryDelays.</summary>
    [JobDisplayName("Evaluate targets ({0})")]
    public async Task RunAsync(string reason, CancellationToken cancellationToken)
    {
        await using (await locks.TryAcquireAsync("evaluate", TimeSpan.FromMinutes(10), cancellationToken)
            ?? throw new TimeoutException("Another evaluation run has been busy for ten minutes; this one is tried again later."))
        {
            await EvaluateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Judges and stores every target. One target's failure does not keep the others from being stored, but fails the
    /// run afterwards, so that it is retried.
    /// </summary>
    public async Task<IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        List<(CatalogTarget Target, TargetAssessment Assessment)> assessed = [];
        List<Exception> failures = [];
        var vintages = new Dictionary<string, int>(StringComparer.Ordinal);
        // The run log tells each target where its figures come from and whether the latest fetch failed.
        var indicators = (await IndicatorSummary.ListAsync(catalog, runs, now, cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var targets in catalog.Targets.GroupBy(t => t.Indicator.Id))
        {
            // One read per indicator serves all its targets.
            var data = await series.ReadAsync(targets.Key, [.. targets.SelectMany(t => t.AreasRead).Distinct()], from: null, to: null, cancellationToken);
            if (data.Vintage is { } vintage)
            {
                vintages[targets.Key] = vintage;
            }

            var indicator = indicators[targets.Key];
            foreach (var target in targets)
            {
                try
                {
                    var assessment = Assess(target, data, now, indicator);
                    assessed.Add((target, assessment));
                    LogEvaluated(target.Id, Wire.Status.Of(assessment.Current.Status), assessment.Current.EvaluatedPeriod?.ToString());
                }
                catch (ArgumentException e)
                {
                    LogFailed(e, target.Id, e.Message);
                    failures.Add(e);
                }
            }
        }

        // What the latest run stored: in a long-running service the cache holds it already and reads it again only when
        // a run (of any instance) stored something newer; reading every assessment back costs about as much as judging.
        await cache.RefreshIfNewerAsync(cancellationToken);
        var previous = await cache.GetAsync(cancellationToken);
        List<Action> release = [];
        foreach (var followUp in followUps)
        {
            release.Add(await followUp.PrepareAsync(previous, assessed, now, cancellationToken));
        }

        var run = new EvaluationRun(RunTime(now, previous.Run), assessed.Count, failures.Count, catalog.Fingerprint, time.GetElapsedTime(started).TotalSeconds);
        var removed = await store.WriteAsync(run, assessed, [.. catalog.Targets.Select(t => t.Id)], cancellationToken);
        await cache.RefreshAsync(cancellationToken);
        release.ForEach(action => action());
        // Grafana's copies, after the results are committed and readable: if InfluxDB refuses them, the run fails and
        // its retry writes them (judging the same figures again tells no one anything twice).
        await projection.WriteAsync(run, assessed, removed, vintages, cancellationToken);
        await indicatorInfo.DescribeAsync(
            catalog.Indicators.Select(i => (i, Period.TryParse(indicators[i.Id].LatestPeriod, out var latest) ? latest : (Period?)null)),
            DateOnly.FromDateTime(now.UtcDateTime),
            cancellationToken);
        await runs.ProjectAsync(cancellationToken);
        return failures.Count == 0
            ? assessed
            : throw new AggregateException($"{failures.Count} of {catalog.Targets.Count} targets could not be evaluated.", failures);
    }

    /// <summary>
    /// The one way a target is judged on figures: its areas summed (so that a reason can name the areas that hold the
    /// sum back), beside its benchmark's; with the indicator's run log, a failed fetch and the source table's publication
    /// (without it, as for a report reproduced as of a past moment, the table alone).
    /// </summary>
    public static TargetAssessment Assess(CatalogTarget target, IndicatorData data, DateTimeOffset now, IndicatorSummary? indicator = null)
    {
        var figures = TargetFigures.SumOf(
            [.. target.Spec.Areas.Select(area => new AreaSeries(area, data.Of(area)))],
            target.Spec.Benchmark is { } benchmark ? data.Of(benchmark) : null,
            indicator?.FailedFetch);
        return TargetAssessment.Assess(target.Definition, figures, now) with
        {
            Source = indicator?.DataSource ?? (target.Indicator.Table is { } table ? new DataSource(table, null, null) : null),
        };
    }

    /// <summary>Whole seconds, strictly after the previous run, so that every run's results have a time of their own.</summary>
    private static DateTimeOffset RunTime(DateTimeOffset now, EvaluationRun? last)
    {
        var second = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return last is { Time: var previous } && second <= previous ? previous.AddSeconds(1) : second;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target}: {Status} at {Period}")]
    private partial void LogEvaluated(string target, string status, string? period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target} could not be evaluated: {Reason}")]
    private partial void LogFailed(Exception exception, string target, string reason);
}
