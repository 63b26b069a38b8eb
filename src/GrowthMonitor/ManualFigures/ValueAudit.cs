using System.Collections.Concurrent;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.ManualFigures;

/// <summary>One change to a figure entered by hand: who, when, and the value before and after (null: none).</summary>
public sealed record ValueChange(string Indicator, string Area, Period Period, double? Old, double? New, string Operator, DateTimeOffset At, int Vintage);

/// <summary>
/// The audit trail of figures entered by hand: in PostgreSQL (<c>growthmonitor.value_audit</c>) when configured, in
/// memory otherwise. Entries are only ever added.
/// </summary>
public sealed class ValueAudit(ServiceDatabase database)
{
    public static readonly ServiceSchema Schema = new(
        """
        CREATE TABLE IF NOT EXISTS growthmonitor.value_audit (
            id bigserial PRIMARY KEY,
            indicator text NOT NULL,
            area text NOT NULL,
            period text NOT NULL,
            old_value double precision NULL,
            new_value double precision NULL,
            operator text NOT NULL,
            at timestamptz NOT NULL,
            vintage integer NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS value_audit_indicator ON growthmonitor.value_audit (indicator, id)");

    private readonly ConcurrentQueue<ValueChange> memory = new();

    public async Task AddAsync(IReadOnlyList<ValueChange> changes, CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            foreach (var change in changes)
            {
                memory.Enqueue(change);
            }

            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var change in changes)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO growthmonitor.value_audit (indicator, area, period, old_value, new_value, operator, at, vintage)
                VALUES (@indicator, @area, @period, @old, @new, @operator, @at, @vintage)
                """, connection, transaction);
            insert.Parameters.AddWithValue("indicator", change.Indicator);
            insert.Parameters.AddWithValue("area", change.Area);
            insert.Parameters.AddWithValue("period", change.Period.ToString());
            insert.Parameters.AddWithValue("old", change.Old is { } old ? old : DBNull.Value);
            insert.Parameters.AddWithValue("new", change.New is { } value ? value : DBNull.Value);
            insert.Parameters.AddWithValue("operator", change.Operator);
            insert.Parameters.AddWithValue("at", change.At.UtcDateTime);
            insert.Parameters.AddWithValue("vintage", change.Vintage);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every change to an indicator's figures, oldest first.</summary>
    public async Task<IReadOnlyList<ValueChange>> OfAsync(string indicatorId, CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            return [.. memory.Where(c => c.Indicator == indicatorId)];
        }

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
}
