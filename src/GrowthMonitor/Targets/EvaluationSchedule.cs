using GrowthMonitor.Catalog;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Ingestion;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Targets;

/// <summary>
/// The daily evaluation (staleness changes with time alone) and, at start, an evaluation when the catalog changed
/// since the last run (or there never was one).
/// </summary>
public sealed partial class EvaluationSchedule(
    GrowthCatalog catalog,
    IRecurringJobManager recurringJobs,
    IBackgroundJobClient jobs,
    AssessmentStore store,
    IOptions<EvaluationOptions> options,
    ILogger<EvaluationSchedule> logger) : IJobSchedule
{
    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<EvaluationJob>(EvaluationJob.RecurringId, job => job.RunAsync("daily", CancellationToken.None), options.Value.Schedule, new RecurringJobOptions { TimeZone = IngestSchedule.Copenhagen });
        if (!options.Value.EvaluateChangedCatalogAtStart)
        {
            return;
        }

        string? evaluatedCatalog;
        try
        {
            evaluatedCatalog = (await store.LastRunAsync(cancellationToken))?.Catalog;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Without the run log the evaluation is queued anyway; it waits for InfluxDB through its retries.
            LogRunLogUnavailable(e.Message);
            evaluatedCatalog = null;
        }

        if (evaluatedCatalog != catalog.Fingerprint)
        {
            jobs.Enqueue<EvaluationJob>(job => job.RunAsync("catalog changed", CancellationToken.None));
            LogQueued(catalog.Fingerprint);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog {Fingerprint} has not been evaluated yet; evaluation queued")]
    private partial void LogQueued(string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the evaluation log ({Reason}); evaluation queued")]
    private partial void LogRunLogUnavailable(string reason);
}

/// <summary>
/// Queues an evaluation when an ingestion brought new data for an indicator that targets are measured on or that leads
/// theirs (a new quarter moves their estimate), and when one failed for good, so that targets without figures say that
/// the fetch failed and readers see it.
/// </summary>
public sealed class EvaluateAfterIngest(GrowthCatalog catalog, IBackgroundJobClient jobs) : IIngestFollowUp, IIngestFailureFollowUp
{
    public void AfterNewData(string indicatorId) => Queue(indicatorId, $"new data for {indicatorId}");

    public Task AfterFinalFailureAsync(string indicatorId, string reason, string jobId, CancellationToken cancellationToken)
    {
        Queue(indicatorId, $"fetch of {indicatorId} failed");
        return Task.CompletedTask;
    }

    private void Queue(string indicatorId, string why)
    {
        if (catalog.TargetsReading(indicatorId).Any())
        {
            jobs.Enqueue<EvaluationJob>(job => job.RunAsync(why, CancellationToken.None));
        }
    }
}
