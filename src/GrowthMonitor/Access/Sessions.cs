using GrowthMonitor.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Access;

/// <summary>A signed-in person's session, as the session cookie names it.</summary>
public sealed record Session(string Email, string? Name, bool Operator, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions in PostgreSQL (<c>growthmonitor.sessions</c>, the token only as its hash): they last
/// <c>Authentication:SessionLifetime</c> from the last request (sliding), and end at once when the person signs out.
/// </summary>
public sealed class Sessions(ServiceDatabase database, SignedInPeople signedIn, IOptions<SignInOptions> options, TimeProvider time)
{
    /// <summary>How stale a session's last-seen time may get before a request writes it again.</summary>
    private static readonly TimeSpan SlideEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session; the returned token goes into the cookie and nowhere else.</summary>
    public async Task<(string Token, Session Session)> StartAsync(string email, string? name, bool @operator, CancellationToken cancellationToken)
    {
        var (token, hash) = Tokens.New();
        var now = time.GetUtcNow();
        var session = new Session(email, name, @operator, now + options.Value.SessionLifetime);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO growthmonitor.sessions (token_hash, email, name, operator, created_at, expires_at, last_seen_at) VALUES (@hash, @email, @name, @operator, @now, @expires, @now)",
            connection);
        insert.Parameters.AddWithValue("hash", hash);
        insert.Parameters.AddWithValue("email", email);
        insert.Parameters.AddWithValue("name", (object?)name ?? DBNull.Value);
        insert.Parameters.AddWithValue("operator", @operator);
        insert.Parameters.AddWithValue("now", now.UtcDateTime);
        insert.Parameters.AddWithValue("expires", session.ExpiresAt.UtcDateTime);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return (token, session);
    }

    /// <summary>
    /// The session the token opens, slid forward, and whether this request slid it (then the cookie is set again);
    /// null when there is none or it has expired.
    /// </summary>
    public async Task<(Session Session, bool Slid)?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement: the slide's RETURNING when it wrote, else the row as it is (a CTE's SELECT sees the table
        // before the UPDATE, hence NOT EXISTS).
        await using var find = new NpgsqlCommand(
            """
            WITH slid AS (
                UPDATE growthmonitor.sessions SET last_seen_at = @now, expires_at = @expires
                WHERE token_hash = @hash AND expires_at > @now AND last_seen_at < @stale
                RETURNING email, name, operator, expires_at)
            SELECT email, name, operator, expires_at, true FROM slid
            UNION ALL
            SELECT email, name, operator, expires_at, false FROM growthmonitor.sessions
            WHERE token_hash = @hash AND expires_at > @now AND NOT EXISTS (SELECT FROM slid)
            """, connection);
        find.Parameters.AddWithValue("hash", Tokens.Hash(token));
        find.Parameters.AddWithValue("now", now.UtcDateTime);
        find.Parameters.AddWithValue("stale", (now - SlideEvery).UtcDateTime);
        find.Parameters.AddWithValue("expires", (now + options.Value.SessionLifetime).UtcDateTime);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (new Session(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), Utc(reader.GetDateTime(3))), reader.GetBoolean(4))
            : null;
    }

    public async Task EndAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM growthmonitor.sessions WHERE token_hash = @hash OR expires_at < @now", connection);
        delete.Parameters.AddWithValue("hash", Tokens.Hash(token));
        delete.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        signedIn.ForgetSession(token);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
