using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>Evaluates targets and stores the results; shared by the Hangfire job and the one-shot command.</summary>
public sealed partial class TargetEvaluationRunner(GrowthCatalog catalog, TargetEvaluations evaluations, TargetStatusStore store, ILogger<TargetEvaluationRunner> logger)
{
    /// <summary>Every target, or those measured on one indicator. One target's failure does not stop the others.</summary>
    public async Task<IReadOnlyList<TargetResult>> EvaluateAndStoreAsync(string? indicatorId, CancellationToken cancellationToken)
    {
        var targets = indicatorId is null ? catalog.Targets : [.. catalog.TargetsOn(indicatorId)];
        List<TargetResult> results = [];
        List<Exception> failures = [];
        foreach (var target in targets)
        {
            try
            {
                var result = await evaluations.EvaluateAsync(target, endOfYear: null, cancellationToken);
                await store.WriteAsync(result, cancellationToken);
                LogEvaluated(target.Id, result.Evaluation.Status.ToWireString(), result.Evaluation.EvaluatedPeriod?.ToString());
                results.Add(result);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(e, target.Id, e.Message);
                failures.Add(e);
            }
        }

        return failures.Count == 0 ? results : throw new AggregateException($"{failures.Count} of {targets.Count} targets could not be evaluated.", failures);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target}: {Status} at {Period}")]
    private partial void LogEvaluated(string target, string status, string? period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Target {Target} could not be evaluated: {Reason}")]
    private partial void LogFailed(Exception exception, string target, string reason);
}

/// <summary>The Hangfire job: after each ingestion that brought new data, and daily (staleness changes with time alone).</summary>
public sealed class EvaluateJob(TargetEvaluationRunner runner)
{
    public const string DailyId = "evaluate-targets";
    public const string DailySchedule = "0 10 * * *";

    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    [JobDisplayName("Evaluate targets {0}")]
    public Task RunAsync(string? indicatorId, CancellationToken cancellationToken) => runner.EvaluateAndStoreAsync(indicatorId, cancellationToken);
}

/// <summary>Queues the evaluation of an indicator's targets when an ingestion brought new data.</summary>
public sealed class EvaluateAfterIngest(GrowthCatalog catalog, IBackgroundJobClient jobs) : IIngestFollowUp
{
    public void AfterNewData(string indicatorId)
    {
        if (catalog.TargetsOn(indicatorId).Any())
        {
            jobs.Enqueue<EvaluateJob>(job => job.RunAsync(indicatorId, CancellationToken.None));
        }
    }
}

/// <summary>Registers the daily evaluation at start.</summary>
public sealed class EvaluationSchedule(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<EvaluateJob>(EvaluateJob.DailyId, job => job.RunAsync(null, CancellationToken.None), EvaluateJob.DailySchedule, new RecurringJobOptions { TimeZone = IngestSchedule.Copenhagen });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
