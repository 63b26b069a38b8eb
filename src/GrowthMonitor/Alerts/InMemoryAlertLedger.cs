namespace GrowthMonitor.Alerts;

/// <summary>
/// The alert ledger without PostgreSQL (tests, quick tries): the same rules in memory, so within one process nothing
/// is told twice; a restart forgets what was told and what was still to be delivered (the start-up log says so).
/// </summary>
public sealed class InMemoryAlertLedger : IAlertLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (AlertEvent Event, DateTimeOffset Recorded)> events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeliveryRecord> deliveries = new(StringComparer.Ordinal);
    private readonly HashSet<string> attempting = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<NewDelivery>> RecordAsync(IReadOnlyList<AlertEvent> candidates, Func<IReadOnlyList<AlertEvent>, IReadOnlyList<NewDelivery>> plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var fresh = candidates.Where(e => events.TryAdd(e.Id, (e, now))).ToList();
            IReadOnlyList<NewDelivery> created = fresh.Count == 0 ? [] : [.. plan(fresh).Where(d => deliveries.TryAdd(d.Id, new DeliveryRecord(
                d.Id, d.Route.Key, d.Route.Alliance, [.. d.Events.Select(e => e.Id)], DeliveryStatus.Pending, 0, now, now, null, null)))];
            return Task.FromResult(created);
        }
    }

    public Task<DateTimeOffset?> LastToldAsync(string route, string target, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var told = deliveries.Values
                .Where(d => d.Route == route && d.EventIds.Any(id => events[id].Event.Target == target))
                .Select(d => (DateTimeOffset?)d.CreatedAt);
            return Task.FromResult(told.Max());
        }
    }

    public async Task<bool> AttemptAsync(string deliveryId, DateTimeOffset now, Func<DeliveryRecord, IReadOnlyList<AlertEvent>, Task<AttemptOutcome>> attempt, CancellationToken cancellationToken)
    {
        DeliveryRecord delivery;
        IReadOnlyList<AlertEvent> told;
        lock (gate)
        {
            if (!deliveries.TryGetValue(deliveryId, out var found) || found.Status != DeliveryStatus.Pending || found.NextAttemptAt > now || !attempting.Add(deliveryId))
            {
                return false;
            }

            delivery = found;
            told = [.. found.EventIds.Select(id => events[id].Event)];
        }

        try
        {
            var outcome = await attempt(delivery, told);
            lock (gate)
            {
                deliveries[deliveryId] = delivery with
                {
                    Attempts = delivery.Attempts + 1,
                    Status = outcome.Status,
                    NextAttemptAt = outcome.NextAttemptAt,
                    LastError = outcome.Error,
                    DeliveredAt = outcome.Status == DeliveryStatus.Delivered ? now : delivery.DeliveredAt,
                };
            }

            return true;
        }
        finally
        {
            lock (gate)
            {
                attempting.Remove(deliveryId);
            }
        }
    }

    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<string> due = [.. deliveries.Values.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).Take(limit).Select(d => d.Id)];
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<AlertHistoryEntry>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<AlertHistoryEntry> recent = [.. events.Values
                .OrderByDescending(e => e.Recorded).ThenByDescending(e => e.Event.Time).ThenBy(e => e.Event.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(e => new AlertHistoryEntry(e.Event, [.. deliveries.Values.Where(d => d.EventIds.Contains(e.Event.Id)).OrderBy(d => d.CreatedAt)]))];
            return Task.FromResult(recent);
        }
    }
}
