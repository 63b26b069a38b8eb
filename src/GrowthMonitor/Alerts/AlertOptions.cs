using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Hangfire;

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

    /// <summary>
    /// How long a status change found right after figures were entered by hand waits before it is told, and is then
    /// told only if it still holds: a person correcting figures causes one message, not one per correction. A later
    /// change of the same target within the wait replaces the held one and waits anew. Zero tells at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan GroupWait { get; set; } = TimeSpan.FromMinutes(10);

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
