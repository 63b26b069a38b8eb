using GrowthMonitor.Hangfire;
using Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>
/// Judges every target in the background (<see cref="TargetJudge"/>): queued after each ingestion that brought new
/// data, after figures were entered by hand, daily, at start when the catalog changed, and on demand.
/// </summary>
/// <remarks>
/// Hangfire finds a queued job's method by its name and parameter types, so a method's parameters never change: jobs
/// queued by an earlier release must still run. What set a run off travels as a method of its own.
/// </remarks>
public sealed class EvaluationJob(TargetJudge judge, JobLocks locks)
{
    public const string RecurringId = "evaluate-targets";

    /// <summary>Runs one at a time across instances; a failure (InfluxDB down) is retried after Evaluation:RetryDelays.</summary>
    [JobDisplayName("Evaluate targets ({0})")]
    public Task RunAsync(string reason, CancellationToken cancellationToken) => EvaluateAsync(EvaluationTrigger.Other, cancellationToken);

    /// <summary>As <see cref="RunAsync"/>, after figures were entered by hand for <paramref name="indicatorId"/>.</summary>
    [JobDisplayName("Evaluate targets (figures entered for {0})")]
    public Task RunAfterEntryAsync(string indicatorId, CancellationToken cancellationToken) =>
        EvaluateAsync(EvaluationTrigger.FiguresEntered(indicatorId), cancellationToken);

    private async Task EvaluateAsync(EvaluationTrigger trigger, CancellationToken cancellationToken)
    {
        await using (await locks.TryAcquireAsync("evaluate", TimeSpan.FromMinutes(10), cancellationToken)
            ?? throw new TimeoutException("Another evaluation run has been busy for ten minutes; this one is tried again later."))
        {
            await judge.EvaluateAsync(trigger, cancellationToken);
        }
    }
}
