using System.Text.Json.Serialization;
using Cronos;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Ingestion;

/// <summary>An indicator as its runs left it: the latest success and outcome, and whether a scheduled fetch is overdue.</summary>
public sealed record IndicatorSummary(
    string Id,
    string Title,
    string? Table,
    string? Unit,
    string? Schedule,
    DateTimeOffset? LastSuccessfulRun,
    DateTimeOffset? TableUpdated,
    string? LatestPeriod,
    DateTimeOffset? LastRun,
    string? LastOutcome,
    string? LastError,
    bool Overdue)
{
    /// <summary>How long after its scheduled time a fetch may still be running or retrying (after 1, 5 and 15 minutes).</summary>
    public static readonly TimeSpan OverdueGrace = TimeSpan.FromHours(1);

    /// <summary>Every catalog indicator as its latest runs left it, judged overdue at <paramref name="now"/>.</summary>
    public static async Task<IndicatorSummary[]> ListAsync(GrowthCatalog catalog, IngestRuns runs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = (await runs.LatestAsync(cancellationToken)).ToLookup(r => r.Indicator);
        return [.. catalog.Indicators.Select(indicator => Of(indicator, latest[indicator.Id], now))];
    }

    /// <summary>
    /// The indicator from its latest run of each outcome. Overdue when a scheduled fetch more than
    /// <see cref="OverdueGrace"/> ago has not succeeded (a run that found the table unchanged succeeded), or when runs
    /// were made and none ever succeeded.
    /// </summary>
    public static IndicatorSummary Of(IndicatorDefinition indicator, IEnumerable<IngestRun> runs, DateTimeOffset now)
    {
        var indicatorRuns = runs.ToList();
        var success = indicatorRuns.Where(r => r.Outcome != IngestOutcome.Failed).MaxBy(r => r.Time);
        var last = indicatorRuns.MaxBy(r => r.Time);
        // Figures entered by hand have no schedule to fall behind.
        var overdue = indicator.Schedule is { } schedule && (success is null
            ? last is not null
            : CronExpression.Parse(schedule, CronFormat.Standard).GetNextOccurrence(success.Time, IngestSchedule.Copenhagen) is { } due && due + OverdueGrace < now);
        return new IndicatorSummary(
            indicator.Id, indicator.Title, indicator.Table, indicator.Unit, indicator.Schedule,
            success?.Time, success?.TableUpdated, success?.LatestPeriod,
            last?.Time, last?.Outcome, last?.Error, overdue)
        {
            Source = indicator.SourceName,
            Aggregation = indicator.FigureAggregation,
        };
    }

    /// <summary><c>statbank</c> or <c>manual</c> (figures entered through <c>PUT /api/indicators/{id}/values</c>).</summary>
    public string Source { get; init; } = IndicatorSources.StatBank;

    /// <summary>What one figure is: <c>sum</c>, <c>last</c> or <c>mean</c> (the catalog's <c>aggregation</c>).</summary>
    public Aggregation Aggregation { get; init; }

    /// <summary><see cref="Aggregation"/> in the words of the entry forms: "antal i perioden", "status ved periodens slutning" or "gennemsnit for perioden".</summary>
    public string FigureMeans => Danish.FigureMeans(Aggregation);

    /// <summary>The latest fetch, when it failed.</summary>
    [JsonIgnore]
    public FetchFailure? FailedFetch => LastOutcome == IngestOutcome.Failed && LastRun is { } at ? new FetchFailure(at, LastError ?? "") : null;

    /// <summary>The table and what its latest successful fetch found; none for figures entered by hand.</summary>
    [JsonIgnore]
    public DataSource? DataSource => Table is null ? null : DataSource.Of(Table, TableUpdated, LatestPeriod);
}
