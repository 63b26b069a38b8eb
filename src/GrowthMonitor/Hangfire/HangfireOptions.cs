using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Hangfire;

/// <summary>Configuration section <c>Hangfire</c>.</summary>
public sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>How often scheduled jobs (a delivery's next attempt, say) are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a job claimed by a process that died stays invisible before another worker takes it
    /// up (a live worker renews its claim every fifth of this).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often an idle worker looks for queued jobs that no notification announced (a queued job wakes a worker at
    /// once): a job whose process died, after its invisibility timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
