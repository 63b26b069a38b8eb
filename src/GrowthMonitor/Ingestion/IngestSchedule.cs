using GrowthMonitor.Catalog;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Storage;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Ingestion;

/// <summary>
/// At start: one recurring job per catalog indicator (its cron in Copenhagen time), recurring ingest jobs of removed
/// indicators deleted, and every indicator that was never ingested queued at once, so a new installation shows data
/// within minutes instead of at the next scheduled hour.
/// </summary>
public sealed partial class IngestSchedule(
    GrowthCatalog catalog,
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient jobs,
    JobStorage storage,
    IngestRuns runs,
    IOptions<IngestionOptions> options,
    ILogger<IngestSchedule> logger) : IJobSchedule
{
    public static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        RegisterRecurringJobs();
        if (options.Value.IngestNewIndicatorsAtStart)
        {
            await QueueNeverIngestedAsync(cancellationToken);
        }
    }

    private void RegisterRecurringJobs()
    {
        var wanted = catalog.FetchedIndicators.ToDictionary(i => IngestJob.RecurringId(i.Id));
        foreach (var (id, indicator) in wanted)
        {
            var indicatorId = indicator.Id;
            recurringJobs.AddOrUpdate<IngestJob>(id, job => job.RunAsync(indicatorId, null, CancellationToken.None), indicator.StatBankSchedule, new RecurringJobOptions { TimeZone = Copenhagen });
        }

        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(IngestJob.RecurringId(""), StringComparison.Ordinal) && !wanted.ContainsKey(id)))
        {
            recurringJobs.RemoveIfExists(stale);
            LogRemoved(stale);
        }

        if (string.IsNullOrWhiteSpace(options.Value.WatchSchedule))
        {
            recurringJobs.RemoveIfExists(PublicationWatchJob.RecurringId);
        }
        else
        {
            recurringJobs.AddOrUpdate<PublicationWatchJob>(PublicationWatchJob.RecurringId, job => job.RunAsync(CancellationToken.None), options.Value.WatchSchedule, new RecurringJobOptions { TimeZone = Copenhagen });
        }

        LogScheduled(wanted.Count);
    }

    private async Task QueueNeverIngestedAsync(CancellationToken cancellationToken)
    {
        HashSet<string> ingested;
        try
        {
            ingested = [.. (await runs.LatestAsync(cancellationToken)).Where(r => r.Outcome != IngestOutcome.Failed).Select(r => r.Indicator)];
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Without the run log every indicator is queued; a run whose table has not changed ends quickly.
            LogRunLogUnavailable(e.Message);
            ingested = [];
        }

        foreach (var indicator in catalog.FetchedIndicators.Where(i => !ingested.Contains(i.Id)))
        {
            var indicatorId = indicator.Id;
            jobs.Enqueue<IngestJob>(job => job.RunAsync(indicatorId, null, CancellationToken.None));
            LogQueued(indicatorId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled ingestion of {Count} indicators (Europe/Copenhagen time)")]
    private partial void LogScheduled(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed recurring job {JobId}: its indicator is no longer in the catalog")]
    private partial void LogRemoved(string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator} has never been ingested; queued now")]
    private partial void LogQueued(string indicator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the ingestion log ({Reason}); queuing every indicator")]
    private partial void LogRunLogUnavailable(string reason);
}
