using System.Text;
using GrowthMonitor.Presentation;
using MimeKit;

namespace GrowthMonitor.Alerts.Email;

/// <summary>
/// The Danish e-mail for one alert message and one recipient: a subject naming the alliance and what changed, and the
/// same content as accessible HTML and as plain text. A pure function of its inputs (the date is the message's
/// creation time), so a resend after a crash is the same e-mail with the same Message-Id. What it says about each event
/// is <see cref="AlertText"/>'s, word for word as in a chat message; the HTML part is <see cref="AlertEmailBody"/>, with the
/// pages' status badges and stylesheet.
/// </summary>
public static class AlertEmail
{
    /// <summary>The domain of every Message-Id: it names the sender of the id, not a mail host.</summary>
    public const string MessageIdDomain = "growthmonitor";

    internal const string MoreHeading = "Mere om jeres mål";

    internal const string CreatedLead = "Beskeden er dannet ";

    public static async Task<MimeMessage> CreateAsync(AlertMessage message, EmailRecipient recipient, MailboxAddress from, Func<AlertEvent, AlertLinks> linksFor)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(linksFor);
        if (message.Events.Count == 0)
        {
            throw new ArgumentException("A message tells at least one event.", nameof(message));
        }

        var content = ContentOf(message, recipient, linksFor);
        var email = new MimeMessage
        {
            Subject = content.Subject,
            Date = message.CreatedAt,
            MessageId = MessageIdOf(message.DeliveryId),
            Body = new BodyBuilder
            {
                TextBody = Text(content),
                HtmlBody = await ComponentHtml.RenderAsync<AlertEmailBody>(ComponentHtml.Parameter(nameof(AlertEmailBody.Content), content)),
            }.ToMessageBody(),
        };
        email.From.Add(from);
        email.To.Add(new MailboxAddress(recipient.Name, recipient.Email));

        // RFC 3834: machine-sent, so auto-responders (out of office, vacation) stay silent instead of answering a robot.
        email.Headers.Add("Auto-Submitted", "auto-generated");
        email.Headers.Add("X-Auto-Response-Suppress", "All");
        return email;
    }

    /// <summary>
    /// The Message-Id (without angle brackets) of a delivery: its id as the local part, percent-encoded (dots too) so
    /// any id makes a valid dot-atom; ordinary ids such as <c>dlv_3f2a…</c> pass unchanged.
    /// </summary>
    public static string MessageIdOf(string deliveryId) =>
        Uri.EscapeDataString(deliveryId).Replace(".", "%2E", StringComparison.Ordinal) + "@" + MessageIdDomain;

    /// <summary>What the e-mail says, independent of HTML or plain text, so the two parts cannot tell different stories.</summary>
    public sealed record Content(
        string Subject,
        string Intro,
        IReadOnlyList<Section> Sections,
        IReadOnlyList<Link> MoreLinks,
        string Footer,
        (string Text, string Iso) Created);

    /// <summary>One event: its words, as every channel has them, and the link to its target.</summary>
    public sealed record Section(AlertText Text, Link? Link);

    public sealed record Link(string Label, Uri Url);

    private static string SubjectOf(AlertMessage message, IReadOnlyList<Section> sections) => sections is [var only]
        ? $"{message.AllianceName}: {only.Text.Headline}"
        : $"{message.AllianceName}: {sections.Count} ændringer i jeres vækstmål";

    private static Content ContentOf(AlertMessage message, EmailRecipient recipient, Func<AlertEvent, AlertLinks> linksFor)
    {
        var linked = message.Events.Select(e => (Event: e, Links: linksFor(e))).ToList();
        var sections = linked
            .Select(l => new Section(AlertText.Of(l.Event, message.Credit), l.Links.TargetPage is { } url ? new Link("Målet i årsrapporten", url) : null))
            .ToList();

        // The report, the dashboard and the front page are the alliance's, so each is offered once, after the events:
        // the report of each year a target was judged or estimated for, named by that year; an event without a period (a stale
        // indicator) adds the report its links name only when no target gave one.
        var reports = new List<Link>();
        foreach (var (alertEvent, links) in linked.OrderBy(l => l.Event.Year is null))
        {
            var year = alertEvent.Year;
            if (links.Report is { } report && (year is null ? reports.Count == 0 : reports.All(l => l.Url != report)))
            {
                reports.Add(new Link(year is { } y ? $"Årsrapporten {y.ToString(Danish.Culture)}" : "Årsrapporten", report));
            }
        }

        // The figures are credited under each event; the intro names the sources of this message's figures only, so a
        // message about figures entered by hand does not speak of Statistics Denmark.
        var sources = message.Events.Select(e => e.IndicatorSource).OfType<string>().ToList();
        var dashboards = linked.Select(l => l.Links.Dashboard).OfType<Uri>().Distinct().Select(url => new Link("Dashboardet i Grafana", url));
        var frontPages = linked.Select(l => l.Links.FrontPage).OfType<Uri>().Distinct().Select(url => new Link("Alle mål i GrowthMonitor", url));
        return new Content(
            SubjectOf(message, sections),
            $"GrowthMonitor følger jeres vækstmål i {message.AllianceName}" + (sources.Count > 0 ? $" på de nyeste {message.Credit.InText(sources)}." : "."),
            sections,
            [.. reports, .. dashboards, .. frontPages],
            $"Denne e-mail er sendt automatisk af GrowthMonitor til {recipient.Name}, som følger vækstmålene i {message.AllianceName}.",
            Danish.Timestamp(message.CreatedAt));
    }

    private static string Text(Content content)
    {
        var text = new StringBuilder();
        text.Append(content.Subject).Append("\n\n").Append(content.Intro).Append('\n');
        foreach (var (words, link) in content.Sections)
        {
            Heading(text, words.Heading);
            text.Append(words.Sentence).Append('\n');
            if (words.Facts.Count > 0)
            {
                var width = words.Facts.Max(f => f.Label.Length) + 1;
                text.Append('\n');
                foreach (var fact in words.Facts)
                {
                    text.Append("  ").Append((fact.Label + ":").PadRight(width + 1)).Append(fact.Value).Append('\n');
                }
            }

            if (words.Note is { } note)
            {
                text.Append('\n').Append(note.Lead).Append(note.Danish).Append(note.English).Append('\n');
            }

            if (words.Source is { } source)
            {
                text.Append('\n').Append(source).Append('\n');
            }

            if (link is not null)
            {
                text.Append('\n').Append(link.Label).Append(": ").Append(link.Url.AbsoluteUri).Append('\n');
            }
        }

        if (content.MoreLinks.Count > 0)
        {
            Heading(text, MoreHeading);
            foreach (var link in content.MoreLinks)
            {
                text.Append(link.Label).Append(": ").Append(link.Url.AbsoluteUri).Append('\n');
            }
        }

        // "-- " starts a signature: mail clients grey it out and leave it out of replies.
        return text.Append("\n-- \n").Append(content.Footer).Append('\n').Append(CreatedLead).Append(content.Created.Text).Append(".\n").ToString();
    }

    private static void Heading(StringBuilder text, string heading) =>
        text.Append('\n').Append(heading).Append('\n').Append('-', heading.Length).Append('\n');
}
