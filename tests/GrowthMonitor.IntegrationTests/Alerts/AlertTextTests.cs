using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Alerts.Webhooks;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using MimeKit;
using static GrowthMonitor.IntegrationTests.Alerts.AlertSamples;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// One event, every channel: the e-mail's HTML and plain text, Slack's blocks and Teams' card say the same heading,
/// sentence, facts and source credit, worded here by hand for each kind of event (an event about an indicator shows no
/// figures, so its sentence names the source and no credit line follows). No server: the channels' renderings
/// as pure functions of the message.
/// </summary>
public sealed class AlertTextTests
{
    private const string StatBankCredit = "Kilde: Danmarks Statistik";
    private const string ManualCredit = "Kilde: egne tal, indtastet i GrowthMonitor";

    public static TheoryData<string, string, string, string?> Events => new()
    {
        { nameof(NetworkAtRisk), "10 flere virksomheder i netværket om året", "Status er ændret fra På sporet til I risiko.", ManualCredit },
        { "JobsFirstJudged", "500 flere job om året", "Målet er vurderet for første gang: I risiko.", StatBankCredit },
        {
            nameof(JobsEstimateAtRisk), "500 flere job om året",
            "Skønnet er ændret fra På sporet til I risiko. Foreløbigt skøn for 2025: 41.410 job (80\u00A0%-interval 40.582–42.238), " +
            "bygger på lønmodtagere efter bopælskommune 3. kvartal 2025 – målet er i risiko. De officielle tal for 2025 er ikke offentliggjort endnu.", StatBankCredit
        },
        { "UnemploymentStillOffTrack", "Ledigheden under 3,5 pct.", "Målet er stadig Bagud. Det er en påmindelse: status er den samme som sidst.", StatBankCredit },
        {
            nameof(JobsStale), "Job på arbejdssteder",
            "Der er ikke kommet nye tal fra Danmarks Statistik, selv om nye tal var ventet. Målene på denne indikator vurderes derfor på ældre tal.", null
        },
        {
            nameof(NetworkStale), "Virksomheder i erhvervsnetværket",
            "Der er ikke indtastet nye tal i GrowthMonitor, selv om nye tal var ventet. Målene på denne indikator vurderes derfor på ældre tal.", null
        },
        {
            nameof(FirmsIngestionFailed), "Nye firmaer",
            "GrowthMonitor kunne ikke hente nye tal fra Danmarks Statistik, heller ikke efter flere forsøg. Målene på denne indikator vurderes på de tal, der allerede var hentet.", null
        },
        { "OperatorTest", "Testbesked", "Dette er en testbesked fra GrowthMonitor til Vækstalliancen Horsens.", null },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public async Task EveryChannel_SameEvent_SameHeadingSentenceFactsAndSource(string name, string heading, string sentence, string? source)
    {
        var message = Message("dlv_1", Event(name));
        var links = HorsensLinks();
        var email = await AlertEmail.CreateAsync(message, Director, new MailboxAddress("GrowthMonitor", "vaekst@horsens.dk"), links.For);
        var section = AlertEmailTests.Html(email).QuerySelector("section")!;
        var slack = (string)JsonNode.Parse(SlackMessage.Serialize(ChatMessage.From(message, links)))!["blocks"]!.AsArray()
            .Single(b => (string?)b!["type"] == "section")!["text"]!["text"]!;
        var teams = JsonNode.Parse(TeamsMessage.Serialize(ChatMessage.From(message, links)))!["attachments"]![0]!["content"]!["body"]![1]!["items"]!.AsArray();
        var teamsTexts = teams.Where(i => (string?)i!["type"] == "TextBlock").Select(i => (string)i!["text"]!).ToList();

        Assert.Equal((heading, sentence), (section.QuerySelector("h2")!.TextContent, section.QuerySelector("p.summary")!.TextContent));
        Assert.Contains($"\n{heading}\n{new string('-', heading.Length)}\n{sentence}\n", email.TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"*{heading}*\n{sentence}\n", slack + "\n", StringComparison.Ordinal);
        Assert.Equal([heading, sentence], teamsTexts.Take(2));

        // The facts, in the same order: rows of the e-mail's table, lines of Slack's section, Teams' fact set.
        var rows = section.QuerySelector("table") is { } table ? AlertEmailTests.Rows(table).ToList() : [];
        Assert.Contains(string.Concat(rows.Select(r => $"\n*{r.Item1}:* {r.Item2}")), slack, StringComparison.Ordinal);
        Assert.Equal(rows, teams.Where(i => (string?)i!["type"] == "FactSet").SelectMany(f => f!["facts"]!.AsArray()).Select(f => ((string)f!["title"]!, (string)f["value"]!)));

        if (source is null)
        {
            Assert.DoesNotContain("Kilde", email.TextBody + email.HtmlBody + slack + string.Concat(teamsTexts), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(source, section.QuerySelectorAll("p").Select(p => p.TextContent));
            Assert.Contains($"\n{source}\n", email.TextBody, StringComparison.Ordinal);
            Assert.Contains($"\n_{source}_", slack, StringComparison.Ordinal);
            Assert.Contains(source, teamsTexts);
        }
    }

    private static AlertEvent Event(string name) => name switch
    {
        nameof(NetworkAtRisk) => NetworkAtRisk(),
        "JobsFirstJudged" => JobsAtRisk() with { PreviousStatus = null },
        "UnemploymentStillOffTrack" => UnemploymentOffTrack() with { Type = AlertEventType.TargetStillOffTrack, PreviousStatus = TargetStatus.OffTrack },
        nameof(JobsEstimateAtRisk) => JobsEstimateAtRisk(),
        nameof(JobsStale) => JobsStale(),
        nameof(NetworkStale) => NetworkStale(),
        nameof(FirmsIngestionFailed) => FirmsIngestionFailed(),
        _ => JobsStale() with { Type = AlertEventType.AlertTest, Indicator = null, IndicatorTitle = null, Detail = null, IndicatorSource = null },
    };
}
