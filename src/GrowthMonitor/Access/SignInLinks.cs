using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Access;

/// <summary>
/// One-time sign-in links in PostgreSQL (<c>growthmonitor.sign_in_links</c>, the token only as its hash): a link works
/// once, until it expires.
/// </summary>
public sealed class SignInLinks(ServiceDatabase database, TimeProvider time)
{
    /// <summary>A new link's token for <paramref name="email"/>, valid for <paramref name="lifetime"/>.</summary>
    public async Task<string> CreateAsync(string email, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var (token, hash) = Tokens.New();
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO growthmonitor.sign_in_links (token_hash, email, created_at, expires_at) VALUES (@hash, @email, @now, @expires)", connection);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("email", email);
        insert.Parameters.AddWithValue("now", now.UtcDateTime);
        insert.Parameters.AddWithValue("expires", (now + lifetime).UtcDateTime);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    /// <summary>How many links were made for <paramref name="email"/> since <paramref name="since"/>: what the per-address limit counts.</summary>
    public async Task<long> CountSinceAsync(string email, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM growthmonitor.sign_in_links WHERE email = @email AND created_at >= @since", connection);
        count.Parameters.AddWithValue("email", email);
        count.Parameters.AddWithValue("since", since.UtcDateTime);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
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
