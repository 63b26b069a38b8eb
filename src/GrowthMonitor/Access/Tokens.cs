using System.Security.Cryptography;
using System.Text;

namespace GrowthMonitor.Access;

/// <summary>
/// Secrets handed to people and machines (sign-in links, sessions, machine keys): 32 random bytes, written URL-safe,
/// and kept only as their SHA-256 hash. Their entropy makes a plain hash enough: nothing can be guessed from it.
/// </summary>
public static class Tokens
{
    public static (string Token, byte[] Hash) New(string prefix = "")
    {
        var token = prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
