using System.Runtime.CompilerServices;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.StatBank;
using GrowthMonitor.Storage;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace GrowthMonitor.Ingestion;

/// <summary>What one run did; <see cref="Run"/> is also what was recorded in <c>ingest_runs</c>.</summary>
public sealed record IngestResult(IngestRun Run)
{
    public bool NewData => Run.Outcome == IngestOutcome.Success && Run.Points > 0;
}

/// <summary>
/// Fetches one indicator from Statistics Denmark into InfluxDB (layout in <see cref="Schema.Figures"/>). A run writes
/// the figures it finds new or revised as a vintage of its own and commits them by recording its success, so readers
/// see all of a run or none of it, and a revision adds to what was published instead of erasing it.
/// </summary>
public sealed partial class IndicatorIngestor(
    StatBankClient statBank,
    InfluxClient influx,
    IngestRuns runs,
    IndicatorFrequencies frequencies,
    FigureVintages vintages,
    SeriesStore series,
    RunLogOutbox outbox,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<IngestionOptions> options,
    IOptions<StatBankOptions> statBankOptions,
    TimeProvider time,
    ILogger<IndicatorIngestor> logger)
{
    public const string StreamPipeline = "statbank-stream";

    /// <summary>
    /// Runs once: skips quickly when the table has not been updated since the last successful run, otherwise fetches
    /// the missing periods plus the revision window. Every run is recorded; a failure is recorded as failed and rethrown.
    /// </summary>
    public async Task<IngestResult> IngestAsync(IndicatorDefinition indicator, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        TableInfo? table = null;
        int? vintage = null;
        try
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
            table = await statBank.GetTableInfoAsync(indicator.StatBankTable, cancellationToken);
            var plan = IngestPlan.Create(indicator, table);
            var last = await runs.LastSuccessAsync(indicator.Id, cancellationToken);
            var sameDefinition = last?.Definition == plan.DefinitionHash;
            if (last is not null && sameDefinition && last.TableUpdated >= table.Updated)
            {
                LogUnchanged(indicator.Id, table.Id, table.Updated);
                return await RecordAsync(new IngestRun(indicator.Id, IngestOutcome.Unchanged, Now(), 0, 0, Elapsed(started), table.Updated, last.LatestPeriod, plan.DefinitionHash, null), cancellationToken);
            }

            var periods = plan.PeriodsToFetch(sameDefinition ? last?.LatestPeriod : null, options.Value.RevisionWindow);
            await frequencies.RecordAsync(indicator.Id, plan.Frequency, table.Id, cancellationToken);
            vintage = await vintages.BeginAsync(indicator.Id, cancellationToken);
            // An incremental run compares with what readers see now, so that only new and revised figures become the new vintage.
            var known = sameDefinition && last is not null
                ? await series.ReadAsync(indicator.Id, null, periods[0].Period, periods[^1].Period, cancellationToken)
                : IndicatorData.NothingStored;
            var write = new VintageWrite(vintage.Value, known);
            var (rows, points) = await pipelines.GetPipeline(StreamPipeline).ExecuteAsync(
                async token => await FetchAndWriteAsync(plan, periods, write, token),
                cancellationToken);
            var latest = plan.Periods[^1].Code;
            LogIngested(indicator.Id, table.Id, periods.Count, rows, points, vintage.Value);
            return await RecordAsync(new IngestRun(indicator.Id, IngestOutcome.Success, Now(), rows, points, Elapsed(started), table.Updated, latest, plan.DefinitionHash, null) { Vintage = points > 0 ? vintage : null }, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // One line an operator can act on; Hangfire's retries do not log again (IngestJob), the stack trace is Debug.
            var failure = IngestFailure.Explain(e, indicator, statBankOptions.Value.BaseUrl);
            LogFailed(indicator.Id, indicator.Table ?? IndicatorDefinition.ManualSource, failure.Cause, failure.Remedy);
            LogFailureDetail(e, indicator.Id);
            await TryRecordFailureAsync(new IngestRun(indicator.Id, IngestOutcome.Failed, Now(), 0, 0, Elapsed(started), table?.Updated, null, null, e.Message) { Vintage = vintage }, cancellationToken);
            if (vintage is { } uncommitted)
            {
                await TryDiscardAsync(indicator.Id, uncommitted, cancellationToken);
            }

            throw;
        }
    }

    private async Task<(long Rows, long Points)> FetchAndWriteAsync(IngestPlan plan, IReadOnlyList<TablePeriod> periods, VintageWrite write, CancellationToken cancellationToken)
    {
        var counter = new RowCounter();
        var points = await influx.WriteAsync(Points(plan, periods, write, counter, cancellationToken), cancellationToken);
        return (counter.Rows, points);
    }

    private async IAsyncEnumerable<InfluxPoint> Points(IngestPlan plan, IReadOnlyList<TablePeriod> periods, VintageWrite write, RowCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var measurement = plan.Indicator.Id;
        var tableTag = KeyValuePair.Create(Schema.Figures.TableTag, plan.Table.Id);
        var vintageTag = KeyValuePair.Create(Schema.Figures.VintageTag, FigureVintages.TagOf(write.Vintage));
        var offset = FigureVintages.OffsetOf(write.Vintage);
        var periodStarts = periods.ToDictionary(p => p.Code, p => p.Period, StringComparer.Ordinal);
        var areaNames = AreaNames(plan);
        int areaColumn = -1, timeColumn = -1;
        await foreach (var row in statBank.ReadDataAsync(plan.Request(periods), cancellationToken))
        {
            if (areaColumn < 0)
            {
                areaColumn = Column(row.Header, plan.AreaVariable);
                timeColumn = Column(row.Header, plan.TimeVariable);
            }

            counter.Rows++;
            if (row.Value is not { } value)
            {
                continue;
            }

            var code = row.Codes[timeColumn];
            if (!periodStarts.TryGetValue(code, out var period))
            {
                throw new StatBankFormatException($"The data has period {code}, which was not asked for.");
            }

            var area = row.Codes[areaColumn];
            if (write.Known.Areas.Count > 0 && write.Known.Of(area).TryGetValue(period, out var published) && published == (double)value)
            {
                continue;
            }

            yield return new InfluxPoint(measurement, [KeyValuePair.Create(Schema.Figures.AreaTag, area), KeyValuePair.Create(Schema.Figures.AreaNameTag, areaNames.GetValueOrDefault(area, area)), tableTag, vintageTag], [KeyValuePair.Create(Schema.Figures.Value, FieldValue.Float((double)value))], period.StartUtc + offset);
        }
    }

    /// <summary>The names readers know (Core's, as in the reports), else the table's own text for an area Core does not list.</summary>
    private static Dictionary<string, string> AreaNames(IngestPlan plan) =>
        plan.Table.Variables.First(v => v.Id == plan.AreaVariable).Values
            .ToDictionary(v => v.Id, v => DanishAreas.Find(v.Id)?.Name ?? v.Text, StringComparer.Ordinal);

    private static int Column(DataHeader header, string variable) => header.IndexOf(variable) is var index and >= 0
        ? index
        : throw new StatBankFormatException($"The data has no column {variable}; its columns are {string.Join(", ", header.Variables)}.");

    private async Task<IngestResult> RecordAsync(IngestRun run, CancellationToken cancellationToken)
    {
        await runs.RecordAsync(run, cancellationToken);
        return new IngestResult(run);
    }

    /// <summary>
    /// The failure is what matters: when InfluxDB is down too, the run waits in the outbox and is recorded once
    /// InfluxDB answers again; the run still fails either way.
    /// </summary>
    private async Task TryRecordFailureAsync(IngestRun run, CancellationToken cancellationToken)
    {
        try
        {
            await runs.RecordAsync(run, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailureRecordedLater(run.Indicator, e.Message);
            await outbox.KeepAsync(run, cancellationToken);
        }
    }

    /// <summary>A failed run's figures would never be read; deleting them now keeps them out of raw InfluxQL too.</summary>
    private async Task TryDiscardAsync(string indicatorId, int vintage, CancellationToken cancellationToken)
    {
        try
        {
            await vintages.DiscardAsync(indicatorId, vintage, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The next run of the indicator discards it.
            LogNotDiscarded(indicatorId, vintage, e.Message);
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalSeconds;

    /// <summary>The vintage a run writes, and the figures readers see now, which it need not write again.</summary>
    private sealed record VintageWrite(int Vintage, IndicatorData Known);

    private sealed class RowCounter
    {
        public long Rows { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: table {Table} not updated since the last run (updated {Updated:O}); nothing fetched")]
    private partial void LogUnchanged(string indicator, string table, DateTimeOffset updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: fetched {Periods} periods of table {Table}: {Rows} rows, {Points} new or revised figures committed as vintage {Vintage}")]
    private partial void LogIngested(string indicator, string table, int periods, long rows, long points, int vintage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: the figures of failed vintage {Vintage} could not be deleted yet: {Reason}")]
    private partial void LogNotDiscarded(string indicator, int vintage, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indicator {Indicator} (table {Table}) failed: {Cause}; {Remedy}")]
    private partial void LogFailed(string indicator, string table, string cause, string remedy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indicator {Indicator} failed with this exception")]
    private partial void LogFailureDetail(Exception exception, string indicator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: the failed run is recorded in ingest_runs once InfluxDB answers again ({Reason})")]
    private partial void LogFailureRecordedLater(string indicator, string reason);
}
