using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.ManualFigures;

/// <summary>One change to a figure entered by hand: who, when, and the value before and after (null: none).</summary>
public sealed record ValueChange(string Indicator, string Area, Period Period, double? Old, double? New, string Operator, DateTimeOffset At, int Vintage);

/// <summary>
/// The audit trail of figures entered by hand, in PostgreSQL (<c>growthmonitor.value_audit</c>). Entries are only
/// ever added.
/// </summary>
public sealed class ValueAudit(ServiceDatabase database)
{
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
    public async Task<IReadOnlySet<(string Indicator, string Area, Period Period)>> EnteredAsync(IReadOnlyCollection<string> indicatorIds, CancellationToken cancellationToken)
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

    /// <summary>Every change to an indicator's figures, oldest first.</summary>
    public async Task<IReadOnlyList<ValueChange>> OfAsync(string indicatorId, CancellationToken cancellationToken)
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
}
