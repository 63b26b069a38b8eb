using System.Runtime.CompilerServices;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.StatBank;
using GrowthMonitor.Storage;
using Microsoft.Extensions.Options;
using Polly.Registry;

namespace GrowthMonitor.Ingestion;

/// <summary>What one run did; <see cref="Run"/> is also what the run log recorded.</summary>
public sealed record IngestResult(IngestRun Run)
{
    public bool NewData => Run.Outcome == IngestOutcome.Success && Run.Points > 0;
}

/// <summary>
/// Fetches one indicator from Statistics Denmark into InfluxDB (layout in <see cref="Schema.Figures"/>) as a vintage
/// of its own, through <see cref="FigureVintages"/>: only the figures it finds new or revised, committed at the end.
/// </summary>
public sealed partial class IndicatorIngestor(
    StatBankClient statBank,
    InfluxClient influx,
    IngestRuns runs,
    IndicatorFrequencies frequencies,
    FigureVintages vintages,
    SeriesStore series,
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
        FigureVintages.OpenVintage? vintage = null;
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
                var unchanged = new IngestRun(indicator.Id, IngestOutcome.Unchanged, Now(), 0, 0, Elapsed(started), table.Updated, last.LatestPeriod, plan.DefinitionHash, null);
                await runs.RecordAsync(unchanged, cancellationToken);
                return new IngestResult(unchanged);
            }

            var periods = plan.PeriodsToFetch(sameDefinition ? last?.LatestPeriod : null, options.Value.RevisionWindow);
            await frequencies.RecordAsync(indicator.Id, plan.Frequency, table.Id, cancellationToken);
            // An incremental run compares with what readers see now, so that only new and revised figures become the new vintage.
            var known = sameDefinition && last is not null
                ? await series.ReadAsync(indicator.Id, null, periods[0].Period, periods[^1].Period, cancellationToken)
                : IndicatorData.NothingStored;
            vintage = await vintages.BeginAsync(indicator.Id, plan.Frequency, KeyValuePair.Create(Schema.Figures.TableTag, plan.Table.Id), cancellationToken);
            var write = new VintageWrite(vintage, known);
            var (rows, points) = await pipelines.GetPipeline(StreamPipeline).ExecuteAsync(
                async token => await FetchAndWriteAsync(plan, periods, write, token),
                cancellationToken);
            var run = new IngestRun(indicator.Id, IngestOutcome.Success, Now(), rows, points, Elapsed(started), table.Updated, plan.Periods[^1].Code, plan.DefinitionHash, null);
            await vintage.CommitAsync(run, cancellationToken);
            LogIngested(indicator.Id, table.Id, periods.Count, rows, points, vintage.Number);
            return new IngestResult(run);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // One line an operator can act on; Hangfire's retries do not log again (IngestJob), the stack trace is Debug.
            var failure = IngestFailure.Explain(e, indicator, statBankOptions.Value.BaseUrl);
            LogFailed(indicator.Id, indicator.Table ?? IndicatorSources.Manual, failure.Cause, failure.Remedy);
            LogFailureDetail(e, indicator.Id);
            await TryRecordFailureAsync(new IngestRun(indicator.Id, IngestOutcome.Failed, Now(), 0, 0, Elapsed(started), table?.Updated, null, null, e.Message), vintage, cancellationToken);
            throw;
        }
    }

    private async Task<(long Rows, long Points)> FetchAndWriteAsync(IngestPlan plan, IReadOnlyList<TablePeriod> periods, VintageWrite write, CancellationToken cancellationToken)
    {
        var counter = new RowCounter();
        var points = await write.Vintage.WriteAsync(Points(plan, periods, write, counter, cancellationToken), cancellationToken);
        return (counter.Rows, points);
    }

    private async IAsyncEnumerable<InfluxPoint> Points(IngestPlan plan, IReadOnlyList<TablePeriod> periods, VintageWrite write, RowCounter counter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var measurement = plan.Indicator.Id;
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

            yield return write.Vintage.Figure(area, areaNames.GetValueOrDefault(area, area), period, (double)value);
        }
    }

    /// <summary>The names readers know (Core's, as in the reports), else the table's own text for an area Core does not list.</summary>
    private static Dictionary<string, string> AreaNames(IngestPlan plan) =>
        plan.Table.Variables.First(v => v.Id == plan.AreaVariable).Values
            .ToDictionary(v => v.Id, v => DanishAreas.Find(v.Id)?.Name ?? v.Text, StringComparer.Ordinal);

    private static int Column(DataHeader header, string variable) => header.IndexOf(variable) is var index and >= 0
        ? index
        : throw new StatBankFormatException($"The data has no column {variable}; its columns are {string.Join(", ", header.Variables)}.");

    /// <summary>
    /// The failure is what matters: it is recorded where it can be (a vintage begun ends as failed and its figures are
    /// deleted), and the run fails either way.
    /// </summary>
    private async Task TryRecordFailureAsync(IngestRun run, FigureVintages.OpenVintage? vintage, CancellationToken cancellationToken)
    {
        try
        {
            await (vintage is null ? runs.RecordAsync(run, cancellationToken) : vintage.FailAsync(run, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // PostgreSQL is away too; a vintage left running is ended and discarded by the indicator's next run.
            LogFailureNotRecorded(run.Indicator, e.Message);
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalSeconds;

    /// <summary>The vintage a run writes, and the figures readers see now, which it need not write again.</summary>
    private sealed record VintageWrite(FigureVintages.OpenVintage Vintage, IndicatorData Known);

    private sealed class RowCounter
    {
        public long Rows { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: table {Table} not updated since the last run (updated {Updated:O}); nothing fetched")]
    private partial void LogUnchanged(string indicator, string table, DateTimeOffset updated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: fetched {Periods} periods of table {Table}: {Rows} rows, {Points} new or revised figures committed as vintage {Vintage}")]
    private partial void LogIngested(string indicator, string table, int periods, long rows, long points, int vintage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indicator {Indicator} (table {Table}) failed: {Cause}; {Remedy}")]
    private partial void LogFailed(string indicator, string table, string cause, string remedy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Indicator {Indicator} failed with this exception")]
    private partial void LogFailureDetail(Exception exception, string indicator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: the failed run could not be recorded ({Reason})")]
    private partial void LogFailureNotRecorded(string indicator, string reason);
}
