using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Access;

/// <summary>A named key an alliance's admin made for a machine (an intranet, a spreadsheet macro), with a role like a member's.</summary>
public sealed record MachineKey(string Alliance, string Name, MemberRole Role, IReadOnlyList<string> FocusAreas, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public Grant Grant => new(Alliance, Role, FocusAreas);
}

/// <summary>
/// Machine keys in PostgreSQL (<c>growthmonitor.machine_keys</c>, the key only as its hash): shown once when made,
/// refused at once when revoked; every creation and revocation is written to <c>access_changes</c>.
/// </summary>
public sealed class MachineKeys(ServiceDatabase database, Members members, TimeProvider time)
{
    /// <summary>Every key starts so, so that a leaked one is recognised for what it is.</summary>
    public const string Prefix = "gmk_";

    private const string Columns = "alliance, name, role, focus_areas, created_by, created_at, last_used_at";

    /// <summary>How stale a key's last-use time may get before a request writes it again.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Makes a key; its secret is returned here and never again. Null when a live key of that name exists.</summary>
    public async Task<(string Secret, MachineKey Key)?> CreateAsync(string alliance, string name, MemberRole role, IReadOnlyList<string> focusAreas, string actor, CancellationToken cancellationToken)
    {
        var (secret, hash) = Tokens.New(Prefix);
        var key = new MachineKey(alliance, name, role, focusAreas, actor, time.GetUtcNow(), null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO growthmonitor.machine_keys (alliance, name, role, focus_areas, key_hash, created_by, created_at)
            VALUES (@alliance, @name, @role, @focusAreas, @hash, @actor, @now)
            ON CONFLICT (alliance, name) WHERE revoked_at IS NULL DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("alliance", alliance);
        insert.Parameters.AddWithValue("name", name);
        insert.Parameters.AddWithValue("role", MemberRoles.Names.Of(role));
        insert.Parameters.AddWithValue("focusAreas", focusAreas.ToArray());
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("actor", actor);
        insert.Parameters.AddWithValue("now", key.CreatedAt.UtcDateTime);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return null;
        }

        await members.RecordAsync(connection, transaction, alliance, $"key:{name}", actor, null, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (secret, key);
    }

    /// <summary>The alliance's live keys, by name.</summary>
    public async Task<IReadOnlyList<MachineKey>> OfAllianceAsync(string alliance, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"SELECT {Columns} FROM growthmonitor.machine_keys WHERE alliance = @alliance AND revoked_at IS NULL ORDER BY name", connection);
        query.Parameters.AddWithValue("alliance", alliance);
        List<MachineKey> keys = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    /// <summary>Revokes a key at once; the key revoked, or null when there was no live key of that name.</summary>
    public async Task<MachineKey?> RevokeAsync(string alliance, string name, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var revoke = new NpgsqlCommand(
            $"UPDATE growthmonitor.machine_keys SET revoked_at = @now WHERE alliance = @alliance AND name = @name AND revoked_at IS NULL RETURNING {Columns}",
            connection, transaction);
        revoke.Parameters.AddWithValue("alliance", alliance);
        revoke.Parameters.AddWithValue("name", name);
        revoke.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        MachineKey? revoked;
        await using (var reader = await revoke.ExecuteReaderAsync(cancellationToken))
        {
            revoked = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (revoked is not null)
        {
            await members.RecordAsync(connection, transaction, alliance, $"key:{name}", actor, revoked, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return revoked;
    }

    /// <summary>The live key a secret is, noting its use; null when it is none (or revoked).</summary>
    public async Task<MachineKey?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        // A macro may send a request a second: the last-use time is written at most once a minute, and the key read
        // beside it may show the time before this touch.
        await using var touch = new NpgsqlCommand(
            $"""
            WITH touched AS (
                UPDATE growthmonitor.machine_keys SET last_used_at = @now
                WHERE key_hash = @hash AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < @stale))
            SELECT {Columns} FROM growthmonitor.machine_keys WHERE key_hash = @hash AND revoked_at IS NULL
            """, connection);
        touch.Parameters.AddWithValue("hash", Tokens.Hash(secret));
        touch.Parameters.AddWithValue("now", now.UtcDateTime);
        touch.Parameters.AddWithValue("stale", (now - TouchEvery).UtcDateTime);
        await using var reader = await touch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static MachineKey Read(NpgsqlDataReader reader)
    {
        MemberRoles.Names.TryParse(reader.GetString(2), out var role);
        return new MachineKey(
            reader.GetString(0), reader.GetString(1), role, reader.GetFieldValue<string[]>(3), reader.GetString(4),
            Utc(reader.GetDateTime(5)), reader.IsDBNull(6) ? null : Utc(reader.GetDateTime(6)));
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
