using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Alerts;

/// <summary>
/// What an evaluation run changed, as events: a status change (also back to on_track), a first evaluation that is
/// at_risk or off_track, a target still off_track a route's repeat interval after that route was last told, a change of
/// the early estimate's status, and a stale indicator. Ids are derived from what happened, so judging the same figures again finds nothing new. Status
/// changes right after figures were entered by hand are held (<see cref="HeldChanges"/>).
/// </summary>
public sealed class EvaluationAlerts(AlertDispatcher dispatcher, AlertLedger ledger, AlertRoutes routes, HeldChanges held, GrowthCatalog catalog) : IEvaluationFollowUp
{
    public async Task<Action> PrepareAsync(EvaluationTrigger trigger, AssessmentSnapshot previous, IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<AlertEvent> events = [];
        List<AlertEvent> holds = [];
        // One question for every route and target a reminder may be due to, not one per target and route.
        var lastTold = await ledger.LastToldAsync(
            [.. assessed
                .Where(a => StillOffTrack(StatusBefore(previous.Of(a.Target)), a.Assessment.Current))
                .SelectMany(a => RepeatRoutes(Probe(a.Target, a.Assessment.Current, now)).Select(route => (route.Key, a.Target.Id)))],
            cancellationToken);
        foreach (var (target, assessment) in assessed)
        {
            var before = previous.Of(target);
            var was = StatusBefore(before);
            var current = assessment.Current;
            var changed = HeldChanges.Tells(was, current.Status);
            if (held.Apply(trigger, target))
            {
                // Also without a change of status: the run may replace a change held for the target with its figures.
                holds.Add(Event("", AlertEventType.TargetStatusChanged, now, target, was, current, null));
            }
            else if (changed)
            {
                var id = AlertEvents.Id(target.Spec.Alliance, target.Id, "status", before.Assessment.Current.EvaluatedPeriod?.ToString(), current.EvaluatedPeriod?.ToString(), was is { } old ? Wire.Status.Of(old) : null, Wire.Status.Of(current.Status));
                events.Add(Event(id, AlertEventType.TargetStatusChanged, now, target, was, current, null));
            }

            if (StillOffTrack(was, current))
            {
                events.AddRange(Repeats(target, current, now, lastTold));
            }

            if (NowcastChanged(target, before, assessment, now) is { } estimate)
            {
                events.Add(estimate);
            }

            if (current.ReasonCode == ReasonCode.Stale)
            {
                var id = AlertEvents.Id(target.Spec.Alliance, target.Indicator.Id, "stale", current.EvaluatedPeriod?.ToString());
                events.Add(Event(id, AlertEventType.IndicatorStale, now, target, null, null, current.Reason) with { Target = null, Title = null });
            }
        }

        List<NewDelivery> deliveries = [.. await dispatcher.RecordAsync([.. events.DistinctBy(e => e.Id)], cancellationToken)];
        foreach (var found in holds)
        {
            deliveries.AddRange(await dispatcher.HoldAsync(found.Target!, heldSoFar => HeldChanges.Replace(heldSoFar, found), cancellationToken));
        }

        return () => dispatcher.Start(deliveries);
    }

    private static TargetStatus? StatusBefore(StoredAssessment before) => before.EvaluatedAt is null ? null : before.Assessment.Current.Status;

    /// <summary>Off track, as the run before found it too (a change of status is told as one, not as a reminder).</summary>
    private static bool StillOffTrack(TargetStatus? was, TargetEvaluation current) =>
        current.Status == TargetStatus.OffTrack && !HeldChanges.Tells(was, current.Status);

    private AlertEvent Probe(CatalogTarget target, TargetEvaluation current, DateTimeOffset now) =>
        Event("", AlertEventType.TargetStillOffTrack, now, target, TargetStatus.OffTrack, current, null);

    private IEnumerable<AlertRoute> RepeatRoutes(AlertEvent probe) => routes.All.Where(r => r.Takes(probe, catalog));

    /// <summary>A reminder for each route whose repeat interval has passed since it was last told of the target.</summary>
    private List<AlertEvent> Repeats(CatalogTarget target, TargetEvaluation current, DateTimeOffset now, IReadOnlyDictionary<(string Route, string Target), DateTimeOffset> lastTold)
    {
        List<AlertEvent> repeats = [];
        var probe = Probe(target, current, now);
        foreach (var route in RepeatRoutes(probe))
        {
            DateTimeOffset? last = lastTold.TryGetValue((route.Key, target.Id), out var told) ? told : null;
            if (last is null || now - last >= route.RepeatInterval)
            {
                var id = AlertEvents.Id(target.Spec.Alliance, target.Id, "still off track", route.Key, last?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                repeats.Add(probe with { Id = id, OnlyFor = route.Key });
            }
        }

        return repeats;
    }

    /// <summary>
    /// The estimate's status for its year changed since the run before (a change of band alone, or of too-close-to-call,
    /// is not one), or the year's first estimate is at_risk or off_track. Told at once: only status changes wait after
    /// figures entered by hand (<see cref="HeldChanges"/>). The id names the year, the leading quarters before and now and both
    /// statuses, so judging the same figures again, a retry or a restart tells no one twice.
    /// </summary>
    private AlertEvent? NowcastChanged(CatalogTarget target, StoredAssessment before, TargetAssessment assessment, DateTimeOffset now)
    {
        if (assessment.Nowcast is not { } estimate)
        {
            return null;
        }

        var earlier = before.EvaluatedAt is not null && before.Assessment.Nowcast is { } previous && previous.Period == estimate.Period ? previous : null;
        if (!HeldChanges.Tells(earlier?.Status, estimate.Status))
        {
            return null;
        }

        var id = AlertEvents.Id(target.Spec.Alliance, target.Id, "nowcast", estimate.Period.ToString(), earlier?.BasedOn.Period.ToString(), estimate.BasedOn.Period.ToString(),
            earlier is null ? null : Wire.Status.Of(earlier.Status), Wire.Status.Of(estimate.Status));
        return AlertEventFor.Target(id, AlertEventType.TargetNowcastChanged, now, target, catalog) with
        {
            PreviousStatus = earlier?.Status,
            Status = estimate.Status,
            Nowcast = estimate,
            LeadingIndicatorTitle = catalog.TitleOf(estimate.BasedOn.Indicator),
        };
    }

    private AlertEvent Event(string id, AlertEventType type, DateTimeOffset now, CatalogTarget target, TargetStatus? was, TargetEvaluation? current, string? detail) =>
        AlertEventFor.Target(id, type, now, target, catalog) with
        {
            PreviousStatus = was,
            Status = current?.Status,
            Evaluation = current,
            Detail = detail,
        };
}

/// <summary>An ingestion that failed for good becomes an event for every alliance with targets on the indicator.</summary>
public sealed class IngestionAlerts(AlertDispatcher dispatcher, GrowthCatalog catalog, TimeProvider time) : IIngestFailureFollowUp
{
    public async Task AfterFinalFailureAsync(string indicatorId, string reason, string jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = catalog.TargetsOn(indicatorId)
            .DistinctBy(t => t.Spec.Alliance)
            .Select(t => AlertEventFor.Target(AlertEvents.Id(t.Spec.Alliance, indicatorId, "ingestion failed", jobId), AlertEventType.IndicatorIngestionFailed, now, t, catalog) with
            {
                Target = null,
                Title = null,
                Detail = reason,
            })
            .ToList();
        dispatcher.Start(await dispatcher.RecordAsync(events, cancellationToken));
    }
}

internal static class AlertEventFor
{
    /// <summary>An event about a target (or, with Target cleared, about its indicator) with the names readers need.</summary>
    public static AlertEvent Target(string id, AlertEventType type, DateTimeOffset now, CatalogTarget target, GrowthCatalog catalog) => new(
        id,
        type,
        now,
        target.Spec.Alliance,
        catalog.FindAlliance(target.Spec.Alliance)?.Name ?? target.Spec.Alliance,
        target.Id,
        target.Title,
        target.Indicator.Id,
        target.Indicator.Title,
        target.Indicator.Unit,
        null,
        null,
        null,
        null)
    {
        IndicatorSource = target.Indicator.SourceName,
    };
}
