using GrowthMonitor.Catalog;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Alerts;

/// <summary>
/// Everything one recipient is told at once: all new events of one evaluation run (or one failed ingestion) that
/// its route takes. <see cref="DeliveryId"/> is stable across retries and restarts; it becomes the e-mail's
/// Message-Id and the webhook's <c>webhook-id</c>, so a resend after a crash is recognisable as the same message.
/// </summary>
public sealed record AlertMessage(string DeliveryId, string AllianceName, IReadOnlyList<AlertEvent> Events, DateTimeOffset CreatedAt)
{
    /// <summary>Who the figures are credited to: the service's <see cref="SourceCredit"/> (the demo's says they are invented).</summary>
    public SourceCredit Credit { get; init; } = SourceCredit.Real;
}

/// <summary>A person told by e-mail.</summary>
public sealed record EmailRecipient(string Name, string Email);

/// <summary>A webhook of an alliance's own systems; the signing secret comes from configuration <c>Webhooks:{id}:Secret</c>.</summary>
public sealed record WebhookTarget(string Id, Uri Url, WebhookFormat Format);

/// <summary>Sends one alert message by e-mail. Failures throw <see cref="DeliveryFailedException"/>.</summary>
public interface IEmailSender
{
    /// <summary>False when e-mail is off (no <c>Smtp:Host</c>).</summary>
    bool Enabled { get; }

    Task SendAsync(EmailRecipient recipient, AlertMessage message, CancellationToken cancellationToken);
}

/// <summary>Posts one alert message to a webhook. Failures throw <see cref="DeliveryFailedException"/>.</summary>
public interface IWebhookSender
{
    Task SendAsync(WebhookTarget webhook, AlertMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A delivery attempt failed. Transient failures (5xx, 408, 429, timeouts, refused connections, SMTP 4xx) are retried
/// with backoff, no sooner than <see cref="RetryAfter"/> when the receiver said so; permanent ones (other 4xx, SMTP 5xx
/// rejections) are recorded as failed and never retried.
/// </summary>
public sealed class DeliveryFailedException(string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Links a message offers (<see cref="AlertLinkBuilder"/>): the alliance's annual report (HTML), the target in the API
/// (for programs), the dashboard, the target's page for people (its section of the report) and the front page.
/// </summary>
public sealed record AlertLinks(Uri? Report, Uri? Target, Uri? Dashboard, Uri? TargetPage, Uri? FrontPage);
