using GrowthMonitor.Access;
using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Ingestion;
using Hangfire;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Reminders;

/// <summary>
/// Reminds members of the figures they may enter (contributors of the targets' focus areas, the alliance's admins):
/// once when the deadline is <c>Reminders:LeadDays</c> away, once when it has passed, never once the figure is in.
/// One e-mail per person lists everything they have due. Each (person, indicator, area, period, kind) is told once
/// through the alert ledger (<see cref="AlertLedger.TellOnceAsync"/>), so a rerun, a restart or a second instance sends
/// nothing twice; a message the mail server could not take now is left untold and the run fails, for Hangfire to retry.
/// </summary>
public sealed partial class ReminderJob(
    DueFigures due,
    Members members,
    GrowthCatalog catalog,
    AlertLedger ledger,
    ReminderMail mail,
    TimeProvider time,
    ILogger<ReminderJob> logger)
{
    public const string RecurringId = "reminders:due-figures";

    /// <summary>How the ledger names a member as a route: by address, across alliances (one message per person).</summary>
    public static string RouteOf(string email) => "reminder:" + Members.Normalize(email);

    /// <summary>The ledger's id of one thing told: a figure's reminder of one kind to one person.</summary>
    public static string ItemOf(string email, DueFigure figure, bool overdue) =>
        AlertEvents.Id("reminder", overdue ? "overdue" : "due-soon", Members.Normalize(email), figure.IndicatorId, figure.Area, figure.Period.ToString());

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [JobDisplayName("Remind members of figures due")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!mail.Enabled)
        {
            LogMailOff();
            return;
        }

        var today = DueFigures.Today(time);
        var missing = await due.MissingAsync(today, cancellationToken);
        if (missing.Count == 0)
        {
            return;
        }

        var alliances = missing.SelectMany(f => f.TargetIds).Select(id => catalog.FindTarget(id)?.Spec.Alliance).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        var people = new Dictionary<string, (string Name, List<Grant> Grants)>(StringComparer.Ordinal);
        foreach (var alliance in alliances)
        {
            foreach (var member in await members.OfAllianceAsync(alliance, cancellationToken))
            {
                var person = people.TryGetValue(member.Email, out var known) ? known : people[member.Email] = (member.Name, []);
                person.Grants.Add(member.Grant);
            }
        }

        var unsent = 0;
        foreach (var (email, person) in people)
        {
            var mine = due.Of(new Actor(ActorKind.Person, person.Name, email, IsOperator: false, person.Grants), missing);
            if (mine.Count == 0)
            {
                continue;
            }

            var content = mail.ContentOf(person.Name, mine, today);
            var told = await ledger.TellOnceAsync(
                RouteOf(email),
                string.Join(",", person.Grants.Select(g => g.Alliance).Distinct()),
                [.. mine.Select(f => ItemOf(email, f, f.IsOverdue(today)))],
                (deliveryId, _) => mail.SendAsync(deliveryId, email, content, time.GetUtcNow(), cancellationToken),
                time.GetUtcNow(),
                cancellationToken);
            switch (told)
            {
                case null:
                    break;
                case { Outcome.Status: DeliveryStatus.Delivered } sent:
                    LogSent(sent.DeliveryId, mine.Count, sent.Told.Count);
                    break;
                case { Outcome.Status: DeliveryStatus.Pending } later:
                    unsent++;
                    LogNotYet(later.DeliveryId, later.Outcome.Error ?? "");
                    break;
                case var failed:
                    LogFailed(failed.Value.DeliveryId, failed.Value.Outcome.Error ?? "");
                    break;
            }
        }

        if (unsent > 0)
        {
            throw new InvalidOperationException($"{unsent} reminder(s) could not be sent now; the run is retried, and what was sent is not sent again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Delivery} sent, listing {Due} figure(s) due, {New} of them new")]
    private partial void LogSent(string delivery, int due, int @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Delivery} could not be sent now; tried again with the run: {Reason}")]
    private partial void LogNotYet(string delivery, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Delivery} refused for good, not sent again: {Reason}")]
    private partial void LogFailed(string delivery, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No reminders sent: e-mail is off (set Smtp:Host and Smtp:From)")]
    private partial void LogMailOff();
}

/// <summary>The reminders' daily run, in Copenhagen time (<c>Reminders:Schedule</c>).</summary>
public sealed class ReminderSchedule(IRecurringJobManager recurringJobs, IOptions<ReminderOptions> options) : IJobSchedule
{
    public Task ScheduleAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ReminderJob>(ReminderJob.RecurringId, job => job.RunAsync(CancellationToken.None), options.Value.Schedule, new RecurringJobOptions { TimeZone = IngestSchedule.Copenhagen });
        return Task.CompletedTask;
    }
}
