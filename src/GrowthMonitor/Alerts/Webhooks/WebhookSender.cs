using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using GrowthMonitor.Catalog;

namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// Posts one alert message to one webhook, once: retries are the delivery jobs' business, so every failure is thrown
/// as a <see cref="DeliveryFailedException"/> that says whether trying again can help. <c>json</c> webhooks are signed by
/// the Standard Webhooks specification; Slack and Teams URLs are secrets themselves and are never logged or put in a
/// failure message.
/// </summary>
public sealed partial class WebhookSender(
    HttpClient http,
    IConfiguration configuration,
    AlertLinkBuilder links,
    TimeProvider time,
    ILogger<WebhookSender> logger) : IWebhookSender
{
    /// <summary>How much of a refusing receiver's body a failure message quotes (Slack says e.g. "invalid_payload").</summary>
    private const int QuotedBodyLength = 200;

    public async Task SendAsync(WebhookTarget webhook, AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(message);

        var body = webhook.Format switch
        {
            WebhookFormat.Slack => SlackMessage.Serialize(ChatMessage.From(message, links)),
            WebhookFormat.Teams => TeamsMessage.Serialize(ChatMessage.From(message, links)),
            _ => WebhookPayload.From(message, links).ToUtf8Json(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (webhook.Format == WebhookFormat.Json)
        {
            Sign(request, webhook, message.DeliveryId, body);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await Post(request, webhook, cancellationToken);
        var status = (int)response.StatusCode;
        LogAnswered(webhook.Id, message.DeliveryId, status, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (status is >= 200 and <= 299)
        {
            return;
        }

        var answer = $"Webhook '{webhook.Id}' answered {status} {response.ReasonPhrase}".TrimEnd();
        throw status switch
        {
            >= 300 and <= 399 => new DeliveryFailedException($"{answer}: redirects are not followed; configure the URL the webhook ends at.", transient: false),
            >= 500 or 408 or 429 => new DeliveryFailedException($"{answer}.", transient: true, RetryAfter(response.Headers.RetryAfter)),
            _ => new DeliveryFailedException(answer + await Quote(response, cancellationToken), transient: false),
        };
    }

    /// <summary>
    /// The Standard Webhooks signature: HMAC-SHA256 with the secret's key bytes over <c>{id}.{timestamp}.{body}</c>,
    /// sent as <c>v1,</c> and the base64 of the hash.
    /// </summary>
    private static string Signature(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signed = [.. Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.")), .. body];
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    private void Sign(HttpRequestMessage request, WebhookTarget webhook, string deliveryId, byte[] body)
    {
        var secretKey = WebhookSecretOptions.SecretKey(webhook.Id);
        var key = WebhookSecretOptions.KeyOf(configuration[secretKey])
            ?? throw new DeliveryFailedException(
                $"Webhook '{webhook.Id}' has no valid signing secret: set {secretKey} to {WebhookSecretOptions.SecretPrefix} followed by the base64 of 24 to 64 random bytes.",
                transient: false);

        // The id stays the same on every attempt of a delivery, so receivers can drop a resend; the timestamp is the
        // attempt's, so they can refuse a replayed old request.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", deliveryId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature(key, deliveryId, timestamp, body));
    }

    private async Task<HttpResponseMessage> Post(HttpRequestMessage request, WebhookTarget webhook, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"Webhook '{webhook.Id}' did not answer within {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", transient: true, inner: e);
        }
        catch (HttpRequestException e)
        {
            // The message names at most host and port (e.g. "Connection refused (hooks.slack.com:443)"), never the path.
            throw new DeliveryFailedException($"Webhook '{webhook.Id}' could not be reached: {e.Message}", transient: true, inner: e);
        }
    }

    /// <summary>Retry-After in seconds or as an HTTP date; a date already past means "now".</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? retryAfter) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > time.GetUtcNow() ? date - time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// The start of the receiver's explanation, read no further than that and for no longer than an attempt may take
    /// (the client's timeout ends with the response's headers).
    /// </summary>
    private async Task<string> Quote(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(http.Timeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(attempt.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[QuotedBodyLength];
            var read = await reader.ReadBlockAsync(buffer, attempt.Token);
            var text = string.Join(' ', new string(buffer, 0, read).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length == 0 ? "." : $": {text}{(read == QuotedBodyLength ? " …" : "")}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ".";
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {WebhookId} answered {StatusCode} to delivery {DeliveryId} in {Milliseconds} ms")]
    private partial void LogAnswered(string webhookId, string deliveryId, int statusCode, long milliseconds);
}
