using System.ComponentModel.DataAnnotations;
using Cronos;
using GrowthMonitor.Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>Configuration section <c>Evaluation</c>.</summary>
public sealed class EvaluationOptions : IValidatableObject
{
    public const string SectionName = "Evaluation";

    /// <summary>
    /// When every target is judged again even without new data (staleness changes with time alone): five-field cron in
    /// Copenhagen time.
    /// </summary>
    public string Schedule { get; set; } = "0 10 * * *";

    /// <summary>Queue an evaluation at start when the catalog changed since the last run (or there never was one).</summary>
    public bool EvaluateChangedCatalogAtStart { get; set; } = true;

    /// <summary>How often an instance looks for evaluation runs of other instances sharing its InfluxDB.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long Hangfire waits before each retry of a failed run (InfluxDB or PostgreSQL unreachable, a target that
    /// could not be judged, another run busy for ten minutes); as many retries as waits. Empty:
    /// <see cref="DefaultRetryDelays"/>. (A configured list replaces the default instead of adding to it.)
    /// </summary>
    [RetryDelays]
    public TimeSpan[] RetryDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>The waits in force: <see cref="RetryDelays"/>, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> Retries => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule ?? "", CronFormat.Standard, out _))
        {
            yield return new ValidationResult($"'{Schedule}' is not a five-field cron expression such as \"0 10 * * *\"", [nameof(Schedule)]);
        }
    }
}
