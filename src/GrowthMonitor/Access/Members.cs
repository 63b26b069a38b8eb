using System.Text.Json;
using GrowthMonitor.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GrowthMonitor.Access;

/// <summary>A person's role in one alliance.</summary>
public sealed record Member(string Alliance, string Email, string Name, MemberRole Role, IReadOnlyList<string> FocusAreas)
{
    public Grant Grant => new(Alliance, Role, FocusAreas);
}

/// <summary>
/// The members of each alliance in PostgreSQL (<c>growthmonitor.members</c>): a person is known by their e-mail
/// address (compared case-insensitively), and every change is written to <c>access_changes</c> with who made it, in
/// the same transaction.
/// </summary>
public sealed class Members(ServiceDatabase database, SignedInPeople signedIn, TimeProvider time)
{
    private const string Columns = "alliance, email, name, role, focus_areas";

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A plausible e-mail address: one @, something on both sides, a dot in the domain, no spaces.</summary>
    public static bool IsAddress(string email) => email.Trim() is var trimmed && trimmed.Length <= 254 && MimeKit.MailboxAddress.TryParse(trimmed, out var parsed)
        && parsed.Address == trimmed && trimmed.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && trimmed.IndexOf('.', at) > at + 1;

    public async Task<IReadOnlyList<Member>> OfAllianceAsync(string alliance, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {Columns} FROM growthmonitor.members WHERE alliance = @value ORDER BY name, email", alliance, cancellationToken);

    /// <summary>Every alliance the person is a member of, one grant each.</summary>
    public async Task<IReadOnlyList<Member>> OfPersonAsync(string email, CancellationToken cancellationToken) =>
        await ReadAsync($"SELECT {Columns} FROM growthmonitor.members WHERE email = @value ORDER BY alliance", Normalize(email), cancellationToken);

    /// <summary>Adds a member; false when the address is a member of the alliance already.</summary>
    public async Task<bool> AddAsync(Member member, string actor, CancellationToken cancellationToken)
    {
        member = member with { Email = Normalize(member.Email) };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = Command(connection, transaction,
            $"INSERT INTO growthmonitor.members ({Columns}, created_at, updated_at) VALUES (@alliance, @email, @name, @role, @focusAreas, @now, @now) ON CONFLICT DO NOTHING",
            member);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await RecordAsync(connection, transaction, member.Alliance, $"member:{member.Email}", actor, null, member, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signedIn.ForgetPerson(member.Email);
        return true;
    }

    /// <summary>Changes a member's name, role and focus areas; the member before, or null when there was none.</summary>
    public async Task<Member?> UpdateAsync(Member member, string actor, CancellationToken cancellationToken)
    {
        member = member with { Email = Normalize(member.Email) };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, member.Alliance, member.Email, cancellationToken);
        if (before is null)
        {
            return null;
        }

        await using var update = Command(connection, transaction,
            "UPDATE growthmonitor.members SET name = @name, role = @role, focus_areas = @focusAreas, updated_at = @now WHERE alliance = @alliance AND email = @email",
            member);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await RecordAsync(connection, transaction, member.Alliance, $"member:{member.Email}", actor, before, member, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signedIn.ForgetPerson(member.Email);
        return before;
    }

    /// <summary>Removes a member; the member removed, or null when there was none.</summary>
    public async Task<Member?> RemoveAsync(string alliance, string email, string actor, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, alliance, email, cancellationToken);
        if (before is null)
        {
            return null;
        }

        await using var delete = new NpgsqlCommand("DELETE FROM growthmonitor.members WHERE alliance = @alliance AND email = @email", connection, transaction);
        delete.Parameters.AddWithValue("alliance", alliance);
        delete.Parameters.AddWithValue("email", email);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await RecordAsync(connection, transaction, alliance, $"member:{email}", actor, before, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signedIn.ForgetPerson(email);
        return before;
    }

    /// <summary>Writes one change to <c>access_changes</c>: the entry before and after, as JSON (null: none).</summary>
    internal async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string alliance, string subject, string actor, object? before, object? after, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO growthmonitor.access_changes (alliance, subject, actor, at, before, after) VALUES (@alliance, @subject, @actor, @at, @before, @after)",
            connection, transaction);
        insert.Parameters.AddWithValue("alliance", alliance);
        insert.Parameters.AddWithValue("subject", subject);
        insert.Parameters.AddWithValue("actor", actor);
        insert.Parameters.AddWithValue("at", time.GetUtcNow().UtcDateTime);
        insert.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Jsonb) { Value = before is null ? DBNull.Value : JsonSerializer.Serialize(before, AccessJson.Options) });
        insert.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Jsonb) { Value = after is null ? DBNull.Value : JsonSerializer.Serialize(after, AccessJson.Options) });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Member member)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("alliance", member.Alliance);
        command.Parameters.AddWithValue("email", member.Email);
        command.Parameters.AddWithValue("name", member.Name);
        command.Parameters.AddWithValue("role", MemberRoles.Names.Of(member.Role));
        command.Parameters.AddWithValue("focusAreas", member.FocusAreas.ToArray());
        command.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        return command;
    }

    private static async Task<Member?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string alliance, string email, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand($"SELECT {Columns} FROM growthmonitor.members WHERE alliance = @alliance AND email = @email FOR UPDATE", connection, transaction);
        query.Parameters.AddWithValue("alliance", alliance);
        query.Parameters.AddWithValue("email", email);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private async Task<IReadOnlyList<Member>> ReadAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("value", value);
        List<Member> members = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(Read(reader));
        }

        return members;
    }

    private static Member Read(NpgsqlDataReader reader)
    {
        MemberRoles.Names.TryParse(reader.GetString(3), out var role);
        return new Member(reader.GetString(0), reader.GetString(1), reader.GetString(2), role, reader.GetFieldValue<string[]>(4));
    }
}

/// <summary>How members and keys are written into the history of changes: the API's JSON.</summary>
public static class AccessJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
