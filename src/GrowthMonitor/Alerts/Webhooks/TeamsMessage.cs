using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrowthMonitor.Alerts.Webhooks;

/// <summary>
/// A Microsoft Teams incoming-webhook message: an Adaptive Card (1.4, Danish) in the <c>message</c> envelope that
/// Teams' Workflows webhooks ("post to a channel when a webhook request is received") and the older connectors accept:
/// the title, then per event its heading, sentence, fact set, note, source and links.
/// </summary>
internal static class TeamsMessage
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static byte[] Serialize(ChatMessage message)
    {
        var body = new JsonArray(TextBlock(message.Title, ("size", "Large"), ("weight", "Bolder")));
        foreach (var item in message.Items)
        {
            var words = item.Text;
            var parts = new JsonArray(TextBlock(words.Heading, ("weight", "Bolder")), TextBlock(words.Sentence));
            if (words.Facts.Count > 0)
            {
                parts.Add(new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray([.. words.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]),
                });
            }

            if (item.Note is { } note)
            {
                parts.Add(TextBlock(note.Lead + note.Text));
            }

            if (words.Source is { } source)
            {
                parts.Add(TextBlock(source, ("isSubtle", true)));
            }

            if (item.Links.Count > 0)
            {
                parts.Add(TextBlock(string.Join(" · ", item.Links.Select(l => $"[{l.Label}]({l.Url.AbsoluteUri})"))));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = parts });
        }

        if (message.NotShownText is { } notShown)
        {
            body.Add(TextBlock(notShown, ("isSubtle", true)));
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["lang"] = "da",
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        var envelope = new JsonObject
        {
            ["type"] = "message",
            ["summary"] = message.Summary,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardContentType, ["contentUrl"] = null, ["content"] = card }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, WebhookJson.Options);
    }

    private static JsonObject TextBlock(string text, params (string Name, JsonNode Value)[] style)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        foreach (var (name, value) in style)
        {
            block[name] = value;
        }

        return block;
    }
}
