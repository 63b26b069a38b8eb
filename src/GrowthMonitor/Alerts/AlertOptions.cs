using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using GrowthMonitor.Hangfire;
using MailKit.Security;

namespace GrowthMonitor.Alerts;

/// <summary>Configuration section <c>Alerts</c>.</summary>
public sealed class AlertOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>Links to Grafana in messages, e.g. <c>https://grafana.example.dk/d/growthmonitor-overview</c>; none when empty.</summary>
    public Uri? DashboardUrl { get; set; }

    /// <summary>How long a target may stay off_track before its routes are told again, unless a route says otherwise.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Base of the exponential backoff between delivery attempts (a receiver's Retry-After wins when longer).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery that keeps failing transiently is given up as failed (about two days by default).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 60;

    /// <summary>One attempt to reach a webhook or the SMTP server.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long Hangfire waits before it runs a delivery job again that failed outside a delivery attempt (the ledger
    /// in PostgreSQL unreachable); as many retries as waits. A receiver that fails is the ledger's to retry
    /// (<see cref="RetryDelay"/>, <see cref="MaxAttempts"/>), never Hangfire's. Empty: <see cref="DefaultJobRetryDelays"/>.
    /// </summary>
    [RetryDelays]
    public TimeSpan[] JobRetryDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultJobRetryDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>The waits in force: <see cref="JobRetryDelays"/>, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> DeliveryJobRetries => JobRetryDelays.Length > 0 ? JobRetryDelays : DefaultJobRetryDelays;

    /// <summary>
    /// How long Hangfire waits before each retry of a failed sweep of due deliveries; none by default, as the sweep
    /// runs every minute.
    /// </summary>
    [RetryDelays]
    public TimeSpan[] SweepRetryDelays { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DashboardUrl is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult($"must be an absolute http(s) URL, not '{DashboardUrl}'", [nameof(DashboardUrl)]);
        }
    }
}

/// <summary>
/// Configuration section <c>Smtp</c>. Without <see cref="Host"/>, e-mail is off (and the start-up log says so).
/// </summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>GrowthMonitor &lt;vaekst@horsens.dk&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>MailKit's names: StartTls (default), SslOnConnect, Auto, StartTlsWhenAvailable, or None for a local relay.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    [MemberNotNullWhen(true, nameof(Host))]
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!MimeKit.MailboxAddress.TryParse(From ?? "", out _))
        {
            yield return new ValidationResult("is required with Smtp:Host: the sender's address, e.g. \"GrowthMonitor <vaekst@kommune.dk>\"", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password must be given together", [nameof(Username), nameof(Password)]);
        }
    }
}

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
