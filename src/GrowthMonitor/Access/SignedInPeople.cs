using System.Collections.Concurrent;

namespace GrowthMonitor.Access;

/// <summary>
/// The sessions and grants of people who made a request a moment ago, so that the pages they read again and again do
/// not ask PostgreSQL twice a request who they are. An entry is kept for <see cref="KeepFor"/>; this instance forgets it
/// at once when the session ends or the person's membership changes here, and another instance's change reaches this one
/// within that time. A session is slid (written) only when it is read from PostgreSQL, which is still at least once a
/// minute for a person who keeps using it.
/// </summary>
public sealed class SignedInPeople(TimeProvider time)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);

    /// <summary>Past this many entries, adding one first drops those kept too long (every person signed in fits far below).</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> byTokenHash = new(StringComparer.Ordinal);

    /// <summary>The session and grants of the token when they were read less than <see cref="KeepFor"/> ago and the session has not expired since.</summary>
    public (Session Session, IReadOnlyList<Member> Grants)? Find(string token)
    {
        var now = time.GetUtcNow();
        return byTokenHash.TryGetValue(KeyOf(token), out var entry) && now - entry.ReadAt < KeepFor && now < entry.Session.ExpiresAt
            ? (entry.Session, entry.Grants)
            : null;
    }

    public void Keep(string token, Session session, IReadOnlyList<Member> grants)
    {
        var now = time.GetUtcNow();
        if (byTokenHash.Count >= PruneAbove)
        {
            foreach (var (hash, old) in byTokenHash)
            {
                if (now - old.ReadAt >= KeepFor)
                {
                    byTokenHash.TryRemove(hash, out _);
                }
            }
        }

        byTokenHash[KeyOf(token)] = new Entry(session, grants, now);
    }

    /// <summary>The session ended: its next request reads PostgreSQL, which no longer has it.</summary>
    public void ForgetSession(string token) => byTokenHash.TryRemove(KeyOf(token), out _);

    /// <summary>The person's grants changed: every session of theirs reads them again.</summary>
    public void ForgetPerson(string email)
    {
        foreach (var (hash, entry) in byTokenHash)
        {
            if (string.Equals(entry.Session.Email, email, StringComparison.OrdinalIgnoreCase))
            {
                byTokenHash.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Kept by the token's hash, as PostgreSQL keeps it, not the token itself.</summary>
    private static string KeyOf(string token) => Convert.ToHexString(Tokens.Hash(token));

    private sealed record Entry(Session Session, IReadOnlyList<Member> Grants, DateTimeOffset ReadAt);
}
