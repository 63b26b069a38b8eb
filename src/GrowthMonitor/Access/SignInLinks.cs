using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Access;

/// <summary>
/// One-time sign-in links in PostgreSQL (<c>growthmonitor.sign_in_links</c>, the token only as its hash): a link works
/// once, until it expires.
/// </summary>
public sealed class SignInLinks(ServiceDatabase database, TimeProvider time)
{
    /// <summary>
    /// A new link's token for <paramref name="email"/>, valid for <paramref name="lifetime"/>; null when the address has
    /// had <paramref name="perHour"/> links in the last hour. Counting and adding hold a lock on the address, so that
    /// requests at the same moment cannot both slip under the limit.
    /// </summary>
    public async Task<string?> CreateAsync(string email, TimeSpan lifetime, int? perHour, CancellationToken cancellationToken)
    {
        var (token, hash) = Tokens.New();
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(hashtext('growthmonitor:sign-in-links:' || @email));
            INSERT INTO growthmonitor.sign_in_links (token_hash, email, created_at, expires_at)
            SELECT @hash, @email, @now, @expires
            WHERE @limit IS NULL OR (SELECT count(*) FROM growthmonitor.sign_in_links WHERE email = @email AND created_at >= @hourAgo) < @limit;
            """, connection, transaction);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("email", email);
        insert.Parameters.AddWithValue("now", now.UtcDateTime);
        insert.Parameters.AddWithValue("expires", (now + lifetime).UtcDateTime);
        insert.Parameters.AddWithValue("hourAgo", (now - TimeSpan.FromHours(1)).UtcDateTime);
        insert.Parameters.Add(new NpgsqlParameter<int?>("limit", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = perHour });
        var added = await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added == 1 ? token : null;
    }

    /// <summary>Uses the link: its e-mail address, once; null when it is unknown, used or expired.</summary>
    public async Task<string?> UseAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var use = new NpgsqlCommand(
            "UPDATE growthmonitor.sign_in_links SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now RETURNING email", connection);
        use.Parameters.AddWithValue("hash", Tokens.Hash(token));
        use.Parameters.AddWithValue("now", now.UtcDateTime);
        return await use.ExecuteScalarAsync(cancellationToken) as string;
    }
}
