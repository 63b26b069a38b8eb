using System.Text.Json;
using System.Text.Json.Serialization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GrowthMonitor.Alerts;

[JsonConverter(typeof(DeliveryStatusJsonConverter))]
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; attempted again at its next attempt time.</summary>
    Pending,

    Delivered,

    /// <summary>Refused for good (a 4xx, an SMTP rejection) or given up after the last attempt.</summary>
    Failed,

    /// <summary>Held after figures were entered by hand, and not sent: replaced by a later change, or no longer true when its wait ended.</summary>
    Withdrawn,
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
    string? LastError,
    DateTimeOffset? HeldUntil);

/// <summary>A delivery the ledger took on: its stable id, where it goes and what it tells.</summary>
public sealed record NewDelivery(string Id, AlertRoute Route, IReadOnlyList<AlertEvent> Events)
{
    /// <summary>When a held delivery's first attempt is due (<see cref="AlertLedger.HoldAsync"/>); null when due at once.</summary>
    public DateTimeOffset? HeldUntil { get; init; }
}

/// <summary>What one attempt came to; the ledger counts the attempt and records it.</summary>
public sealed record AttemptOutcome(DeliveryStatus Status, DateTimeOffset NextAttemptAt, string? Error);

/// <summary>An event with what became of telling it.</summary>
public sealed record AlertHistoryEntry(AlertEvent Event, IReadOnlyList<DeliveryRecord> Deliveries);

/// <summary>
/// The truth about what was told, in durable storage: every event once (by its stable id) and every delivery once
/// (by its stable id), so a re-evaluation, a retried job, a restart or a second instance never tells anything twice.
/// Kept in PostgreSQL: tables <c>growthmonitor.alert_events</c> and <c>growthmonitor.alert_deliveries</c>.
/// </summary>
public sealed class AlertLedger(ServiceDatabase database)
{
    public static readonly WireNames<DeliveryStatus> Statuses = new(JsonNamingPolicy.SnakeCaseLower);

    /// <summary>How events are kept in the ledger: the API's JSON, so the stored form reads like the answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string DeliveryColumns = "id, route, alliance, event_ids, status, attempts, created_at, next_attempt_at, delivered_at, last_error, held_until";

    /// <summary>
    /// Stores the events not seen before and, in the same transaction, the deliveries <paramref name="plan"/> makes of
    /// them; returns the deliveries that are new. Events seen before plan nothing.
    /// </summary>
    public async Task<IReadOnlyList<NewDelivery>> RecordAsync(IReadOnlyList<AlertEvent> events, Func<IReadOnlyList<AlertEvent>, IReadOnlyList<NewDelivery>> plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await RecordAsync(connection, transaction, events, plan, now, heldUntil: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>
    /// Holds a change of <paramref name="target"/> until <paramref name="heldUntil"/>: the change that is held for the
    /// target and not attempted yet (null if none) is given to <paramref name="replace"/>, and the event it returns is
    /// recorded with deliveries whose first attempt is due at <paramref name="heldUntil"/>, in place of the held one's,
    /// which are withdrawn. Nothing changes when it returns null or the held event itself. The held deliveries stay
    /// locked meanwhile: an attempt that is sending one is waited for, and then it is no longer held.
    /// </summary>
    public async Task<IReadOnlyList<NewDelivery>> HoldAsync(
        string target, Func<AlertEvent?, AlertEvent?> replace, Func<IReadOnlyList<AlertEvent>, IReadOnlyList<NewDelivery>> plan, DateTimeOffset now, DateTimeOffset heldUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<(string Delivery, string Event)> held = [];
        await using (var query = Command(connection, transaction,
            """
            SELECT d.id, d.event_ids[1] FROM growthmonitor.alert_deliveries d
            WHERE d.held_until IS NOT NULL AND d.status = @pending AND d.attempts = 0
              AND EXISTS (SELECT 1 FROM growthmonitor.alert_events e WHERE e.id = ANY (d.event_ids) AND e.target = @target)
            ORDER BY d.created_at DESC
            FOR UPDATE OF d
            """,
            ("pending", AlertLedger.Statuses.Of(DeliveryStatus.Pending)), ("target", target)))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                held.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var heldEvent = held.Count == 0 ? null : (await EventsAsync(connection, transaction, [held[0].Event], cancellationToken))[0];
        if (replace(heldEvent) is not { } replacement || replacement.Id == heldEvent?.Id)
        {
            return [];
        }

        await using (var withdraw = Command(connection, transaction,
            "UPDATE growthmonitor.alert_deliveries SET status = @withdrawn, last_error = @why WHERE id = ANY (@ids)",
            ("withdrawn", AlertLedger.Statuses.Of(DeliveryStatus.Withdrawn)), ("why", $"Replaced by {replacement.Id}, a later change within Alerts:GroupWait."),
            ("ids", held.Select(h => h.Delivery).ToArray())))
        {
            await withdraw.ExecuteNonQueryAsync(cancellationToken);
        }

        var created = await RecordAsync(connection, transaction, [replacement], plan, now, heldUntil, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    private static async Task<IReadOnlyList<NewDelivery>> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AlertEvent> events, Func<IReadOnlyList<AlertEvent>, IReadOnlyList<NewDelivery>> plan, DateTimeOffset now, DateTimeOffset? heldUntil, CancellationToken cancellationToken)
    {
        // One statement for every event; of two with the same id the first is stored, as one at a time would.
        HashSet<string> inserted = new(StringComparer.Ordinal);
        await using (var insert = Command(connection, transaction,
            """
            INSERT INTO growthmonitor.alert_events (id, type, alliance, target, indicator, occurred_at, recorded_at, body)
            SELECT id, type, alliance, target, indicator, occurred, @recorded, body
            FROM unnest(@ids, @types, @alliances, @targets, @indicators, @occurred, @bodies) WITH ORDINALITY
                AS e (id, type, alliance, target, indicator, occurred, body, n)
            ORDER BY n
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """,
            ("ids", events.Select(e => e.Id).ToArray()), ("types", events.Select(e => AlertWire.Events.Of(e.Type)).ToArray()),
            ("alliances", events.Select(e => e.Alliance).ToArray()), ("targets", events.Select(e => e.Target).ToArray()),
            ("indicators", events.Select(e => e.Indicator).ToArray()), ("occurred", events.Select(e => e.Time.UtcDateTime).ToArray()), ("recorded", now.UtcDateTime)))
        {
            insert.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = events.Select(e => JsonSerializer.Serialize(e, AlertLedger.Json)).ToArray() });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        List<AlertEvent> fresh = [.. events.Where(e => inserted.Remove(e.Id))];

        List<NewDelivery> created = [];
        foreach (var delivery in fresh.Count == 0 ? [] : plan(fresh))
        {
            await using var insert = Command(connection, transaction,
                """
                INSERT INTO growthmonitor.alert_deliveries (id, route, alliance, event_ids, status, created_at, next_attempt_at, held_until)
                VALUES (@id, @route, @alliance, @events, @status, @now, @due, @held)
                ON CONFLICT (id) DO NOTHING
                """,
                ("id", delivery.Id), ("route", delivery.Route.Key), ("alliance", delivery.Route.Alliance),
                ("events", delivery.Events.Select(e => e.Id).ToArray()), ("status", AlertLedger.Statuses.Of(DeliveryStatus.Pending)), ("now", now.UtcDateTime),
                ("due", (heldUntil ?? now).UtcDateTime), ("held", heldUntil?.UtcDateTime));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                created.Add(delivery with { HeldUntil = heldUntil });
            }
        }

        return created;
    }

    /// <summary>
    /// Tells each of <paramref name="items"/> to <paramref name="route"/> once, ever: for messages about things that are
    /// not alert events (a reminder's due figures, by stable ids) to routes outside the catalog's (a member). The items
    /// the route was told before (delivered, failed for good) are left out; the rest are sent as one delivery by
    /// <paramref name="send"/>, with the route locked meanwhile, so that another instance or a second run waits and then
    /// finds them told. A delivery that may succeed later (<see cref="DeliveryStatus.Pending"/>) is not recorded: the
    /// items stay untold for the caller's next attempt. Returns the new delivery's id and outcome; null when every item
    /// was told before.
    /// </summary>
    public async Task<(string DeliveryId, IReadOnlyList<string> Told, AttemptOutcome Outcome)?> TellOnceAsync(
        string route, string alliance, IReadOnlyList<string> items, Func<string, IReadOnlyList<string>, Task<AttemptOutcome>> send, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockRoute = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('growthmonitor:tell-once:' || @route))", ("route", route)))
        {
            await lockRoute.ExecuteNonQueryAsync(cancellationToken);
        }

        HashSet<string> told = new(StringComparer.Ordinal);
        await using (var query = Command(connection, transaction,
            "SELECT DISTINCT unnest(event_ids) FROM growthmonitor.alert_deliveries WHERE route = @route AND event_ids && @items AND status <> @withdrawn",
            ("route", route), ("items", items.ToArray()), ("withdrawn", AlertLedger.Statuses.Of(DeliveryStatus.Withdrawn))))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                told.Add(reader.GetString(0));
            }
        }

        List<string> fresh = [.. items.Where(i => !told.Contains(i)).Distinct().Order(StringComparer.Ordinal)];
        if (fresh.Count == 0)
        {
            return null;
        }

        var deliveryId = "msg_" + AlertEvents.Id([route, .. fresh])["evt_".Length..];
        var outcome = await send(deliveryId, fresh);
        if (outcome.Status == DeliveryStatus.Pending)
        {
            return (deliveryId, [], outcome);
        }

        await using (var insert = Command(connection, transaction,
            """
            INSERT INTO growthmonitor.alert_deliveries (id, route, alliance, event_ids, status, attempts, created_at, next_attempt_at, delivered_at, last_error)
            VALUES (@id, @route, @alliance, @items, @status, 1, @now, @now, CASE WHEN @status = @delivered THEN @now END, @error)
            ON CONFLICT (id) DO NOTHING
            """,
            ("id", deliveryId), ("route", route), ("alliance", alliance), ("items", fresh.ToArray()), ("status", AlertLedger.Statuses.Of(outcome.Status)),
            ("now", now.UtcDateTime), ("delivered", AlertLedger.Statuses.Of(DeliveryStatus.Delivered)), ("error", outcome.Error)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (deliveryId, fresh, outcome);
    }

    /// <summary>
    /// When each route of <paramref name="pairs"/> was last given (or is to be given) a message about its target, in one
    /// query; a pair never told is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Route, string Target), DateTimeOffset>> LastToldAsync(IReadOnlyCollection<(string Route, string Target)> pairs, CancellationToken cancellationToken)
    {
        var told = new Dictionary<(string Route, string Target), DateTimeOffset>();
        if (pairs.Count == 0)
        {
            return told;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = Command(connection, null,
            """
            SELECT d.route, e.target, max(d.created_at) FROM unnest(@routes, @targets) AS p (route, target)
            JOIN growthmonitor.alert_events e ON e.target = p.target
            JOIN growthmonitor.alert_deliveries d ON e.id = ANY (d.event_ids) AND d.route = p.route
            WHERE d.status <> @withdrawn
            GROUP BY d.route, e.target
            """,
            ("routes", pairs.Select(p => p.Route).ToArray()), ("targets", pairs.Select(p => p.Target).ToArray()),
            ("withdrawn", AlertLedger.Statuses.Of(DeliveryStatus.Withdrawn)));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            told[(reader.GetString(0), reader.GetString(1))] = Utc(reader.GetDateTime(2));
        }

        return told;
    }

    /// <summary>
    /// Runs one attempt of a pending delivery that is due at <paramref name="now"/>, holding it so that no other
    /// process attempts it meanwhile, and records the outcome. False when there is nothing to attempt (delivered,
    /// failed, not due yet, or being attempted elsewhere).
    /// </summary>
    public async Task<bool> AttemptAsync(string deliveryId, DateTimeOffset now, Func<DeliveryRecord, IReadOnlyList<AlertEvent>, Task<AttemptOutcome>> attempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DeliveryRecord? delivery;
        // The row lock is held while the message is sent: another process skips it, and a crash releases it.
        await using (var claim = Command(connection, transaction,
            $"""
            SELECT {DeliveryColumns} FROM growthmonitor.alert_deliveries
            WHERE id = @id AND status = @pending AND next_attempt_at <= @now
            FOR UPDATE SKIP LOCKED
            """,
            ("id", deliveryId), ("pending", AlertLedger.Statuses.Of(DeliveryStatus.Pending)), ("now", now.UtcDateTime)))
        {
            delivery = (await ReadDeliveriesAsync(claim, cancellationToken)).SingleOrDefault();
        }

        if (delivery is null)
        {
            return false;
        }

        var outcome = await attempt(delivery, await EventsAsync(connection, transaction, delivery.EventIds, cancellationToken));
        await using (var record = Command(connection, transaction,
            """
            UPDATE growthmonitor.alert_deliveries
            SET attempts = attempts + 1, status = @status, next_attempt_at = @next, last_error = @error,
                delivered_at = CASE WHEN @status = @delivered THEN @now ELSE delivered_at END
            WHERE id = @id
            """,
            ("id", deliveryId), ("status", AlertLedger.Statuses.Of(outcome.Status)), ("next", outcome.NextAttemptAt.UtcDateTime),
            ("error", outcome.Error), ("delivered", AlertLedger.Statuses.Of(DeliveryStatus.Delivered)), ("now", now.UtcDateTime)))
        {
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = Command(connection, null,
            "SELECT id FROM growthmonitor.alert_deliveries WHERE status = @pending AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit",
            ("pending", AlertLedger.Statuses.Of(DeliveryStatus.Pending)), ("now", now.UtcDateTime), ("limit", limit));
        List<string> due = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    /// <summary>The latest events, newest first, each with its deliveries.</summary>
    public async Task<IReadOnlyList<AlertHistoryEntry>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        List<AlertEvent> events = [];
        await using (var query = Command(connection, null, "SELECT body FROM growthmonitor.alert_events ORDER BY recorded_at DESC, occurred_at DESC, id LIMIT @limit", ("limit", limit)))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(JsonSerializer.Deserialize<AlertEvent>(reader.GetString(0), AlertLedger.Json)!);
            }
        }

        await using var deliveries = Command(connection, null,
            $"SELECT {DeliveryColumns} FROM growthmonitor.alert_deliveries WHERE event_ids && @ids ORDER BY created_at",
            ("ids", events.Select(e => e.Id).ToArray()));
        var told = await ReadDeliveriesAsync(deliveries, cancellationToken);
        return [.. events.Select(e => new AlertHistoryEntry(e, [.. told.Where(d => d.EventIds.Contains(e.Id))]))];
    }

    private static async Task<IReadOnlyList<AlertEvent>> EventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var query = Command(connection, transaction, "SELECT id, body FROM growthmonitor.alert_events WHERE id = ANY (@ids)", ("ids", ids.ToArray()));
        var events = new Dictionary<string, AlertEvent>(StringComparer.Ordinal);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events[reader.GetString(0)] = JsonSerializer.Deserialize<AlertEvent>(reader.GetString(1), AlertLedger.Json)!;
        }

        return [.. ids.Select(id => events[id])];
    }

    private static async Task<List<DeliveryRecord>> ReadDeliveriesAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        List<DeliveryRecord> deliveries = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new DeliveryRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                AlertLedger.Statuses.TryParse(reader.GetString(4), out var status) ? status : DeliveryStatus.Failed,
                reader.GetInt32(5),
                Utc(reader.GetDateTime(6)),
                Utc(reader.GetDateTime(7)),
                reader.IsDBNull(8) ? null : Utc(reader.GetDateTime(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : Utc(reader.GetDateTime(10))));
        }

        return deliveries;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
