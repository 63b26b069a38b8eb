namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// An alert message as people in a Slack or Teams channel read it, before either service's markup: a title and, for
/// each event, its words (<see cref="AlertText"/>, the same as in the e-mail) and links. At most <see cref="MaxItems"/>
/// events are spelt out, which keeps a message within Slack's 50 blocks and Teams' 28 KB per card; the rest are counted.
/// </summary>
internal sealed record ChatMessage(string Title, IReadOnlyList<ChatItem> Items, int NotShown)
{
    public const int MaxItems = 20;

    public static ChatMessage From(AlertMessage message, AlertLinkBuilder links)
    {
        var items = message.Events.Take(MaxItems).Select(e => new ChatItem(AlertText.Of(e, message.Credit), [.. Links(links.For(e))])).ToList();
        return new($"Nyt fra GrowthMonitor – {message.AllianceName}", items, message.Events.Count - items.Count);
    }

    /// <summary>The line under the events when some are not shown.</summary>
    public string? NotShownText => NotShown switch
    {
        0 => null,
        1 => "1 hændelse mere er ikke vist her; se årsrapporten.",
        _ => $"{NotShown} hændelser mere er ikke vist her; se årsrapporten.",
    };

    /// <summary>One line for notifications and for clients that show neither blocks nor cards.</summary>
    public string Summary => $"{Title}: {string.Join("; ", Items.Select(i => i.Text.Headline))}" + (NotShown > 0 ? $" og {NotShown} mere" : "");

    private static IEnumerable<ChatLink> Links(AlertLinks links)
    {
        if (links.Report is { } report)
        {
            yield return new("Årsrapport", report);
        }

        if (links.Dashboard is { } dashboard)
        {
            yield return new("Dashboard", dashboard);
        }

        if (links.TargetPage is { } target)
        {
            yield return new("Målet i årsrapporten", target);
        }
    }
}

/// <summary>One event in a chat message: its words and its links.</summary>
internal sealed record ChatItem(AlertText Text, IReadOnlyList<ChatLink> Links)
{
    /// <summary>Free text (e.g. an ingestion error) is cut here, so one event never fills a message.</summary>
    private const int MaxNoteTextLength = 500;

    /// <summary>The note: its lead, and its text with the English part as the service wrote it, cut to a chat's measure.</summary>
    public (string Lead, string Text)? Note => Text.Note is { } note
        ? (note.Lead, note.Danish + (note.English is { Length: > MaxNoteTextLength } english ? english[..MaxNoteTextLength] + " …" : note.English))
        : null;
}

internal sealed record ChatLink(string Label, Uri Url);
