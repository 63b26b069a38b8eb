using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>
/// The one spelling of each value of an enum wherever it leaves the process (catalog, API, InfluxDB, alerts), derived
/// from the member name by one naming policy and parsed back by name, never by position.
/// </summary>
public sealed class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> names;
    private readonly Dictionary<string, TEnum> values;

    public WireNames(JsonNamingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        names = Enum.GetValues<TEnum>().ToDictionary(v => v, v => policy.ConvertName(v.ToString()));
        values = names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);
    }

    public JsonNamingPolicy Policy { get; }

    /// <summary>Every wire name in declaration order, for messages such as "kind must be one of …".</summary>
    public IReadOnlyCollection<string> All => names.Values;

    public string Of(TEnum value) => names.TryGetValue(value, out var name)
        ? name
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");

    public bool TryParse([NotNullWhen(true)] string? name, out TEnum value) =>
        values.TryGetValue(name ?? "", out value);
}

/// <summary>The wire names of Core's enums.</summary>
public static class Wire
{
    public static readonly WireNames<TargetStatus> Status = new(JsonNamingPolicy.SnakeCaseLower);

    public static readonly WireNames<ReasonCode> Reason = new(JsonNamingPolicy.SnakeCaseLower);

    public static readonly WireNames<TargetKind> Kind = new(JsonNamingPolicy.KebabCaseLower);

    public static readonly WireNames<Direction> Direction = new(JsonNamingPolicy.KebabCaseLower);

    public static readonly WireNames<Frequency> Frequency = new(JsonNamingPolicy.KebabCaseLower);

    public static readonly WireNames<GoalPace> Pace = new(JsonNamingPolicy.KebabCaseLower);

    public static readonly WireNames<Aggregation> Aggregation = new(JsonNamingPolicy.KebabCaseLower);
}

public sealed class TargetStatusJsonConverter() : JsonStringEnumConverter<TargetStatus>(Wire.Status.Policy, allowIntegerValues: false);

public sealed class ReasonCodeJsonConverter() : JsonStringEnumConverter<ReasonCode>(Wire.Reason.Policy, allowIntegerValues: false);

public sealed class TargetKindJsonConverter() : JsonStringEnumConverter<TargetKind>(Wire.Kind.Policy, allowIntegerValues: false);

public sealed class DirectionJsonConverter() : JsonStringEnumConverter<Direction>(Wire.Direction.Policy, allowIntegerValues: false);

public sealed class GoalPaceJsonConverter() : JsonStringEnumConverter<GoalPace>(Wire.Pace.Policy, allowIntegerValues: false);

public sealed class FrequencyJsonConverter() : JsonStringEnumConverter<Frequency>(Wire.Frequency.Policy, allowIntegerValues: false);
