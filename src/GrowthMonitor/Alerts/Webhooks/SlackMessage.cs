using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> for notifications, <c>blocks</c> (a header, then one section per event
/// in Slack's mrkdwn: heading, sentence, facts, note, source, links) for the channel.
/// </summary>
internal static class SlackMessage
{
    /// <summary>Slack refuses a header block whose plain text is longer.</summary>
    private const int MaxHeaderLength = 150;

    public static byte[] Serialize(ChatMessage message)
    {
        var blocks = new JsonArray(new JsonObject
        {
            ["type"] = "header",
            ["text"] = PlainText(message.Title.Length <= MaxHeaderLength ? message.Title : message.Title[..(MaxHeaderLength - 1)] + "…"),
        });
        foreach (var item in message.Items)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(Section(item)) });
        }

        if (message.NotShownText is { } notShown)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(Escape(notShown))) });
        }

        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["text"] = Escape(message.Summary), ["blocks"] = blocks }, WebhookJson.Options);
    }

    private static string Section(ChatItem item)
    {
        var words = item.Text;
        var text = new StringBuilder().Append('*').Append(Escape(words.Heading)).Append("*\n").Append(Escape(words.Sentence));
        foreach (var fact in words.Facts)
        {
            text.Append("\n*").Append(Escape(fact.Label)).Append(":* ").Append(Escape(fact.Value));
        }

        if (item.Note is { } note)
        {
            text.Append("\n*").Append(Escape(note.Lead.TrimEnd())).Append("* ").Append(Escape(note.Text));
        }

        if (words.Source is { } source)
        {
            text.Append("\n_").Append(Escape(source)).Append('_');
        }

        if (item.Links.Count > 0)
        {
            text.Append('\n').AppendJoin(" · ", item.Links.Select(l => $"<{l.Url.AbsoluteUri}|{Escape(l.Label)}>"));
        }

        return text.ToString();
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>The three characters Slack's mrkdwn reserves for links and mentions.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
