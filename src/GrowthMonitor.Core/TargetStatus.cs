using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

[JsonConverter(typeof(TargetStatusJsonConverter))]
public enum TargetStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
}

/// <summary>The snake_case names (on_track, at_risk, off_track, no_data) used in JSON, InfluxDB tags and alerts.</summary>
public static class TargetStatusWire
{
    // The JSON converter uses the same policy, so the two spellings cannot drift apart.
    internal static readonly JsonNamingPolicy Naming = JsonNamingPolicy.SnakeCaseLower;

    public static string ToWireString(this TargetStatus status) => Naming.ConvertName(status.ToString());

    public static bool TryParse(string? text, out TargetStatus status)
    {
        foreach (var candidate in Enum.GetValues<TargetStatus>())
        {
            if (candidate.ToWireString() == text)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

public sealed class TargetStatusJsonConverter()
    : JsonStringEnumConverter<TargetStatus>(TargetStatusWire.Naming, allowIntegerValues: false);
