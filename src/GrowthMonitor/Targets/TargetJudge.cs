using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Targets;

/// <summary>
/// The one place that judges targets: every target on the stored figures, stored with everything readers need, then
/// the readers' cache refreshed, the follow-ups told and Grafana's copies written. <see cref="EvaluationJob"/> runs it
/// in the background; <see cref="Assess"/> is how one target is judged, also for a report as of a past moment.
/// </summary>
public sealed partial class TargetJudge(
    GrowthCatalog catalog,
    SeriesStore series,
    IngestRuns runs,
    AssessmentStore store,
    GoalStore goalStore,
    AssessmentProjection projection,
    IndicatorFrequencies indicatorInfo,
    AssessmentCache cache,
    IEnumerable<IEvaluationFollowUp> followUps,
    TimeProvider time,
    ILogger<TargetJudge> logger)
{
    /// <summary>
    /// Judges and stores every target. One target's failure does not keep the others from being stored, but fails the
    /// run afterwards, so that it is retried.
    /// </summary>
    public Task<IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)>> EvaluateAsync(CancellationToken cancellationToken) =>
        EvaluateAsync(EvaluationTrigger.Other, cancellationToken);

    /// <summary>As <see cref="EvaluateAsync(CancellationToken)"/>, telling the follow-ups what set the run off.</summary>
    public async Task<IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)>> EvaluateAsync(EvaluationTrigger trigger, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        List<(CatalogTarget Target, TargetAssessment Assessment)> assessed = [];
        List<Exception> failures = [];
        var vintages = new Dictionary<string, int>(StringComparer.Ordinal);
        // The run log tells each target where its figures come from and whether the latest fetch failed.
        var indicators = (await IndicatorSummary.ListAsync(catalog, runs, now, cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        // The goals set through the service win over the catalog's: read once for every target.
        var goals = await goalStore.ReadAsync(cancellationToken);
        foreach (var targets in catalog.Targets.GroupBy(t => t.Indicator.Id))
        {
            // One read per indicator serves all its targets; an estimate's band needs every area the two indicators share.
            var (data, leading) = targets.First().Indicator.Nowcast?.From is not { } leadingId
                ? (await series.ReadAsync(targets.Key, [.. targets.SelectMany(t => t.AreasRead).Distinct()], from: null, to: null, cancellationToken), null)
                : await series.ReadForNowcastAsync(targets.Key, leadingId, cancellationToken);
            if (data.Vintage is { } vintage)
            {
                vintages[targets.Key] = vintage;
            }

            var indicator = indicators[targets.Key];
            foreach (var target in targets)
            {
                try
                {
                    var assessment = Assess(goals.Apply(target), data, now, indicator, leading);
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
            release.Add(await followUp.PrepareAsync(trigger, previous, assessed, now, cancellationToken));
        }

        var stored = await store.WriteAsync(
            new EvaluationRun(now, assessed.Count, failures.Count, catalog.Fingerprint, time.GetElapsedTime(started).TotalSeconds),
            assessed,
            [.. catalog.Targets.Select(t => t.Id)],
            cancellationToken);
        await cache.StoredAsync(stored, assessed, cancellationToken);
        release.ForEach(action => action());
        // Grafana's copies, after the results are committed and readable: if InfluxDB refuses them, the run fails and
        // its retry writes them (judging the same figures again tells no one anything twice).
        await projection.WriteAsync(stored, assessed, vintages, cancellationToken);
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
    /// (without it, as for a report reproduced as of a past moment, the table alone); and, given the leading indicator's
    /// figures (<paramref name="data"/> then holds every area), the early estimate.
    /// </summary>
    public static TargetAssessment Assess(CatalogTarget target, IndicatorData data, DateTimeOffset now, IndicatorSummary? indicator = null, IndicatorData? leading = null)
    {
        var figures = TargetFigures.SumOf(
            [.. target.Spec.Areas.Select(area => new AreaSeries(area, data.Of(area)))],
            target.Spec.Benchmark is { } benchmark ? data.Of(benchmark) : null,
            indicator?.FailedFetch);
        var assessment = TargetAssessment.Assess(target.Definition, figures, now) with
        {
            Source = indicator?.DataSource ?? (target.Indicator.Table is { } table ? new DataSource(table, null, null) : null),
        };
        if (leading is null || target.Indicator.Nowcast?.From is not { } leadingId)
        {
            return assessment;
        }

        var (nowcast, unavailable) = Nowcast(target, data, leadingId, leading, now);
        return assessment with { Nowcast = nowcast, NowcastUnavailable = unavailable };
    }

    /// <summary>
    /// The early estimate of the target's next year from the leading indicator's figures (<see cref="NowcastMethod"/>):
    /// both summed over the target's areas as it is judged, the band from every single area the two share.
    /// </summary>
    private static (Nowcast? Nowcast, string? Reason) Nowcast(CatalogTarget target, IndicatorData data, string leadingId, IndicatorData leading, DateTimeOffset now)
    {
        if (target.Spec.Areas.FirstOrDefault(area => !leading.Areas.ContainsKey(area)) is { } missing)
        {
            return (null, $"The leading indicator '{leadingId}' has no figures for area {missing}.");
        }

        return NowcastMethod.ForTarget(
            target.Definition,
            data.SumOf(target.Spec.Areas),
            leading.SumOf(target.Spec.Areas),
            leadingId,
            NowcastArea.Shared(data.Areas, leading.Areas),
            target.Spec.Benchmark is { } benchmark ? (data.Of(benchmark), leading.Of(benchmark)) : null,
            now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target}: {Status} at {Period}")]
    private partial void LogEvaluated(string target, string status, string? period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target} could not be evaluated: {Reason}")]
    private partial void LogFailed(Exception exception, string target, string reason);
}
