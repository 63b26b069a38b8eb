using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.ManualFigures;

/// <summary>What an upload changed: figures new or corrected, figures withdrawn, and the vintage they form.</summary>
public sealed record ManualChange(int Vintage, int Changed, int Unchanged);

/// <summary>
/// Writes figures entered by hand as a vintage of their own, the way ingestion writes Statistics Denmark's (same
/// measurement, tags <c>area</c>, <c>source=manual</c> and <c>vintage</c>): only what changed, audited, committed by
/// a success in <c>ingest_runs</c>, then the targets on the indicator judged again.
/// </summary>
public sealed partial class ManualFigureWriter(
    InfluxClient influx,
    IndicatorFrequencies frequencies,
    FigureVintages vintages,
    SeriesStore series,
    IngestRuns runs,
    ValueAudit audit,
    JobLocks locks,
    GrowthCatalog catalog,
    IBackgroundJobClient jobs,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<ManualFigureWriter> logger)
{
    /// <summary>Sets figures (a correction is a new vintage; the old one is kept) or, with a null value, withdraws one.</summary>
    /// <exception cref="IndicatorBusyException">Another upload or run of the indicator is still writing.</exception>
    public async Task<ManualChange> WriteAsync(IndicatorDefinition indicator, IReadOnlyList<(string Area, Period Period, double? Value)> figures, string operatorName, CancellationToken cancellationToken)
    {
        var wait = options.Value.LockWait;
        await using (await locks.TryAcquireAsync(IngestJob.LockKey(indicator.Id), wait, cancellationToken) ?? throw new IndicatorBusyException(indicator.Id, wait))
        {
            return await WriteLockedAsync(indicator, figures, operatorName, cancellationToken);
        }
    }

    private async Task<ManualChange> WriteLockedAsync(IndicatorDefinition indicator, IReadOnlyList<(string Area, Period Period, double? Value)> figures, string operatorName, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await influx.EnsureDatabaseAsync(cancellationToken);
        var frequency = indicator.ManualFrequency ?? throw new ArgumentException($"Indicator '{indicator.Id}' is fetched, not entered by hand.", nameof(indicator));
        await frequencies.RecordAsync(indicator.Id, frequency, IndicatorDefinition.ManualSource, cancellationToken);
        var vintage = await vintages.BeginAsync(indicator.Id, cancellationToken);
        var published = await series.ReadAsync(indicator.Id, [.. figures.Select(f => f.Area).Distinct()], figures.Min(f => f.Period), figures.Max(f => f.Period), cancellationToken);
        var now = time.GetUtcNow();
        List<ValueChange> changes = [];
        foreach (var (area, period, value) in figures)
        {
            double? old = published.Of(area).TryGetValue(period, out var was) ? was : null;
            if (old != value)
            {
                changes.Add(new ValueChange(indicator.Id, area, period, old, value, operatorName, now, vintage));
            }
        }

        if (changes.Count > 0)
        {
            KeyValuePair<string, string> source = new(Schema.Figures.SourceTag, IndicatorDefinition.ManualSource);
            KeyValuePair<string, string> vintageTag = new(Schema.Figures.VintageTag, FigureVintages.TagOf(vintage));
            await influx.WriteAsync(
                changes.Select(c => new InfluxPoint(
                    indicator.Id,
                    [new(Schema.Figures.AreaTag, c.Area), new(Schema.Figures.AreaNameTag, DanishAreas.NameOf(c.Area)), source, vintageTag],
                    // Every manual figure says whether it withdraws, so that a raw query's last("deleted") per period
                    // belongs to the same (newest) vintage as its last("value"): Grafana hides the withdrawn periods.
                    c.New is { } value
                        ? [new(Schema.Figures.Value, FieldValue.Float(value)), new(Schema.Figures.Deleted, FieldValue.Boolean(false))]
                        : [new(Schema.Figures.Deleted, FieldValue.Boolean(true))],
                    c.Period.StartUtc + FigureVintages.OffsetOf(vintage))),
                cancellationToken);
            // Audited before the vintage is committed: a change readers see always has its entry.
            await audit.AddAsync(changes, cancellationToken);
            await runs.RecordAsync(
                new IngestRun(indicator.Id, IngestOutcome.Success, now, figures.Count, changes.Count, time.GetElapsedTime(started).TotalSeconds, null,
                    figures.Max(f => f.Period).ToString(), IndicatorDefinition.ManualSource, null) { Vintage = vintage },
                cancellationToken);
            LogWritten(indicator.Id, changes.Count, vintage, operatorName);
            if (catalog.TargetsOn(indicator.Id).Any())
            {
                jobs.Enqueue<EvaluationJob>(job => job.RunAsync($"figures entered for {indicator.Id}", CancellationToken.None));
            }
        }

        return new ManualChange(vintage, changes.Count, figures.Count - changes.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: {Changed} figure(s) entered by {Operator}, committed as vintage {Vintage}")]
    private partial void LogWritten(string indicator, int changed, int vintage, string @operator);
}
