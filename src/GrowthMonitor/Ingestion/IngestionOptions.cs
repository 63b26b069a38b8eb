using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Hangfire;

namespace GrowthMonitor.Ingestion;

/// <summary>Configuration section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions : IValidatableObject
{
    public const string SectionName = "Ingestion";

    /// <summary>How many already fetched periods are fetched again on each run, because Statistics Denmark revises them.</summary>
    [Range(0, 100)]
    public int RevisionWindow { get; set; } = 3;

    /// <summary>
    /// Retries of a whole fetch when its data body broke mid-read (the connection dropped, no bytes came for
    /// StatBank:AttemptTimeout, or it ended inside a line) after the HTTP handler handed over a 200; never for a 5xx, a
    /// timeout or an open circuit, which the handler has retried already (docs/retries.md).
    /// </summary>
    [Range(0, 10)]
    public int StreamRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StreamRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a run waits for another run of the same indicator to finish before it is tried again later.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long Hangfire waits before each retry of a failed run (Statistics Denmark or InfluxDB unreachable, a broken
    /// body); as many retries as waits. Empty: <see cref="DefaultRetryDelays"/>. (A configured list replaces the
    /// default instead of adding to it, which a default-filled list would do.)
    /// </summary>
    [RetryDelays]
    public TimeSpan[] RetryDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>The waits in force: <see cref="RetryDelays"/>, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> Retries => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>
    /// How long Hangfire waits before each retry of a failed look for new publications; none by default, as the next
    /// look of <see cref="WatchSchedule"/> comes within minutes.
    /// </summary>
    [RetryDelays]
    public TimeSpan[] WatchRetryDelays { get; set; } = [];

    /// <summary>Queue every indicator that has never been ingested as soon as the service starts.</summary>
    public bool IngestNewIndicatorsAtStart { get; set; } = true;

    /// <summary>
    /// When to ask Statistics Denmark which catalog tables changed (one <c>/tables</c> call for them all) and ingest
    /// those at once: five-field cron in Copenhagen time, limited to <see cref="WatchFrom"/>–<see cref="WatchUntil"/>.
    /// Statistics Denmark publishes at 08:00 on weekdays. Empty turns the watch off.
    /// </summary>
    public string WatchSchedule { get; set; } = "*/5 7-12 * * 1-5";

    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan WatchFrom { get; set; } = new(7, 55, 0);

    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan WatchUntil { get; set; } = new(12, 0, 0);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WatchSchedule) && !Cronos.CronExpression.TryParse(WatchSchedule, Cronos.CronFormat.Standard, out _))
        {
            yield return new ValidationResult($"'{WatchSchedule}' is not a five-field cron expression such as \"*/5 7-12 * * 1-5\"", [nameof(WatchSchedule)]);
        }

        if (WatchUntil < WatchFrom)
        {
            yield return new ValidationResult("must not be before WatchFrom", [nameof(WatchUntil)]);
        }
    }
}
