using GrowthMonitor.Catalog;
using GrowthMonitor.StatBank;
using GrowthMonitor.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Ingestion;

/// <summary>
/// Asks Statistics Denmark cheaply and often, in the morning hours it publishes, which catalog tables changed (one
/// <c>/tables</c> call covers them all) and queues their ingestion at once, so that a figure published at 08:00 is
/// ingested, judged and told within minutes instead of at the indicator's daily schedule.
/// </summary>
public sealed partial class PublicationWatchJob(
    GrowthCatalog catalog,
    StatBankClient statBank,
    IngestRuns runs,
    IBackgroundJobClient jobs,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<PublicationWatchJob> logger)
{
    public const string RecurringId = "watch-publications";

    /// <summary>A missed look is made up for by the next one, minutes later; it is retried only after Ingestion:WatchRetryDelays (none by default).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Watch for new publications")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), IngestSchedule.Copenhagen).TimeOfDay;
        if (local < options.Value.WatchFrom || local > options.Value.WatchUntil)
        {
            return;
        }

        foreach (var indicator in await ChangedAsync(cancellationToken))
        {
            var indicatorId = indicator.Id;
            jobs.Enqueue<IngestJob>(job => job.RunAsync(indicatorId, null, CancellationToken.None));
            LogQueued(indicatorId, indicator.StatBankTable);
        }
    }

    /// <summary>Indicators whose table Statistics Denmark updated after the last run that fetched it.</summary>
    public async Task<IReadOnlyList<IndicatorDefinition>> ChangedAsync(CancellationToken cancellationToken)
    {
        var tables = (await statBank.GetTablesAsync(pastDays: 1, cancellationToken: cancellationToken))
            .ToDictionary(t => t.Id, t => t.Updated, StringComparer.OrdinalIgnoreCase);
        var fetched = (await runs.LatestAsync(cancellationToken))
            .Where(r => r.Outcome != IngestOutcome.Failed && r.TableUpdated is not null)
            .GroupBy(r => r.Indicator)
            .ToDictionary(g => g.Key, g => g.Max(r => r.TableUpdated!.Value), StringComparer.Ordinal);
        return [.. catalog.FetchedIndicators.Where(i => tables.TryGetValue(i.StatBankTable, out var updated) && (!fetched.TryGetValue(i.Id, out var seen) || updated > seen))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Table {Table} changed: ingestion of {Indicator} queued")]
    private partial void LogQueued(string indicator, string table);
}
