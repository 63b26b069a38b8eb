using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;

namespace GrowthMonitor.Alerts;

public static class AlertEvents
{
    /// <summary>
    /// A stable id derived from what happened, so that the same happening, seen again by a re-evaluation, a retried job
    /// or a second instance, is the same event and is told once.
    /// </summary>
    public static string Id(params string?[] parts) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))))[..24];
}

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

    /// <summary>The early estimate a <see cref="AlertEventType.TargetNowcastChanged"/> tells of; null for every other event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Nowcast? Nowcast { get; init; }

    /// <summary>The title of the indicator the estimate grows by, as the catalog named it when the event happened.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LeadingIndicatorTitle { get; init; }

    /// <summary>The year the event's figures are for: the estimate's, or the evaluated period's; null for an indicator event.</summary>
    [JsonIgnore]
    public int? Year => Nowcast?.Period.Year ?? Evaluation?.EvaluatedPeriod?.Year;
}
