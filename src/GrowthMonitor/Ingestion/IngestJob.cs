using GrowthMonitor.Catalog;
using GrowthMonitor.Hangfire;
using GrowthMonitor.StatBank;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Ingestion;

/// <summary>The Hangfire job that ingests one indicator; never two runs of one indicator at once.</summary>
public sealed partial class IngestJob(
    GrowthCatalog catalog,
    IndicatorIngestor ingestor,
    JobLocks locks,
    IOptions<IngestionOptions> options,
    IEnumerable<IIngestFollowUp> followUps,
    IEnumerable<IIngestFailureFollowUp> failureFollowUps,
    ILogger<IngestJob> logger)
{
    public static string RecurringId(string indicatorId) => $"ingest:{indicatorId}";

    /// <summary>The lock every writer of an indicator's figures holds: a run, the one-shot command, an upload by hand.</summary>
    public static string LockKey(string indicatorId) => $"ingest:{indicatorId}";

    /// <summary>
    /// A wrong catalog entry or a table Statistics Denmark does not have cannot succeed on a retry; other failures
    /// (network, InfluxDB) are retried after each of <see cref="IngestionOptions.RetryDelays"/>. Hangfire does not log the
    /// failures: the ingestor logs each in one line with its cause and remedy, and the dashboard keeps the exception.
    /// </summary>
    public static AutomaticRetryAttribute Retry(IngestionOptions options) => new AutomaticRetryAttribute
    {
        ExceptOn = [typeof(IndicatorDefinitionException), typeof(StatBankException)],
        LogEvents = false,
    }.WithDelays(options.Retries);

    [JobDisplayName("Ingest {0}")]
    public async Task RunAsync(string indicatorId, PerformContext? context, CancellationToken cancellationToken)
    {
        if (catalog.FindIndicator(indicatorId) is not { } indicator)
        {
            LogUnknown(indicatorId);
            return;
        }

        // Another run of the indicator may be writing; this one waits for it, and if it is still busy, fails so that
        // Hangfire tries again later instead of ending as a success that did nothing.
        await using (await locks.TryAcquireAsync(LockKey(indicatorId), options.Value.LockWait, cancellationToken)
            ?? throw new IndicatorBusyException(indicatorId, options.Value.LockWait))
        {
            IngestResult result;
            try
            {
                result = await ingestor.IngestAsync(indicator, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsFinal(e, context, options.Value.Retries.Count))
            {
                foreach (var followUp in failureFollowUps)
                {
                    await followUp.AfterFinalFailureAsync(indicatorId, e.Message, context?.BackgroundJob.Id ?? "", cancellationToken);
                }

                throw;
            }

            if (result.NewData)
            {
                foreach (var followUp in followUps)
                {
                    followUp.AfterNewData(indicatorId);
                }
            }
        }
    }

    /// <summary>Whether Hangfire will not try this job again: retrying cannot help, or the retries are spent.</summary>
    private static bool IsFinal(Exception exception, PerformContext? context, int retries) =>
        exception is IndicatorDefinitionException or StatBankException
        || (context?.GetJobParameter<int>("RetryCount") ?? retries) >= retries;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator} is no longer in the catalog; nothing to ingest")]
    private partial void LogUnknown(string indicator);
}

/// <summary>Another run of the indicator held its lock for longer than this run waits; Hangfire tries again later.</summary>
public sealed class IndicatorBusyException(string indicatorId, TimeSpan waited)
    : Exception($"Indicator '{indicatorId}' is still being ingested by another run after {waited.TotalSeconds:0} s; this run is tried again later.");

/// <summary>Work that should follow new data for an indicator, such as evaluating the targets measured on it.</summary>
public interface IIngestFollowUp
{
    void AfterNewData(string indicatorId);
}

/// <summary>Work that follows an ingestion that failed for good (after its retries, or at once when retrying cannot help).</summary>
public interface IIngestFailureFollowUp
{
    Task AfterFinalFailureAsync(string indicatorId, string reason, string jobId, CancellationToken cancellationToken);
}
