using GrowthMonitor.Catalog;
using GrowthMonitor.Core;

namespace GrowthMonitor.Targets;

/// <summary>
/// Work that follows what an evaluation run found, such as telling people what changed. It is prepared before the
/// run stores its results, so that if preparing fails the run fails and is retried while the change is still there
/// to be seen, and released once the results are stored and readable.
/// </summary>
public interface IEvaluationFollowUp
{
    /// <summary>Returns what to do once the run's results are stored.</summary>
    Task<Action> PrepareAsync(EvaluationTrigger trigger, AssessmentSnapshot previous, IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessed, DateTimeOffset now, CancellationToken cancellationToken);
}
