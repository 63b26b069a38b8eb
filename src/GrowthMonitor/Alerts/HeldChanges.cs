using System.Globalization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Targets;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Status changes found right after figures were entered by hand wait <c>Alerts:GroupWait</c> before they are told, like
/// Alertmanager's <c>group_wait</c>, so that a person correcting figures causes one message rather than one per
/// correction. Each target has at most one held change per route: a later change of the target within the wait takes
/// its place, from the status before the first change to the latest (<see cref="Replace"/>), and waits anew. When the
/// wait ends, the change is told only if it still holds (<see cref="WhyNotToTellAsync"/>). Changes found otherwise (a
/// publication of Statistics Denmark, the daily run) are told at once.
/// </summary>
public sealed class HeldChanges(AssessmentCache assessments, GrowthCatalog catalog, IOptions<AlertOptions> options)
{
    /// <summary>Whether the run's changes of <paramref name="target"/> are held.</summary>
    public bool Apply(EvaluationTrigger trigger, CatalogTarget target) => options.Value.GroupWait > TimeSpan.Zero && trigger.EnteredFiguresOf(target);

    /// <summary>A change worth telling: any change of status, and a first evaluation that is at_risk or off_track.</summary>
    public static bool Tells(TargetStatus? was, TargetStatus now) => was != now && (was is not null || now is TargetStatus.AtRisk or TargetStatus.OffTrack);

    /// <summary>
    /// The change to hold after a run found <paramref name="found"/> (its status before the run and now), in place of
    /// <paramref name="held"/>, the change held for the target so far (null if none): from the status before the held
    /// change to the status now, even when that is no change at all (which is then held, to be told nothing, so that
    /// a further correction still counts from the first status). A held change that the status before the run no
    /// longer matches was overtaken by a change told at once, and is not built on. Null when there is nothing to hold.
    /// </summary>
    public static AlertEvent? Replace(AlertEvent? held, AlertEvent found)
    {
        var from = held is not null && held.Status == found.PreviousStatus ? held.PreviousStatus : found.PreviousStatus;
        if (from == found.PreviousStatus && !Tells(from, found.Status!.Value))
        {
            return null;
        }

        // Each run's replacement is an event of its own, even one that says what the held one said: it holds figures
        // entered since, and its wait starts anew.
        return found with
        {
            Id = AlertEvents.Id(found.Alliance, found.Target, "held status", Code(from), Code(found.Status), found.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            PreviousStatus = from,
        };
    }

    /// <summary>Why held changes are not to be told after their wait; null when every one still holds.</summary>
    public async Task<string?> WhyNotToTellAsync(IReadOnlyList<AlertEvent> changes, CancellationToken cancellationToken)
    {
        // The newest stored verdicts, read again only when a run (of any instance) stored something newer.
        await assessments.RefreshIfNewerAsync(cancellationToken);
        var stored = await assessments.GetAsync(cancellationToken);
        foreach (var change in changes)
        {
            if (!Tells(change.PreviousStatus, change.Status!.Value))
            {
                return $"Nothing to tell: from {Code(change.PreviousStatus) ?? "not evaluated"} to {Code(change.Status)} within Alerts:GroupWait.";
            }

            if (catalog.FindTarget(change.Target!) is not { } target)
            {
                return "The target is no longer in the catalog.";
            }

            var now = stored.Of(target);
            if (now.EvaluatedAt is null || now.Assessment.Current.Status != change.Status)
            {
                return $"No longer holds: the target is {Code(now.Assessment.Current.Status)} now, not {Code(change.Status)}.";
            }
        }

        return null;
    }

    private static string? Code(TargetStatus? status) => status is { } s ? Wire.Status.Of(s) : null;
}
