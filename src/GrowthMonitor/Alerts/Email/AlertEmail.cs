using System.Text;
using GrowthMonitor.Core;
using GrowthMonitor.Reports.Html;
using MimeKit;

namespace GrowthMonitor.Alerts.Email;

/// <summary>
/// The Danish e-mail for one alert message and one recipient: a subject naming the alliance and what changed, and the
/// same content as accessible HTML and as plain text. A pure function of its inputs (the date is the message's
/// creation time), so a resend after a crash is the same e-mail with the same Message-Id. Words and number formats are
/// the report's (<see cref="Danish"/>), and so are the status badges and the stylesheet.
/// </summary>
public static class AlertEmail
{
    /// <summary>The domain of every Message-Id: it names the sender of the id, not a mail host.</summary>
    public const string MessageIdDomain = "growthmonitor";

    private const string MoreHeading = "Mere om jeres mål";

    private const string CreatedLead = "Beskeden er dannet ";

    private const string TestHeading = "Testbesked";

    public static MimeMessage Create(AlertMessage message, EmailRecipient recipient, MailboxAddress from, Func<AlertEvent, AlertLinks> linksFor)
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
            Body = new BodyBuilder { TextBody = Text(content), HtmlBody = Html(content) }.ToMessageBody(),
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
    private sealed record Content(
        string Subject,
        string Intro,
        IReadOnlyList<Section> Sections,
        IReadOnlyList<Link> MoreLinks,
        string Footer,
        (string Text, string Iso) Created);

    /// <summary>One event: a heading, what happened, the figures, a note and a link.</summary>
    private sealed record Section(string Heading, string Summary, IReadOnlyList<Row> Rows, Note? Note, Link? Link);

    /// <summary>One row of the figures table; a <see cref="Status"/> row shows the word in a badge.</summary>
    private sealed record Row(string Label, string Value, TargetStatus? Status = null);

    /// <summary>A lead ("Årsag: "), Danish text, then text the service wrote in English (an error), either may be absent.</summary>
    private sealed record Note(string Lead, string? Danish, string? English);

    private sealed record Link(string Label, Uri Url);

    private static Section SectionOf(AlertEvent alertEvent, AlertLinks links) => alertEvent.Type switch
    {
        AlertEventType.IndicatorStale => Indicator(alertEvent,
            "Der er ikke kommet nye tal fra Danmarks Statistik, selv om nye tal var ventet. " +
            "Målene på denne indikator vurderes derfor på ældre tal."),
        AlertEventType.IndicatorIngestionFailed => Indicator(alertEvent,
            "GrowthMonitor kunne ikke hente nye tal fra Danmarks Statistik, heller ikke efter flere forsøg. " +
            "Målene på denne indikator vurderes på de tal, der allerede var hentet."),
        // The operator's test carries its own Danish text.
        AlertEventType.AlertTest => new Section(TestHeading, alertEvent.Detail ?? "Dette er en testbesked fra GrowthMonitor.", [], null, null),
        _ => Target(alertEvent, links),
    };

    private static Section Indicator(AlertEvent alertEvent, string summary) => new(
        IndicatorName(alertEvent),
        summary,
        [],
        string.IsNullOrWhiteSpace(alertEvent.Detail) ? null : new Note("Detaljer: ", null, alertEvent.Detail),
        null);

    private static Section Target(AlertEvent alertEvent, AlertLinks links)
    {
        var status = StatusOf(alertEvent);
        var summary = (alertEvent.Type, alertEvent.PreviousStatus) switch
        {
            (AlertEventType.TargetStillOffTrack, _) => $"Målet er stadig {Danish.StatusWord(status)}. Det er en påmindelse: status er den samme som sidst.",
            (_, { } previous) when previous != status => $"Status er ændret fra {Danish.StatusWord(previous)} til {Danish.StatusWord(status)}.",
            (_, null) => $"Målet er vurderet for første gang: {Danish.StatusWord(status)}.",
            _ => $"Målet {Danish.StatusPhrase(status)}.",
        };

        var rows = new List<Row> { new("Status", Danish.StatusWord(status), status) };
        if (alertEvent.PreviousStatus is { } before && before != status)
        {
            rows.Add(new Row("Før", Danish.StatusWord(before), before));
        }

        if (alertEvent.Evaluation is { } evaluation)
        {
            rows.AddRange(AlertFigures.Of(evaluation, alertEvent.Unit).Select(f => new Row(f.Label, f.Value)));
        }

        return new Section(TargetName(alertEvent), summary, rows, ReasonOf(alertEvent.Evaluation, status),
            links.Target is { } url ? new Link("Målets tal i GrowthMonitor", url) : null);
    }

    /// <summary>The evaluator's reason in Danish when its code is known (a failed fetch's error stays English), otherwise as it wrote it.</summary>
    private static Note? ReasonOf(TargetEvaluation? evaluation, TargetStatus status)
    {
        var lead = status == TargetStatus.NoData ? "Årsag: " : "Bemærk: ";
        return evaluation switch
        {
            null => null,
            _ when Danish.ReasonParts(evaluation, baselineYear: null) is { } parts => new Note(lead, parts.Text, parts.EnglishDetail),
            { Reason: { } english } when !string.IsNullOrWhiteSpace(english) => new Note(lead, null, english),
            _ => null,
        };
    }

    private static TargetStatus StatusOf(AlertEvent alertEvent) => alertEvent.Status ?? alertEvent.Evaluation?.Status ?? TargetStatus.NoData;

    private static string TargetName(AlertEvent alertEvent) => alertEvent.Title ?? alertEvent.Target ?? "Et mål";

    private static string IndicatorName(AlertEvent alertEvent) => alertEvent.IndicatorTitle ?? alertEvent.Indicator ?? "En indikator";

    private static string SubjectOf(AlertMessage message)
    {
        if (message.Events is not [var only])
        {
            return $"{message.AllianceName}: {message.Events.Count} ændringer i jeres vækstmål";
        }

        var what = only.Type switch
        {
            AlertEventType.IndicatorStale => $"Nye tal for {IndicatorName(only)} mangler",
            AlertEventType.IndicatorIngestionFailed => $"Nye tal for {IndicatorName(only)} kunne ikke hentes",
            AlertEventType.AlertTest => TestHeading + " fra GrowthMonitor",
            AlertEventType.TargetStillOffTrack => $"{TargetName(only)} er stadig {Danish.StatusWord(StatusOf(only))}",
            _ => $"{TargetName(only)} er nu {Danish.StatusWord(StatusOf(only))}",
        };
        return $"{message.AllianceName}: {what}";
    }

    private static Content ContentOf(AlertMessage message, EmailRecipient recipient, Func<AlertEvent, AlertLinks> linksFor)
    {
        var linked = message.Events.Select(e => (Event: e, Links: linksFor(e))).ToList();
        var sections = linked.Select(l => SectionOf(l.Event, l.Links)).ToList();

        // The report and the dashboard are the alliance's, so each is offered once, after the events: the report of
        // each year a target was judged for, named by that year; an event without a period (a stale indicator) adds
        // the report its links name only when no target gave one.
        var reports = new List<Link>();
        foreach (var (alertEvent, links) in linked.OrderBy(l => l.Event.Evaluation?.EvaluatedPeriod is null))
        {
            var year = alertEvent.Evaluation?.EvaluatedPeriod?.Year;
            if (links.Report is { } report && (year is null ? reports.Count == 0 : reports.All(l => l.Url != report)))
            {
                reports.Add(new Link(year is { } y ? $"Årsrapporten {y.ToString(Danish.Culture)}" : "Årsrapporten", report));
            }
        }

        var dashboards = linked.Select(l => l.Links.Dashboard).OfType<Uri>().Distinct().Select(url => new Link("Dashboardet i Grafana", url));
        return new Content(
            SubjectOf(message),
            $"GrowthMonitor følger jeres vækstmål i {message.AllianceName} på de nyeste tal fra Danmarks Statistik.",
            sections,
            [.. reports, .. dashboards],
            $"Denne e-mail er sendt automatisk af GrowthMonitor til {recipient.Name}, som følger vækstmålene i {message.AllianceName}. " +
            "Tallene er fra Danmarks Statistik.",
            Danish.Timestamp(message.CreatedAt));
    }

    private static string Html(Content content)
    {
        var html = new HtmlBuilder();
        // The report's stylesheet: the same badges and tables. Mail clients that drop it still show every word.
        using (HtmlPage.Document(html, content.Subject))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", content.Subject);
                html.Element("p", content.Intro, ("class", "lead"));
            }

            using (html.Tag("main"))
            {
                for (var i = 0; i < content.Sections.Count; i++)
                {
                    HtmlSection(html, content.Sections[i], $"haendelse-{i + 1}");
                }

                if (content.MoreLinks.Count > 0)
                {
                    using (html.Tag("section", ("aria-labelledby", "mere")))
                    {
                        html.Element("h2", MoreHeading, ("id", "mere"));
                        using (html.Tag("ul"))
                        {
                            foreach (var link in content.MoreLinks)
                            {
                                using (html.Tag("li"))
                                {
                                    html.Element("a", link.Label, ("href", link.Url.AbsoluteUri));
                                }
                            }
                        }
                    }
                }
            }

            using (html.Tag("footer"))
            {
                html.Element("p", content.Footer);
                using (html.Tag("p"))
                {
                    html.Text(CreatedLead).Element("time", content.Created.Text, ("datetime", content.Created.Iso)).Text(".");
                }
            }
        }

        return html.ToString();
    }

    private static void HtmlSection(HtmlBuilder html, Section section, string id)
    {
        using (html.Tag("section", ("aria-labelledby", id)))
        {
            html.Element("h2", section.Heading, ("id", id));
            html.Element("p", section.Summary, ("class", "summary"));
            if (section.Rows.Count > 0)
            {
                using (html.Tag("table", ("class", "compact")))
                {
                    html.Element("caption", $"Tal for {section.Heading}");
                    using (html.Tag("tbody"))
                    {
                        foreach (var row in section.Rows)
                        {
                            using (html.Tag("tr"))
                            {
                                html.Element("th", row.Label, ("scope", "row"));
                                using (html.Tag("td"))
                                {
                                    if (row.Status is { } status)
                                    {
                                        HtmlPage.StatusBadge(html, status);
                                    }
                                    else
                                    {
                                        html.Text(row.Value);
                                    }
                                }
                            }
                        }
                    }
                }
            }

            if (section.Note is { } note)
            {
                using (html.Tag("p"))
                {
                    html.Text(note.Lead + note.Danish);
                    if (note.English is { } english)
                    {
                        // Text the evaluator or the ingestion wrote in English is marked so screen readers pronounce it right (WCAG 3.1.2).
                        html.Element("span", english, ("lang", "en"));
                    }
                }
            }

            if (section.Link is { } link)
            {
                using (html.Tag("p"))
                {
                    html.Element("a", link.Label, ("href", link.Url.AbsoluteUri));
                }
            }
        }
    }

    private static string Text(Content content)
    {
        var text = new StringBuilder();
        text.Append(content.Subject).Append("\n\n").Append(content.Intro).Append('\n');
        foreach (var section in content.Sections)
        {
            Heading(text, section.Heading);
            text.Append(section.Summary).Append('\n');
            if (section.Rows.Count > 0)
            {
                var width = section.Rows.Max(r => r.Label.Length) + 1;
                text.Append('\n');
                foreach (var row in section.Rows)
                {
                    text.Append("  ").Append((row.Label + ":").PadRight(width + 1)).Append(row.Value).Append('\n');
                }
            }

            if (section.Note is { } note)
            {
                text.Append('\n').Append(note.Lead).Append(note.Danish).Append(note.English).Append('\n');
            }

            if (section.Link is { } link)
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
