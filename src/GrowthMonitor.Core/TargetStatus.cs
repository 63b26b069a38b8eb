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

