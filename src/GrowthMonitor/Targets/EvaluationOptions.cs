using System.ComponentModel.DataAnnotations;
using Cronos;

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule ?? "", CronFormat.Standard, out _))
        {
            yield return new ValidationResult($"'{Schedule}' is not a five-field cron expression such as \"0 10 * * *\"", [nameof(Schedule)]);
        }
    }
}
