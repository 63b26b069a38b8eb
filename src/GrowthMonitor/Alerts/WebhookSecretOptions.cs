namespace GrowthMonitor.Alerts;

/// <summary>Configuration section <c>Webhooks</c>: <c>Webhooks:{id}:Secret</c> for each JSON webhook of the catalog.</summary>
public sealed class WebhookSecretOptions
{
    public const string SectionName = "Webhooks";

    public const string SecretPrefix = "whsec_";

    /// <summary>The Standard Webhooks secret, <c>whsec_</c> followed by base64 of 24 to 64 random bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>The configuration key of a webhook's secret, <c>Webhooks:{id}:Secret</c>.</summary>
    public static string SecretKey(string webhookId) => $"{SectionName}:{webhookId}:{nameof(Secret)}";

    /// <summary>The key bytes of a well-formed secret; null otherwise.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 24 and <= 64 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
