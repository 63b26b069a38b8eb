using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Alerts;

/// <summary>What raises a notification. Wire names: <c>target.status_changed</c>, <c>indicator.stale</c>, …</summary>
[JsonConverter(typeof(AlertEventTypeJsonConverter))]
public enum AlertEventType
{
    /// <summary>A target's status changed (also back to on_track), or its first evaluation is at_risk or off_track.</summary>
    TargetStatusChanged,

    /// <summary>A target is still off_track a route's repeat interval after it was last told.</summary>
    TargetStillOffTrack,

    /// <summary>An indicator has no new period although one was due.</summary>
    IndicatorStale,

    /// <summary>An indicator's ingestion failed after its retries.</summary>
    IndicatorIngestionFailed,

    /// <summary>An operator's test of a route (<c>POST /api/alerts/test</c>); never stored, never repeated.</summary>
    AlertTest,
}

public static class AlertEvents
{
    public static readonly WireNames<AlertEventType> Types = new(new DottedNamingPolicy());

    /// <summary>
    /// A stable id derived from what happened, so that the same happening, seen again by a re-evaluation, a retried job
    /// or a second instance, is the same event and is told once.
    /// </summary>
    public static string Id(params string?[] parts) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..24];

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

public sealed class AlertEventTypeJsonConverter() : JsonStringEnumConverter<AlertEventType>(AlertEvents.Types.Policy, allowIntegerValues: false);

/// <summary>
/// One happening worth telling an alliance about, with everything a message needs: who, which target or indicator,
/// the status before and now, and the evaluation with its numbers and period.
/// </summary>
public sealed record AlertEvent(
    string Id,
    AlertEventType Type,
    DateTimeOffset Time,
    string Alliance,
    string AllianceName,
    string? Target,
    string? Title,
    string? Indicator,
    string? IndicatorTitle,
    string? Unit,
    TargetStatus? PreviousStatus,
    TargetStatus? Status,
    TargetEvaluation? Evaluation,
    string? Detail)
{
    /// <summary>The one route a route-specific event (a repeat) is for; null for events every matching route takes.</summary>
    public string? OnlyFor { get; init; }

    /// <summary>
    /// Where the indicator's figures come from, as the catalog names it (<c>statbank</c> or <c>manual</c>), kept with the
    /// event so that every message about it credits the real source; null for an event without an indicator, and for
    /// events recorded before the source was kept, whose messages then name no source rather than a wrong one.
    /// </summary>
    public string? IndicatorSource { get; init; }
}
