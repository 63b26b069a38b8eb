using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Security;

/// <summary>Configuration section <c>RateLimiting</c>: requests per client per fixed window.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests one client may make per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
}
