using GrowthMonitor.Alerts;
using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Mail;
using GrowthMonitor.Presentation;
using MimeKit;

namespace GrowthMonitor.Reminders;

/// <summary>One due figure as a reminder lists it: what, where, the Danish wording of the deadline, and the form to enter it in.</summary>
public sealed record ReminderLine(string Indicator, string Area, string Description, Uri? Link);

/// <summary>A heading ("Fristen er overskredet", "Snart frist") and its lines.</summary>
public sealed record ReminderGroup(string Heading, IReadOnlyList<ReminderLine> Lines);

/// <summary>What a reminder says, independent of HTML or plain text, so the two parts cannot tell different stories.</summary>
public sealed record ReminderContent(string Subject, string Greeting, string Intro, IReadOnlyList<ReminderGroup> Groups, string Closing);

/// <summary>
/// The Danish reminder e-mail to one member, listing everything they have due, each with a link straight to the period
/// on the target's page (<c>PublicBaseUrl</c> + <see cref="SitePaths.TargetOf"/> + <c>#</c> +
/// <see cref="SitePaths.PeriodAnchor"/>); sent through <see cref="SmtpMailer"/>.
/// </summary>
public sealed class ReminderMail(SmtpMailer mailer, GrowthCatalog catalog, AlertLinkBuilder links)
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public bool Enabled => mailer.Enabled;

    public ReminderContent ContentOf(string name, IReadOnlyList<DueFigure> due, DateOnly today)
    {
        var overdue = due.Where(f => f.IsOverdue(today)).ToList();
        var soon = due.Where(f => !f.IsOverdue(today)).ToList();
        var subject = overdue.Count > 0
            ? $"Fristen er overskredet: {Count(due.Count)} mangler i GrowthMonitor"
            : $"Påmindelse: {Count(due.Count)} skal indtastes i GrowthMonitor senest {DueFigures.DateText(soon.Min(f => f.Deadline))}";
        List<ReminderGroup> groups = [];
        if (overdue.Count > 0)
        {
            groups.Add(new ReminderGroup("Fristen er overskredet", [.. overdue.Select(f => Line(f, today))]));
        }

        if (soon.Count > 0)
        {
            groups.Add(new ReminderGroup("Snart frist", [.. soon.Select(f => Line(f, today))]));
        }

        return new ReminderContent(
            subject,
            name is { Length: > 0 } ? $"Hej {name}" : "Hej",
            "Du kan indtaste disse tal i GrowthMonitor, og de er endnu ikke indtastet:",
            groups,
            "Når tallet er indtastet, får du ikke flere påmindelser om det. Er det indtastet af en anden, kan du se bort fra denne e-mail.");
    }

    /// <summary>Sends the reminder; a failure says whether trying again later can help (the ledger records the rest).</summary>
    public async Task<AttemptOutcome> SendAsync(string deliveryId, string email, ReminderContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var html = await ComponentHtml.RenderAsync<ReminderEmail>(ComponentHtml.Parameter(nameof(ReminderEmail.Content), content));
        var message = new MimeMessage
        {
            Subject = content.Subject,
            Date = now,
            MessageId = AlertEmail.MessageIdOf(deliveryId),
            Body = new BodyBuilder { TextBody = Text(content), HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(mailer.From);
        message.To.Add(MailboxAddress.Parse(email));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        try
        {
            await mailer.SendAsync(message, deliveryId, SendTimeout, cancellationToken);
            return new AttemptOutcome(DeliveryStatus.Delivered, now, null);
        }
        catch (MailFailedException failed)
        {
            return new AttemptOutcome(failed.Transient ? DeliveryStatus.Pending : DeliveryStatus.Failed, now, failed.Message);
        }
    }

    private static string Text(ReminderContent content) =>
        string.Join("\n\n",
            [
                content.Greeting,
                content.Intro,
                .. content.Groups.Select(g => g.Heading + ":\n" + string.Join("\n", g.Lines.Select(l => $"- {l.Indicator}, {l.Area}: {l.Description}.{(l.Link is { } link ? $"\n  Indtast tallet: {link}" : "")}"))),
                content.Closing,
                "GrowthMonitor",
            ]) + "\n";

    private ReminderLine Line(DueFigure figure, DateOnly today) => new(
        catalog.TitleOf(figure.IndicatorId),
        DanishAreas.NameOf(figure.Area),
        DueFigures.Describe(figure, today),
        figure.TargetIds is [var target, ..] ? links.Service(SitePaths.TargetOf(target) + "#" + SitePaths.PeriodAnchor(figure.Period.ToString())) : null);

    private static string Count(int figures) => figures == 1 ? "1 tal" : $"{figures} tal";
}
