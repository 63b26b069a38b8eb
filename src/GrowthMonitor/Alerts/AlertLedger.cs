using System.Text.Json;
using System.Text.Json.Serialization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Alerts;

[JsonConverter(typeof(DeliveryStatusJsonConverter))]
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; attempted again at its next attempt time.</summary>
    Pending,

    Delivered,

    /// <summary>Refused for good (a 4xx, an SMTP rejection) or given up after the last attempt.</summary>
    Failed,
}

public sealed class DeliveryStatusJsonConverter() : JsonStringEnumConverter<DeliveryStatus>(AlertLedger.Statuses.Policy, allowIntegerValues: false);

/// <summary>A delivery as the ledger records it: one message of some events to one route.</summary>
public sealed record DeliveryRecord(
    string Id,
    string Route,
    string Alliance,
    IReadOnlyList<string> EventIds,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);

/// <summary>A delivery the ledger took on: its stable id, where it goes and what it tells.</summary>
public sealed record NewDelivery(string Id, AlertRoute Route, IReadOnlyList<AlertEvent> Events);

/// <summary>What one attempt came to; the ledger counts the attempt and records it.</summary>
public sealed record AttemptOutcome(DeliveryStatus Status, DateTimeOffset NextAttemptAt, string? Error);

/// <summary>An event with what became of telling it.</summary>
public sealed record AlertHistoryEntry(AlertEvent Event, IReadOnlyList<DeliveryRecord> Deliveries);

/// <summary>
/// The truth about what was told, in durable storage: every event once (by its stable id) and every delivery once
/// (by its stable id), so a re-evaluation, a retried job, a restart or a second instance never tells anything twice.
/// </summary>
public interface IAlertLedger
{
    /// <summary>
    /// Stores the events not seen before and, in the same transaction, the deliveries <paramref name="plan"/> makes of
    /// them; returns the deliveries that are new. Events seen before plan nothing.
    /// </summary>
    Task<IReadOnlyList<NewDelivery>> RecordAsync(IReadOnlyList<AlertEvent> events, Func<IReadOnlyList<AlertEvent>, IReadOnlyList<NewDelivery>> plan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When <paramref name="route"/> was last given a message about <paramref name="target"/>; null if never.</summary>
    Task<DateTimeOffset?> LastToldAsync(string route, string target, CancellationToken cancellationToken);

    /// <summary>
    /// Runs one attempt of a pending delivery that is due at <paramref name="now"/>, holding it so that no other
    /// process attempts it meanwhile, and records the outcome. False when there is nothing to attempt (delivered,
    /// failed, not due yet, or being attempted elsewhere).
    /// </summary>
    Task<bool> AttemptAsync(string deliveryId, DateTimeOffset now, Func<DeliveryRecord, IReadOnlyList<AlertEvent>, Task<AttemptOutcome>> attempt, CancellationToken cancellationToken);

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The latest events, newest first, each with its deliveries.</summary>
    Task<IReadOnlyList<AlertHistoryEntry>> RecentAsync(int limit, CancellationToken cancellationToken);
}

public static class AlertLedger
{
    public static readonly WireNames<DeliveryStatus> Statuses = new(JsonNamingPolicy.SnakeCaseLower);

    /// <summary>How events are kept in the ledger: the API's JSON, so the stored form reads like the answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
