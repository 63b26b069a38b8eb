using System.Collections.Concurrent;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.ManualFigures;

/// <summary>One change to a figure entered by hand: who, when, and the value before and after (null: none).</summary>
public sealed record ValueChange(string Indicator, string Area, Period Period, double? Old, double? New, string Operator, DateTimeOffset At, int Vintage);

/// <summary>
/// The audit trail of figures entered by hand, in PostgreSQL (<c>growthmonitor.value_audit</c>). Entries are only
/// ever added. What is read is kept for <see cref="KeepFor"/>, as every signed-in page asks what is due: this
/// instance's own writes (<see cref="Written"/>) are seen at once, another instance's within that time.
/// </summary>
public sealed class ValueAudit(ServiceDatabase database, TimeProvider time)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Kept> kept = new(StringComparer.Ordinal);
    private long writes;

    /// <summary>Figures entered here were committed: nothing read before is answered again.</summary>
    public void Written() => Interlocked.Increment(ref writes);

    /// <summary>Adds the entries in the caller's transaction, in one statement, however many figures an upload changed.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ValueChange> changes, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO growthmonitor.value_audit (indicator, area, period, old_value, new_value, operator, at, vintage)
            SELECT * FROM unnest(@indicator, @area, @period, @old, @new, @operator, @at, @vintage)
            """, connection, transaction);
        insert.Parameters.AddWithValue("indicator", changes.Select(c => c.Indicator).ToArray());
        insert.Parameters.AddWithValue("area", changes.Select(c => c.Area).ToArray());
        insert.Parameters.AddWithValue("period", changes.Select(c => c.Period.ToString()).ToArray());
        insert.Parameters.AddWithValue("old", changes.Select(c => c.Old).ToArray());
        insert.Parameters.AddWithValue("new", changes.Select(c => c.New).ToArray());
        insert.Parameters.AddWithValue("operator", changes.Select(c => c.Operator).ToArray());
        insert.Parameters.AddWithValue("at", changes.Select(c => c.At.UtcDateTime).ToArray());
        insert.Parameters.AddWithValue("vintage", changes.Select(c => c.Vintage).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The figures of these indicators that are in now, as (indicator, area, period), in one query however many: each
    /// figure's latest entry, unless that withdrew it. Every figure entered by hand has its entry, committed with it
    /// (<see cref="ManualFigureWriter"/>), so this answers without reading InfluxDB indicator by indicator.
    /// </summary>
    public Task<IReadOnlySet<(string Indicator, string Area, Period Period)>> EnteredAsync(IReadOnlyCollection<string> indicatorIds, CancellationToken cancellationToken) =>
        KeptAsync($"entered:{string.Join(',', indicatorIds.Order(StringComparer.Ordinal))}", () => ReadEnteredAsync(indicatorIds, cancellationToken));

    /// <summary>Every change to an indicator's figures, oldest first.</summary>
    public Task<IReadOnlyList<ValueChange>> OfAsync(string indicatorId, CancellationToken cancellationToken) =>
        KeptAsync($"changes:{indicatorId}", () => ReadChangesAsync(indicatorId, cancellationToken));

    /// <summary>
    /// What was read less than <see cref="KeepFor"/> ago with no write of this instance since it began, else read now;
    /// a read that began before a write never answers after it.
    /// </summary>
    private async Task<T> KeptAsync<T>(string key, Func<Task<T>> read)
        where T : class
    {
        var generation = Interlocked.Read(ref writes);
        var now = time.GetUtcNow();
        if (kept.TryGetValue(key, out var entry) && entry.Generation == generation && now - entry.ReadAt < KeepFor)
        {
            return (T)entry.Value;
        }

        var value = await read();
        kept[key] = new Kept(generation, now, value);
        return value;
    }

    private async Task<IReadOnlySet<(string Indicator, string Area, Period Period)>> ReadEnteredAsync(IReadOnlyCollection<string> indicatorIds, CancellationToken cancellationToken)
    {
        HashSet<(string, string, Period)> entered = [];
        if (indicatorIds.Count == 0)
        {
            return entered;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT indicator, area, period FROM (
                SELECT DISTINCT ON (indicator, area, period) indicator, area, period, new_value FROM growthmonitor.value_audit
                WHERE indicator = ANY (@indicators) ORDER BY indicator, area, period, id DESC) latest
            WHERE new_value IS NOT NULL
            """,
            connection);
        query.Parameters.AddWithValue("indicators", indicatorIds.ToArray());
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entered.Add((reader.GetString(0), reader.GetString(1), Period.Parse(reader.GetString(2))));
        }

        return entered;
    }

    private async Task<IReadOnlyList<ValueChange>> ReadChangesAsync(string indicatorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT area, period, old_value, new_value, operator, at, vintage FROM growthmonitor.value_audit WHERE indicator = @indicator ORDER BY id",
            connection);
        query.Parameters.AddWithValue("indicator", indicatorId);
        List<ValueChange> changes = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new ValueChange(
                indicatorId,
                reader.GetString(0),
                Period.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetString(4),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)),
                reader.GetInt32(6)));
        }

        return changes;
    }

    private sealed record Kept(long Generation, DateTimeOffset ReadAt, object Value);
}
