using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Health;

/// <summary>Configuration section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long a check's result is reused; 0 probes on every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(3);
}
