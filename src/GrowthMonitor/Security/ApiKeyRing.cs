using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>
/// The configured operator keys, held only as SHA-256 hashes. A presented key is hashed and compared with every
/// configured hash in constant time, so neither the answer nor its timing says how close a guess came or which
/// key matched. Keys are never logged; the audit trail records the matching key's name.
/// </summary>
public sealed class ApiKeyRing
{
    // Separate purposes, so that a dashboard cookie, which holds a hash, is no key for the API.
    private const string KeyPurpose = "growthmonitor api key\n";
    private const string DashboardPurpose = "growthmonitor dashboard cookie\n";

    private readonly IReadOnlyList<Entry> entries;

    public ApiKeyRing(IOptions<SecurityOptions> options) =>
        entries = [.. options.Value.ConfiguredKeys().Select(k => new Entry(new OperatorIdentity(k.Name), Hash(KeyPurpose, k.Key), Hash(DashboardPurpose, k.Key)))];

    public bool IsEmpty => entries.Count == 0;

    /// <summary>Whose key this is, or null when it is no configured key.</summary>
    public OperatorIdentity? FindByKey(string presented) => Find(Hash(KeyPurpose, presented), e => e.KeyHash);

    /// <summary>The dashboard cookie's value for a key: its hash, so the browser never holds the key itself.</summary>
    public static string DashboardToken(string key) => Convert.ToHexString(Hash(DashboardPurpose, key));

    /// <summary>Whose dashboard cookie this is, or null when it belongs to no configured key.</summary>
    public OperatorIdentity? FindByDashboardToken(string token)
    {
        var bytes = new byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(token, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length
            ? Find(bytes, e => e.DashboardHash)
            : null;
    }

    private OperatorIdentity? Find(byte[] presented, Func<Entry, byte[]> hashOf)
    {
        OperatorIdentity? found = null;
        // Every entry is compared, so the time taken does not depend on where (or whether) the key is found.
        foreach (var entry in entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hashOf(entry), presented))
            {
                found = entry.Identity;
            }
        }

        return found;
    }

    private static byte[] Hash(string purpose, string key) => SHA256.HashData(Encoding.UTF8.GetBytes(purpose + key));

    private sealed record Entry(OperatorIdentity Identity, byte[] KeyHash, byte[] DashboardHash);
}
