using System.Runtime.CompilerServices;
using GrowthMonitor.Catalog;
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
/// Fetches one indicator from Statistics Denmark into InfluxDB (layout in <see cref="Schema.Figures"/>). The same
/// series and time overwrite, so runs are idempotent and revised figures replace old ones.
/// </summary>
public sealed partial class IndicatorIngestor(
    StatBankClient statBank,
    InfluxClient influx,
    IngestRuns runs,
    IndicatorFrequencies frequencies,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<IngestionOptions> options,
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
        try
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
            table = await statBank.GetTableInfoAsync(indicator.Table, cancellationToken);
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
            var (rows, points) = await pipelines.GetPipeline(StreamPipeline).ExecuteAsync(
                async token => await FetchAndWriteAsync(plan, periods, token),
                cancellationToken);
            var latest = plan.Periods[^1].Code;
            LogIngested(indicator.Id, table.Id, periods.Count, rows, points);
            return await RecordAsync(new IngestRun(indicator.Id, IngestOutcome.Success, Now(), rows, points, Elapsed(started), table.Updated, latest, plan.DefinitionHash, null), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(e, indicator.Id, indicator.Table, e.Message);
            await TryRecordFailureAsync(new IngestRun(indicator.Id, IngestOutcome.Failed, Now(), 0, 0, Elapsed(started), table?.Updated, null, null, e.Message), cancellationToken);
            throw;
        }
    }

    private async Task<(long Rows, long Points)> FetchAndWriteAsync(IngestPlan plan, IReadOnlyList<TablePeriod> periods, CancellationToken cancellationToken)
    {
        var counter = new RowCounter();
        var points = await influx.WriteAsync(Points(plan, periods, counter, cancellationToken), cancellationToken);
        return (counter.Rows, points);
    }

    private async IAsyncEnumerable<InfluxPoint> Points(IngestPlan plan, IReadOnlyList<TablePeriod> periods, RowCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var measurement = plan.Indicator.Id;
        var tableTag = KeyValuePair.Create(Schema.Figures.TableTag, plan.Table.Id);
        var periodStarts = periods.ToDictionary(p => p.Code, p => p.Period.StartUtc, StringComparer.Ordinal);
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

            var period = row.Codes[timeColumn];
            if (!periodStarts.TryGetValue(period, out var start))
            {
                throw new StatBankFormatException($"The data has period {period}, which was not asked for.");
            }

            yield return new InfluxPoint(measurement, [KeyValuePair.Create(Schema.Figures.AreaTag, row.Codes[areaColumn]), tableTag], [KeyValuePair.Create(Schema.Figures.Value, FieldValue.Float((double)value))], start);
        }
    }

    private static int Column(DataHeader header, string variable) => header.IndexOf(variable) is var index and >= 0
        ? index
        : throw new StatBankFormatException($"The data has no column {variable}; its columns are {string.Join(", ", header.Variables)}.");

    private async Task<IngestResult> RecordAsync(IngestRun run, CancellationToken cancellationToken)
    {
        await runs.RecordAsync(run, cancellationToken);
        return new IngestResult(run);
    }

    /// <summary>The failure is what matters; when even InfluxDB is down the record is lost, but the run still fails.</summary>
    private async Task TryRecordFailureAsync(IngestRun run, CancellationToken cancellationToken)
    {
        try
        {
            await runs.RecordAsync(run, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailureNotRecorded(run.Indicator, e.Message);
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalSeconds;

    private sealed class RowCounter
    {
        public long Rows { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: table {Table} not updated since the last run (updated {Updated:O}); nothing fetched")]
    private partial void LogUnchanged(string indicator, string table, DateTimeOffset updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: fetched {Periods} periods of table {Table}: {Rows} rows, {Points} points written")]
    private partial void LogIngested(string indicator, string table, int periods, long rows, long points);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indicator {Indicator} (table {Table}) failed: {Reason}")]
    private partial void LogFailed(Exception exception, string indicator, string table, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: the failed run could not be recorded: {Reason}")]
    private partial void LogFailureNotRecorded(string indicator, string reason);
}
