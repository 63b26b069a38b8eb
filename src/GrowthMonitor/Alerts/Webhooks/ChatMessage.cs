using GrowthMonitor.Reports.Html;

namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// An alert message as people in a Slack or Teams channel read it, before either service's markup: a title and, for
/// each event, a heading, a sentence where the numbers do not say it all, labelled facts and links. Status words and
/// number formats are the report's (<see cref="Danish"/>). At most <see cref="MaxItems"/> events are spelt out, which
/// keeps a message within Slack's 50 blocks and Teams' 28 KB per card; the rest are counted.
/// </summary>
internal sealed record ChatMessage(string Title, IReadOnlyList<ChatItem> Items, int NotShown)
{
    public const int MaxItems = 20;

    /// <summary>A free-text detail (e.g. an ingestion error) is cut here, so one event never fills a message.</summary>
    private const int MaxDetailLength = 500;

    public static ChatMessage From(AlertMessage message, AlertLinkBuilder links)
    {
        var items = message.Events.Take(MaxItems).Select(e => Item(e, links.For(e))).ToList();
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
    public string Summary => $"{Title}: {string.Join("; ", Items.Select(i => i.Heading))}" + (NotShown > 0 ? $" og {NotShown} mere" : "");

    private static ChatItem Item(AlertEvent alertEvent, AlertLinks links)
    {
        var subject = alertEvent.Title ?? alertEvent.IndicatorTitle ?? alertEvent.Indicator ?? alertEvent.AllianceName;
        var heading = alertEvent.Type switch
        {
            AlertEventType.TargetStatusChanged when alertEvent.PreviousStatus is null => "Første vurdering",
            AlertEventType.TargetStatusChanged => "Ny status",
            AlertEventType.TargetStillOffTrack => "Stadig bagud",
            AlertEventType.IndicatorStale => "Nye tal mangler",
            AlertEventType.IndicatorIngestionFailed => "Hentning af tal fejlede",
            _ => "Testbesked",
        };
        var text = alertEvent.Type switch
        {
            AlertEventType.IndicatorStale => $"Der er ikke kommet nye tal for {subject} fra Danmarks Statistik, selv om de var ventet.",
            AlertEventType.IndicatorIngestionFailed => $"GrowthMonitor kunne ikke hente tallene for {subject} fra Danmarks Statistik, heller ikke efter flere forsøg.",
            // An operator's test says what it is in its detail.
            AlertEventType.AlertTest => alertEvent.Detail ?? $"Dette er en testbesked fra GrowthMonitor til {alertEvent.AllianceName}.",
            _ => null,
        };
        return new ChatItem($"{heading}: {subject}", text, [.. Facts(alertEvent)], [.. Links(links)]);
    }

    private static IEnumerable<ChatFact> Facts(AlertEvent alertEvent)
    {
        if (alertEvent.Status is { } status)
        {
            yield return new("Status", alertEvent.PreviousStatus is { } previous && previous != status
                ? $"{Danish.StatusWord(status)} (før: {Danish.StatusWord(previous)})"
                : Danish.StatusWord(status));
        }

        foreach (var (label, value) in alertEvent.Evaluation is { } evaluation ? AlertFigures.Of(evaluation, alertEvent.Unit) : [])
        {
            yield return new(label, value);
        }

        if (alertEvent.Type != AlertEventType.AlertTest && !string.IsNullOrWhiteSpace(alertEvent.Detail))
        {
            var detail = alertEvent.Detail.Trim();
            yield return new("Detaljer", detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength] + " …");
        }
    }

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

        if (links.Target is { } target)
        {
            yield return new("Målets tal (API)", target);
        }
    }
}

internal sealed record ChatItem(string Heading, string? Text, IReadOnlyList<ChatFact> Facts, IReadOnlyList<ChatLink> Links);

internal sealed record ChatFact(string Label, string Value);

internal sealed record ChatLink(string Label, Uri Url);
