using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Targets;

/// <summary>
/// A follow-up note on a target: what was done and why, for a period, as a collaboration group presents it. Notes are
/// kept with their time, author and the operator key that entered them, and never overwritten.
/// </summary>
public sealed record TargetNote(long Id, string Target, Period Period, string Text, string Author, string EnteredBy, DateTimeOffset At);

/// <summary>Notes in PostgreSQL (<c>growthmonitor.target_notes</c>).</summary>
public sealed class TargetNotes(ServiceDatabase database)
{
    public async Task<TargetNote> AddAsync(string target, Period period, string text, string author, string enteredBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO growthmonitor.target_notes (target, period, text, author, entered_by, at) VALUES (@target, @period, @text, @author, @enteredBy, @at) RETURNING id",
            connection);
        insert.Parameters.AddWithValue("target", target);
        insert.Parameters.AddWithValue("period", period.ToString());
        insert.Parameters.AddWithValue("text", text);
        insert.Parameters.AddWithValue("author", author);
        insert.Parameters.AddWithValue("enteredBy", enteredBy);
        insert.Parameters.AddWithValue("at", at.UtcDateTime);
        return new TargetNote((long)(await insert.ExecuteScalarAsync(cancellationToken))!, target, period, text, author, enteredBy, at);
    }

    /// <summary>The id of the latest note of any target (0 when there is none): it changes with every note.</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM growthmonitor.target_notes", connection);
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The notes on the given targets (all targets when null), oldest first.</summary>
    public async Task<IReadOnlyList<TargetNote>> OfAsync(IReadOnlyCollection<string>? targets, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT id, target, period, text, author, entered_by, at FROM growthmonitor.target_notes WHERE @all OR target = ANY (@targets) ORDER BY id",
            connection);
        query.Parameters.AddWithValue("all", targets is null);
        query.Parameters.AddWithValue("targets", (targets ?? []).ToArray());
        List<TargetNote> notes = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(new TargetNote(
                reader.GetInt64(0), reader.GetString(1), Period.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc))));
        }

        return notes;
    }
}
