using GrowthMonitor.Hangfire;
using Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>
/// Judges every target in the background (<see cref="TargetJudge"/>): queued after each ingestion that brought new
/// data, daily, at start when the catalog changed, and on demand.
/// </summary>
public sealed class EvaluationJob(TargetJudge judge, JobLocks locks)
{
    public const string RecurringId = "evaluate-targets";

    /// <summary>Runs one at a time across instances; a failure (InfluxDB down) is retried after Evaluation:RetryDelays.</summary>
    [JobDisplayName("Evaluate targets ({0})")]
    public async Task RunAsync(string reason, CancellationToken cancellationToken)
    {
        await using (await locks.TryAcquireAsync("evaluate", TimeSpan.FromMinutes(10), cancellationToken)
            ?? throw new TimeoutException("Another evaluation run has been busy for ten minutes; this one is tried again later."))
        {
            await judge.EvaluateAsync(cancellationToken);
        }
    }
}
