using System.Text.Json;
using System.Text.Json.Serialization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Catalog;

/// <summary>
/// The words of the catalog's alert routes, with the one spelling of each (Core's <see cref="WireNames{TEnum}"/>): the
/// events a route takes (<c>events</c>) and the format of a webhook (<c>format</c>). The catalog checks them when it
/// loads; the alerts, the ledger and the webhook payload use the same names.
/// </summary>
public static class AlertWire
{
    public static readonly WireNames<AlertEventType> Events = new(new DottedNamingPolicy());

    public static readonly WireNames<WebhookFormat> WebhookFormats = new(JsonNamingPolicy.KebabCaseLower);

    /// <summary>"TargetStatusChanged" → "target.status_changed": the subject, a dot, then what happened in snake_case.</summary>
    private sealed class DottedNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name)
        {
            var split = 1;
            while (split < name.Length && !char.IsUpper(name[split]))
            {
                split++;
            }

            return SnakeCaseLower.ConvertName(name[..split]) + "." + SnakeCaseLower.ConvertName(name[split..]);
        }
    }
}

/// <summary>What raises a notification. Wire names: <c>target.status_changed</c>, <c>target.nowcast_changed</c>, <c>indicator.stale</c>, …</summary>
[JsonConverter(typeof(AlertEventTypeJsonConverter))]
public enum AlertEventType
{
    /// <summary>A target's status changed (also back to on_track), or its first evaluation is at_risk or off_track.</summary>
    TargetStatusChanged,

    /// <summary>A target is still off_track a route's repeat interval after it was last told.</summary>
    TargetStillOffTrack,

    /// <summary>
    /// The status of a target's early estimate for the year not yet published changed (in <c>status</c> only), or the
    /// year's first estimate is at_risk or off_track.
    /// </summary>
    TargetNowcastChanged,

    /// <summary>An indicator has no new period although one was due.</summary>
    IndicatorStale,

    /// <summary>An indicator's ingestion failed after its retries.</summary>
    IndicatorIngestionFailed,

    /// <summary>An operator's test of a route (<c>POST /api/alerts/test</c>); never stored, never repeated.</summary>
    AlertTest,
}

public sealed class AlertEventTypeJsonConverter() : JsonStringEnumConverter<AlertEventType>(AlertWire.Events.Policy, allowIntegerValues: false);

[JsonConverter(typeof(WebhookFormatJsonConverter))]
public enum WebhookFormat
{
    /// <summary>GrowthMonitor's own JSON payload, signed by the Standard Webhooks specification.</summary>
    Json,

    /// <summary>A Slack incoming-webhook message.</summary>
    Slack,

    /// <summary>A Microsoft Teams incoming-webhook message.</summary>
    Teams,
}

public sealed class WebhookFormatJsonConverter() : JsonStringEnumConverter<WebhookFormat>(AlertWire.WebhookFormats.Policy, allowIntegerValues: false);
