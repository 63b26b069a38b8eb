using System.ComponentModel.DataAnnotations;
using Cronos;
using GrowthMonitor.Hangfire;

namespace GrowthMonitor.Reminders;

/// <summary>Configuration section <c>Reminders</c>: when figures entered by hand are due, and when members are reminded.</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string SectionName = "Reminders";

    /// <summary>Days after a period ends that its figure is due, for a manual indicator without <c>dueDays</c> of its own.</summary>
    [Range(1, 365)]
    public int DueDays { get; set; } = 30;

    /// <summary>Days before the deadline that members are reminded (0: on the day itself); once more when it has passed.</summary>
    [Range(0, 90)]
    public int LeadDays { get; set; } = 7;

    /// <summary>
    /// When the reminders are looked for: five-field cron in Copenhagen time. A reminder goes out on the first run of its
    /// day; a later run that day sends only what is new, and retries what could not be sent.
    /// </summary>
    public string Schedule { get; set; } = "0 8 * * *";

    /// <summary>
    /// How long Hangfire waits before each retry of a run that failed (PostgreSQL unreachable, the mail server away for a
    /// while); as many retries as waits. Empty: <see cref="DefaultRetryDelays"/>. What was sent is never sent again.
    /// </summary>
    [RetryDelays]
    public TimeSpan[] RetryDelays { get; set; } = [];

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>The waits in force: <see cref="RetryDelays"/>, or the defaults.</summary>
    public IReadOnlyList<TimeSpan> Retries => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CronExpression.TryParse(Schedule ?? "", CronFormat.Standard, out _))
        {
            yield return new ValidationResult($"'{Schedule}' is not a five-field cron expression such as \"0 8 * * *\"", [nameof(Schedule)]);
        }
    }
}
