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

/// <summary>What an upload changed: figures new, corrected or withdrawn, and the vintage they form (none when nothing changed).</summary>
public sealed record ManualChange(int? Vintage, int Changed, int Unchanged);

/// <summary>A figure as given beside the one published now; null: none.</summary>
public sealed record FigureComparison(string Area, Period Period, double? Old, double? New)
{
    public bool Changes => Old != New;
}

/// <summary>
/// Writes figures entered by hand as a vintage of their own through <see cref="FigureVintages"/>, as ingestion writes
/// Statistics Denmark's (same measurement, tags <c>area</c>, <c>source=manual</c> and <c>vintage</c>): only what
/// changed, committed together with its audit entries, then the targets on the indicator judged again.
/// </summary>
public sealed partial class ManualFigureWriter(
    InfluxClient influx,
    IndicatorFrequencies frequencies,
    FigureVintages vintages,
    ValueAudit audit,
    SeriesStore series,
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

    /// <summary>
    /// Each figure beside the one published now (null: none), as <see cref="WriteAsync"/> decides what changed: the
    /// upload page's preview shows this before anything is written.
    /// </summary>
    public async Task<IReadOnlyList<FigureComparison>> CompareAsync(IndicatorDefinition indicator, IReadOnlyList<(string Area, Period Period, double? Value)> figures, CancellationToken cancellationToken)
    {
        if (figures.Count == 0)
        {
            return [];
        }

        var published = await series.ReadAsync(indicator.Id, [.. figures.Select(f => f.Area).Distinct()], figures.Min(f => f.Period), figures.Max(f => f.Period), cancellationToken);
        return [.. figures.Select(f => new FigureComparison(f.Area, f.Period, published.Of(f.Area).TryGetValue(f.Period, out var was) ? was : null, f.Value))];
    }

    private async Task<ManualChange> WriteLockedAsync(IndicatorDefinition indicator, IReadOnlyList<(string Area, Period Period, double? Value)> figures, string operatorName, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await influx.EnsureDatabaseAsync(cancellationToken);
        var frequency = indicator.ManualFrequency ?? throw new ArgumentException($"Indicator '{indicator.Id}' is fetched, not entered by hand.", nameof(indicator));
        var changed = (await CompareAsync(indicator, figures, cancellationToken)).Where(f => f.Changes).ToList();
        if (changed.Count == 0)
        {
            return new ManualChange(null, 0, figures.Count);
        }

        await frequencies.RecordAsync(indicator.Id, frequency, IndicatorSources.Manual, cancellationToken);
        var vintage = await vintages.BeginAsync(indicator.Id, frequency, new(Schema.Figures.SourceTag, IndicatorSources.Manual), cancellationToken);
        var now = time.GetUtcNow();
        List<ValueChange> changes = [.. changed.Select(c => new ValueChange(indicator.Id, c.Area, c.Period, c.Old, c.New, operatorName, now, vintage.Number))];
        var run = new IngestRun(indicator.Id, IngestOutcome.Success, now, figures.Count, changes.Count, time.GetElapsedTime(started).TotalSeconds, null,
            figures.Max(f => f.Period).ToString(), IndicatorSources.Manual, null);
        try
        {
            await vintage.WriteAsync(changes.Select(c => vintage.Figure(c.Area, DanishAreas.NameOf(c.Area), c.Period, c.New)).ToAsyncEnumerable(), cancellationToken);
            // The audit commits with the figures: a change readers see always has its entry, and a failed upload none.
            await vintage.CommitAsync(run, cancellationToken, (connection, transaction, token) => ValueAudit.AddAsync(connection, transaction, changes, token));
            audit.Written();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await vintage.FailAsync(run with { Outcome = IngestOutcome.Failed, Points = 0, Error = e.Message }, cancellationToken);
            throw;
        }

        LogWritten(indicator.Id, changes.Count, vintage.Number, operatorName);
        if (catalog.TargetsReading(indicator.Id).Any())
        {
            jobs.Enqueue<EvaluationJob>(job => job.RunAfterEntryAsync(indicator.Id, CancellationToken.None));
        }

        return new ManualChange(vintage.Number, changes.Count, figures.Count - changes.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: {Changed} figure(s) entered by {Operator}, committed as vintage {Vintage}")]
    private partial void LogWritten(string indicator, int changed, int vintage, string @operator);
}
