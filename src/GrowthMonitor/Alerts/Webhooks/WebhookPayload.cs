using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;

namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// The body of a <c>json</c> webhook, documented by <c>docs/webhooks/alert.schema.json</c>. One message to one
/// recipient is one request with one <c>webhook-id</c>. The body is the Standard Webhooks object of the message's first
/// event (<c>type</c>, <c>timestamp</c>, <c>data</c>, and its stable <c>id</c>), as a receiver that handles one event per
/// request expects, and lists every event of the message, the first included, in <c>events</c>.
/// </summary>
public sealed record WebhookPayload(AlertEventType Type, DateTimeOffset Timestamp, string Id, WebhookEventData Data, IReadOnlyList<WebhookEvent> Events)
{
    public static WebhookPayload From(AlertMessage message, AlertLinkBuilder links)
    {
        IReadOnlyList<WebhookEvent> events = message.Events.Count > 0
            ? [.. message.Events.Select(e => WebhookEvent.From(e, links.For(e)))]
            : throw new ArgumentException("A message without events is never sent.", nameof(message));
        var first = events[0];
        return new(first.Type, first.Timestamp, first.Id, first.Data, events);
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, WebhookJson.Options);
}

/// <summary>One event: the per-event object, with the stable id a receiver can deduplicate on.</summary>
public sealed record WebhookEvent(string Id, AlertEventType Type, DateTimeOffset Timestamp, WebhookEventData Data)
{
    public static WebhookEvent From(AlertEvent alertEvent, AlertLinks links) =>
        new(alertEvent.Id, alertEvent.Type, alertEvent.Time.ToUniversalTime(), new WebhookEventData(alertEvent, links));
}

/// <summary>
/// What happened, with the API's names and codes. Every property is always present, null where it does not apply
/// (an indicator event has no target, a first evaluation no previous status). A view of the event in the order of the
/// documented schema, so that the event's own record may change without changing what receivers get.
/// </summary>
public sealed class WebhookEventData(AlertEvent alertEvent, AlertLinks links)
{
    public string Alliance => alertEvent.Alliance;

    public string AllianceName => alertEvent.AllianceName;

    public string? Target => alertEvent.Target;

    public string? Title => alertEvent.Title;

    public string? Indicator => alertEvent.Indicator;

    public string? IndicatorTitle => alertEvent.IndicatorTitle;

    public string? Unit => alertEvent.Unit;

    public TargetStatus? PreviousStatus => alertEvent.PreviousStatus;

    public TargetStatus? Status => alertEvent.Status;

    public Period? Period => alertEvent.Evaluation?.EvaluatedPeriod;

    public double? Actual => alertEvent.Evaluation?.Actual;

    public double? Expected => alertEvent.Evaluation?.Expected;

    public double? Progress => alertEvent.Evaluation?.Progress;

    public WebhookProjection? Projection =>
        alertEvent.Evaluation?.Projection is { } projection ? new WebhookProjection(projection.ProjectedAtEnd, projection.At, projection.ReachedIn) : null;

    public string? Reason => alertEvent.Evaluation?.Reason;

    public ReasonCode? ReasonCode => alertEvent.Evaluation?.ReasonCode;

    public string? Detail => alertEvent.Detail;

    /// <summary>The early estimate a <c>target.nowcast_changed</c> tells of, as <c>GET /api/targets/{id}</c> has it; null for other events.</summary>
    public WebhookNowcast? Nowcast => alertEvent.Nowcast is { } estimate ? WebhookNowcast.From(estimate) : null;

    public AlertLinks Links => links;
}

/// <summary>The trend's value at <see cref="Period"/> (the end period's like period) and where it reaches the goal, if it does.</summary>
public sealed record WebhookProjection(double Value, Period Period, Period? ReachedIn);

/// <summary>
/// An early estimate with the API's names; like every property of the payload, each is present, null where it does not
/// apply (no band: low, high, statusLow and statusHigh).
/// </summary>
public sealed record WebhookNowcast(
    Period Period,
    double Value,
    double? Low,
    double? High,
    NowcastBasis BasedOn,
    TargetStatus Status,
    TargetStatus? StatusLow,
    TargetStatus? StatusHigh,
    int PastErrors,
    bool TooCloseToCall)
{
    public static WebhookNowcast From(Nowcast estimate) => new(
        estimate.Period, estimate.Value, estimate.Low, estimate.High, estimate.BasedOn, estimate.Status, estimate.StatusLow, estimate.StatusHigh,
        estimate.PastErrors, estimate.TooCloseToCall);
}

/// <summary>How every webhook body is written: the API's JSON conventions, compact, with Danish letters as they are.</summary>
internal static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Still escapes <, >, & and quotes; leaves æ, ø, å readable for people who look at a receiver's log.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
