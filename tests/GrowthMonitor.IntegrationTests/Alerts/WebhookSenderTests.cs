using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Alerts.Webhooks;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using Json.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// The webhook channel against WireMock as the receiver, through the service's own registration
/// (<see cref="WebhookSenderSetup.AddWebhookSender"/>). Signatures are checked with the StandardWebhooks package's
/// verifier, not with the code that made them; payloads with the committed JSON Schema; numbers against figures set
/// here by hand.
/// </summary>
public sealed class WebhookSenderTests : IDisposable
{
    /// <summary>whsec_ and the base64 of the bytes 1…32.</summary>
    private const string Secret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

    private const string DeliveryId = "msg_5f0c2a9e41b7d3c8e2a1b0c9";

    private static readonly DateTimeOffset ChangedAt = new(2025, 3, 5, 7, 10, 0, TimeSpan.Zero);

    /// <summary>
    /// Horsens, +500 jobs a year from 41,000 in 2022: 42,000 expected in 2024, 41,900 actual, so progress
    /// (41,900 − 41,000) / (42,000 − 41,000) = 0.9: at risk. A trend of +450 a year gives 41,900 + 6 × 450 = 44,600 in
    /// 2030, short of the 45,000 goal, which it passes in 2031 (41,900 + 7 × 450 = 45,050).
    /// </summary>
    private static readonly TargetEvaluation AtRisk = new(
        "horsens-jobs", TargetStatus.AtRisk, Period.Parse("2024"), Actual: 41900, Expected: 42000, Baseline: 41000, Gap: -100, Progress: 0.9,
        new Projection(44600, Period.Parse("2030"), Period.Parse("2031"), Slope: 450, SearchUntilYear: 2040), Reason: null);

    private static readonly AlertEvent StatusChanged = new(
        AlertEvents.Id("horsens-jobs", "2024", "on_track", "at_risk"), AlertEventType.TargetStatusChanged, ChangedAt, "horsens", "Vækstalliancen Horsens",
        "horsens-jobs", "+500 job om året", "jobs", "Job på arbejdssteder", "job", TargetStatus.OnTrack, TargetStatus.AtRisk, AtRisk, Detail: null)
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    private static readonly AlertEvent Stale = new(
        AlertEvents.Id("wage-earners", "stale", "2024K2"), AlertEventType.IndicatorStale, ChangedAt, "horsens", "Vækstalliancen Horsens",
        Target: null, Title: null, "wage-earners", "Lønmodtagere", "personer", PreviousStatus: null, Status: null, Evaluation: null,
        "No new period since 2024K2; 2024K3 was due.")
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    private static readonly AlertMessage Message = new(DeliveryId, "Vækstalliancen Horsens", [StatusChanged, Stale], ChangedAt.AddSeconds(30));

    private static readonly string SchemaPath = Path.Combine(RepositoryRoot.Path, "docs", "webhooks", "alert.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private readonly WireMockServer receiver = WireMockServer.Start();

    // Whole seconds, as HTTP dates and webhook-timestamp have them; near the real clock, because the package's verifier
    // refuses a timestamp more than five minutes from it.
    private readonly FakeTimeProvider time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private ServiceProvider? services;

    public void Dispose()
    {
        services?.Dispose();
        receiver.Stop();
    }

    [Fact]
    public async Task SendAsync_JsonWebhook_SignatureVerifiesWithStandardWebhooksPackage()
    {
        Receive(204);

        await SendAsync(WebhookFormat.Json, Message);

        var request = Assert.Single(Requests());
        Assert.Equal(DeliveryId, Header(request, "webhook-id"));
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(request, "webhook-timestamp"));
        Assert.StartsWith("v1,", Header(request, "webhook-signature"), StringComparison.Ordinal);
        Assert.StartsWith("application/json", Header(request, "content-type"), StringComparison.Ordinal);
        new StandardWebhook(Secret).Verify(request.Body!, SignatureHeaders(request));
        var otherSecret = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(otherSecret).Verify(request.Body!, SignatureHeaders(request)));
    }

    [Fact]
    public async Task SendAsync_SameDeliveryAgainLater_SameWebhookIdNewTimestampBothVerify()
    {
        Receive(200);

        await SendAsync(WebhookFormat.Json, Message);
        time.Advance(TimeSpan.FromSeconds(90));
        await SendAsync(WebhookFormat.Json, Message);

        var (first, second) = (Requests()[0], Requests()[1]);
        Assert.Equal([DeliveryId, DeliveryId], [Header(first, "webhook-id"), Header(second, "webhook-id")]);
        Assert.Equal(90, long.Parse(Header(second, "webhook-timestamp"), CultureInfo.InvariantCulture) - long.Parse(Header(first, "webhook-timestamp"), CultureInfo.InvariantCulture));
        Assert.NotEqual(Header(first, "webhook-signature"), Header(second, "webhook-signature"));
        new StandardWebhook(Secret).Verify(first.Body!, SignatureHeaders(first));
        new StandardWebhook(Secret).Verify(second.Body!, SignatureHeaders(second));
    }

    [Fact]
    public async Task SendAsync_JsonWebhook_PayloadValidatesAgainstSchemaWithTheNumbersAsGiven()
    {
        Receive(200);

        await SendAsync(WebhookFormat.Json, Message);

        var body = Assert.Single(Requests()).Body!;
        AssertValid(body);
        var payload = JsonNode.Parse(body)!;
        // The top level is the first event as the issue's receivers read it; events holds both, the first included.
        Assert.Equal((StatusChanged.Id, "target.status_changed"), ((string?)payload["id"], (string?)payload["type"]));
        Assert.Equal(ChangedAt, DateTimeOffset.Parse((string)payload["timestamp"]!, CultureInfo.InvariantCulture));
        Assert.Equal(
            ["horsens", "Vækstalliancen Horsens", "horsens-jobs", "on_track", "at_risk", "2024"],
            new[] { "alliance", "allianceName", "target", "previousStatus", "status", "period" }.Select(key => (string?)payload["data"]![key]));
        Assert.Equal(0.9, (double)payload["data"]!["progress"]!);
        var events = payload["events"]!.AsArray();
        Assert.Equal(2, events.Count);

        var changed = events[0]!;
        Assert.Equal((StatusChanged.Id, "target.status_changed"), ((string?)changed["id"], (string?)changed["type"]));
        Assert.Equal(ChangedAt, DateTimeOffset.Parse((string)changed["timestamp"]!, CultureInfo.InvariantCulture));
        var data = changed["data"]!;
        Assert.Equal(
            ["horsens", "horsens-jobs", "+500 job om året", "jobs", "job", "on_track", "at_risk", "2024"],
            new[] { "alliance", "target", "title", "indicator", "unit", "previousStatus", "status", "period" }.Select(key => (string?)data[key]));
        Assert.Equal([41900, 42000, 0.9], new[] { "actual", "expected", "progress" }.Select(key => (double)data[key]!));
        Assert.Equal((44600.0, "2030", "2031"), ((double)data["projection"]!["value"]!, (string?)data["projection"]!["period"], (string?)data["projection"]!["reachedIn"]));
        Assert.Equal("https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html", (string?)data["links"]!["report"]);
        Assert.Equal("https://vaekst.example.dk/api/targets/horsens-jobs", (string?)data["links"]!["target"]);
        Assert.Equal("https://grafana.example.dk/d/growthmonitor-overview", (string?)data["links"]!["dashboard"]);
        Assert.Equal("https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs", (string?)data["links"]!["targetPage"]);
        Assert.Equal("https://vaekst.example.dk/", (string?)data["links"]!["frontPage"]);

        var stale = events[1]!;
        Assert.Equal("indicator.stale", (string?)stale["type"]);
        Assert.Equal(("wage-earners", "Lønmodtagere"), ((string?)stale["data"]!["indicator"], (string?)stale["data"]!["indicatorTitle"]));
        var staleData = stale["data"]!.AsObject();
        Assert.All(["target", "title", "previousStatus", "status", "period", "actual", "projection"], key => Assert.True(staleData.ContainsKey(key) && staleData[key] is null, key));
        Assert.Equal(Stale.Detail, (string?)stale["data"]!["detail"]);
    }

    [Fact]
    public async Task SendAsync_EveryEventType_PayloadValidatesAgainstSchema()
    {
        Receive(200);
        var noData = new TargetEvaluation("herning-population", TargetStatus.NoData, null, null, null, null, null, null, null, "No observations after the baseline year.", ReasonCode.NoObservations);
        AlertEvent[] events =
        [
            StatusChanged with { PreviousStatus = null },
            StatusChanged with { Id = AlertEvents.Id("still"), Type = AlertEventType.TargetStillOffTrack, Status = TargetStatus.OffTrack, PreviousStatus = TargetStatus.OffTrack },
            StatusChanged with { Id = AlertEvents.Id("no-data"), Target = "herning-population", Status = TargetStatus.NoData, Evaluation = noData },
            AlertSamples.JobsEstimateAtRisk() with { Id = AlertEvents.Id("estimate") },
            AlertSamples.JobsEstimateAtRisk() with
            {
                Id = AlertEvents.Id("estimate without band"),
                PreviousStatus = null,
                Nowcast = AlertSamples.JobsEstimateAtRisk().Nowcast! with { Low = null, High = null, StatusLow = null, StatusHigh = null, PastErrors = 0 },
            },
            Stale,
            Stale with { Id = AlertEvents.Id("failed"), Type = AlertEventType.IndicatorIngestionFailed, Detail = "Statistics Denmark answered 503 after 4 retries." },
            new(AlertEvents.Id("test"), AlertEventType.AlertTest, ChangedAt, "horsens", "Vækstalliancen Horsens", null, null, null, null, null, null, null, null, null),
        ];

        await SendAsync(WebhookFormat.Json, Message with { Events = events });

        var body = Assert.Single(Requests()).Body!;
        AssertValid(body);
        var sentTypes = JsonNode.Parse(body)!["events"]!.AsArray().Select(e => (string)e!["type"]!);
        Assert.Equal(AlertWire.Events.All.Order(StringComparer.Ordinal), sentTypes.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_EstimateChanged_CarriesTheEstimateWithTheApisNames()
    {
        Receive(200);

        await SendAsync(WebhookFormat.Json, Message with { Events = [AlertSamples.JobsEstimateAtRisk()] });

        // The figures of AlertSamples.JobsEstimateAtRisk, worked out there; the official figures' fields stay null.
        var data = JsonNode.Parse(Assert.Single(Requests()).Body!)!["data"]!;
        var nowcast = data["nowcast"]!;
        Assert.Equal(("target.nowcast_changed", "on_track", "at_risk"), ((string?)JsonNode.Parse(Requests()[0].Body!)!["type"], (string?)data["previousStatus"], (string?)data["status"]));
        Assert.Equal(("2025", 41_410d, 40_581.8, 42_238.2), ((string?)nowcast["period"], (double)nowcast["value"]!, (double)nowcast["low"]!, (double)nowcast["high"]!));
        Assert.Equal(("wage-earners", "2025K3"), ((string?)nowcast["basedOn"]!["indicator"], (string?)nowcast["basedOn"]!["period"]));
        Assert.Equal(("at_risk", "off_track", "on_track", 24, true),
            ((string?)nowcast["status"], (string?)nowcast["statusLow"], (string?)nowcast["statusHigh"], (int)nowcast["pastErrors"]!, (bool)nowcast["tooCloseToCall"]!));
        Assert.All(["period", "actual", "expected", "progress", "projection"], key => Assert.Null(data[key]));
    }

    [Fact]
    public void Schema_PayloadWithWrongStatusOrMissingField_IsRefused()
    {
        var payload = JsonNode.Parse(WebhookPayload.From(Message, Links()).ToUtf8Json())!;
        Assert.True(Evaluate(payload.ToJsonString()).IsValid);

        var danishStatus = payload.DeepClone();
        danishStatus["events"]![0]!["data"]!["status"] = "I risiko";
        var noLinks = payload.DeepClone();
        noLinks["events"]![0]!["data"]!.AsObject().Remove("links");
        var targetEventWithoutTarget = payload.DeepClone();
        targetEventWithoutTarget["events"]![0]!["data"]!["target"] = null;
        var topLevelDanishStatus = payload.DeepClone();
        topLevelDanishStatus["data"]!["status"] = "I risiko";
        var topLevelWithoutTarget = payload.DeepClone();
        topLevelWithoutTarget["data"]!["target"] = null;

        Assert.False(Evaluate(danishStatus.ToJsonString()).IsValid);
        Assert.False(Evaluate(noLinks.ToJsonString()).IsValid);
        Assert.False(Evaluate(targetEventWithoutTarget.ToJsonString()).IsValid);
        Assert.False(Evaluate(topLevelDanishStatus.ToJsonString()).IsValid);
        Assert.False(Evaluate(topLevelWithoutTarget.ToJsonString()).IsValid);
    }

    [Fact]
    public void Schema_Enumerations_AreTheWireNamesTheCodeWrites()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
        string[] Names(JsonNode? values) => [.. values!.AsArray().OfType<JsonNode>().Select(v => (string)v!)];

        Assert.Equal(AlertWire.Events.All, Names(schema["$defs"]!["eventType"]!["enum"]));
        Assert.Equal(Wire.Status.All, Names(schema["$defs"]!["status"]!["enum"]));
        Assert.Equal(Wire.Reason.All, Names(schema["$defs"]!["eventData"]!["properties"]!["reasonCode"]!["enum"]));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task SendAsync_ReceiverAnswersServerErrorOrTimeout_TransientWithoutRetryAfter(int status)
    {
        Receive(status);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => SendAsync(WebhookFormat.Json, Message));

        Assert.True(failure.Transient);
        Assert.Null(failure.RetryAfter);
        Assert.Contains($"answered {status}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfterSeconds_TransientRetryAfterThoseSeconds()
    {
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7"));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => SendAsync(WebhookFormat.Json, Message));

        Assert.True(failure.Transient);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_UnavailableWithRetryAfterDate_TransientRetryAfterTimeUntilThatDate()
    {
        var date = time.GetUtcNow().AddMinutes(2).ToString("R", CultureInfo.InvariantCulture);
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", date));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => SendAsync(WebhookFormat.Json, Message));

        Assert.True(failure.Transient);
        Assert.Equal(TimeSpan.FromMinutes(2), failure.RetryAfter);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task SendAsync_ReceiverRefusesWithClientError_PermanentQuotingItsAnswer(int status)
    {
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody("invalid_payload"));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => SendAsync(WebhookFormat.Json, Message));

        Assert.False(failure.Transient);
        Assert.Contains($"Webhook 'horsens-intranet' answered {status}", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith(": invalid_payload", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_ReceiverRedirects_PermanentAndNotFollowed(int status)
    {
        receiver.Given(Request.Create().WithPath("/hooks/moved").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", $"{receiver.Url}/hooks/new"));
        receiver.Given(Request.Create().WithPath("/hooks/new").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender().SendAsync(new WebhookTarget("horsens-intranet", new Uri($"{receiver.Url}/hooks/moved"), WebhookFormat.Json), Message, CancellationToken.None));

        Assert.False(failure.Transient);
        Assert.Contains("redirects are not followed", failure.Message, StringComparison.Ordinal);
        Assert.Equal("/hooks/moved", Assert.Single(Requests()).Path);
    }

    [Fact]
    public async Task SendAsync_ReceiverSlowerThanAttemptTimeout_Transient()
    {
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)));

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() => SendAsync(WebhookFormat.Json, Message, attemptTimeout: TimeSpan.FromMilliseconds(300)));

        Assert.True(failure.Transient);
        Assert.Contains("did not answer within 0.3 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_Transient()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender().SendAsync(new WebhookTarget("horsens-intranet", new Uri($"http://127.0.0.1:{port}/hooks"), WebhookFormat.Json), Message, CancellationToken.None));

        Assert.True(failure.Transient);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_CancelledNotAFailedDelivery()
    {
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(2)));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(new WebhookTarget("horsens-intranet", new Uri($"{receiver.Url}/hooks"), WebhookFormat.Json), Message, cancellation.Token));
    }

    [Theory]
    [InlineData("unconfigured")]
    [InlineData("malformed")]
    public async Task SendAsync_JsonWebhookWithoutValidSecret_PermanentNamingTheKeyAndNothingSent(string webhookId)
    {
        Receive(200);

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(() =>
            Sender().SendAsync(new WebhookTarget(webhookId, new Uri($"{receiver.Url}/hooks"), WebhookFormat.Json), Message, CancellationToken.None));

        Assert.False(failure.Transient);
        Assert.Contains($"Webhooks:{webhookId}:Secret", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Requests());
    }

    [Fact]
    public async Task SendAsync_SlackWebhook_DanishBlocksSlackAcceptsWithoutSignature()
    {
        Receive(200, "ok");

        await SendAsync(WebhookFormat.Slack, Message);

        var request = Assert.Single(Requests());
        Assert.False(request.Headers!.ContainsKey("webhook-signature"));
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal(["text", "blocks"], body.AsObject().Select(p => p.Key));
        Assert.Equal("Nyt fra GrowthMonitor – Vækstalliancen Horsens: +500 job om året er nu I risiko; Nye tal for Lønmodtagere mangler", (string?)body["text"]);
        var blocks = body["blocks"]!.AsArray();
        AssertSlackBlocks(blocks);
        Assert.Equal("Nyt fra GrowthMonitor – Vækstalliancen Horsens", (string?)blocks[0]!["text"]!["text"]);
        var sections = blocks.Where(b => (string?)b!["type"] == "section").Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.Equal(2, sections.Count);
        Assert.Equal(
            "*+500 job om året*\n" +
            "Status er ændret fra På sporet til I risiko.\n" +
            "*Status:* I risiko\n" +
            "*Før:* På sporet\n" +
            "*Periode:* 2024\n" +
            "*Faktisk:* 41.900 job\n" +
            "*Forventet:* 42.000 job\n" +
            "*Fremdrift:* 90\u00A0%\n" +
            "*Fremskrivning:* 44.600 job i 2030; målet nås først i 2031, efter slutåret 2030\n" +
            "_Kilde: Danmarks Statistik_\n" +
            "<https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html|Årsrapport> · " +
            "<https://grafana.example.dk/d/growthmonitor-overview|Dashboard> · " +
            "<https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs|Målet i årsrapporten>",
            sections[0]);
        Assert.StartsWith("*Lønmodtagere*\nDer er ikke kommet nye tal fra Danmarks Statistik, selv om nye tal var ventet.", sections[1], StringComparison.Ordinal);
        Assert.Contains("*Detaljer:* No new period since 2024K2; 2024K3 was due.", sections[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackTestMessage_TheOperatorsSentenceOnceWithLinks()
    {
        Receive(200, "ok");
        var test = new AlertEvent(AlertEvents.Id("test"), AlertEventType.AlertTest, ChangedAt, "horsens", "Vækstalliancen Horsens",
            null, null, null, null, null, null, null, null, "Dette er en testbesked fra GrowthMonitor. Den kræver ingen handling.");

        await SendAsync(WebhookFormat.Slack, Message with { Events = [test] });

        var blocks = JsonNode.Parse(Assert.Single(Requests()).Body!)!["blocks"]!.AsArray();
        Assert.Equal(
            "*Testbesked*\n" +
            "Dette er en testbesked fra GrowthMonitor. Den kræver ingen handling.\n" +
            $"<https://vaekst.example.dk/api/alliances/horsens/reports/{time.GetUtcNow().Year}?format=html|Årsrapport> · <https://grafana.example.dk/d/growthmonitor-overview|Dashboard>",
            (string?)Assert.Single(blocks, b => (string?)b!["type"] == "section")!["text"]!["text"]);
    }

    [Fact]
    public async Task SendAsync_SlackMessageWithManyEvents_StaysWithinSlackLimitsAndCountsTheRest()
    {
        Receive(200, "ok");
        var events = Enumerable.Range(1, ChatMessage.MaxItems + 5)
            .Select(i => StatusChanged with { Id = AlertEvents.Id("target", i.ToString(CultureInfo.InvariantCulture)), Title = $"Mål {i} <&>" })
            .ToList();

        await SendAsync(WebhookFormat.Slack, Message with { Events = events });

        var blocks = JsonNode.Parse(Assert.Single(Requests()).Body!)!["blocks"]!.AsArray();
        AssertSlackBlocks(blocks);
        Assert.Equal(ChatMessage.MaxItems, blocks.Count(b => (string?)b!["type"] == "section"));
        Assert.Contains("*Mål 1 &lt;&amp;&gt;*", (string)blocks[2]!["text"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("5 hændelser mere er ikke vist her; se årsrapporten.", (string?)blocks[^1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public async Task SendAsync_TeamsWebhook_DanishAdaptiveCardInMessageEnvelope()
    {
        Receive(202); // Teams' Workflows webhooks accept with 202

        await SendAsync(WebhookFormat.Teams, Message);

        var request = Assert.Single(Requests());
        Assert.False(request.Headers!.ContainsKey("webhook-signature"));
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("message", (string?)body["type"]);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal(("AdaptiveCard", "1.4", "da"), ((string?)card["type"], (string?)card["version"], (string?)card["lang"]));
        var elements = card["body"]!.AsArray();
        Assert.Equal(("TextBlock", "Nyt fra GrowthMonitor – Vækstalliancen Horsens"), ((string?)elements[0]!["type"], (string?)elements[0]!["text"]));
        Assert.All(elements.Skip(1), e => Assert.Equal("Container", (string?)e!["type"]));
        var target = elements[1]!["items"]!.AsArray();
        Assert.Equal(("+500 job om året", "Status er ændret fra På sporet til I risiko."), ((string?)target[0]!["text"], (string?)target[1]!["text"]));
        var facts = target.Single(i => (string?)i!["type"] == "FactSet")!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!));
        Assert.Equal(
            [
                ("Status", "I risiko"), ("Før", "På sporet"), ("Periode", "2024"), ("Faktisk", "41.900 job"), ("Forventet", "42.000 job"), ("Fremdrift", "90\u00A0%"),
                ("Fremskrivning", "44.600 job i 2030; målet nås først i 2031, efter slutåret 2030"),
            ],
            facts);
        Assert.Equal(
            "[Årsrapport](https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html) · [Dashboard](https://grafana.example.dk/d/growthmonitor-overview) · " +
            "[Målet i årsrapporten](https://vaekst.example.dk/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs)",
            (string?)target[^1]!["text"]);
        Assert.Equal(("Kilde: Danmarks Statistik", true), ((string?)target[^2]!["text"], (bool?)target[^2]!["isSubtle"]));
        Assert.Equal("Lønmodtagere", (string?)elements[2]!["items"]![0]!["text"]);
    }

    [Theory]
    [InlineData(WebhookFormat.Slack)]
    [InlineData(WebhookFormat.Teams)]
    public async Task SendAsync_StatusChangeOnFiguresEnteredByHand_CreditsTheAllianceAndNeverStatisticsDenmark(WebhookFormat format)
    {
        Receive(200);
        var manual = StatusChanged with { IndicatorSource = IndicatorSources.Manual, IndicatorTitle = "Virksomheder i erhvervsnetværket" };

        await SendAsync(format, Message with { Events = [manual] });

        var body = Assert.Single(Requests()).Body!;
        Assert.Contains("Kilde: egne tal, indtastet i GrowthMonitor", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackStaleIndicatorEnteredByHand_SaysNoFiguresWereEntered()
    {
        Receive(200, "ok");

        await SendAsync(WebhookFormat.Slack, Message with { Events = [Stale with { IndicatorSource = IndicatorSources.Manual }] });

        var body = Assert.Single(Requests()).Body!;
        var section = (string)JsonNode.Parse(body)!["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "section")!["text"]!["text"]!;
        Assert.StartsWith("*Lønmodtagere*\nDer er ikke indtastet nye tal i GrowthMonitor, selv om nye tal var ventet.", section, StringComparison.Ordinal);
        Assert.DoesNotContain("Danmarks Statistik", body, StringComparison.Ordinal);
    }

    /// <summary>The block kinds and limits of Slack's Block Kit that an incoming webhook enforces.</summary>
    private static void AssertSlackBlocks(JsonArray blocks)
    {
        Assert.InRange(blocks.Count, 1, 50);
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        Assert.InRange(((string)blocks[0]!["text"]!["text"]!).Length, 1, 150);
        foreach (var block in blocks.Skip(1))
        {
            switch ((string?)block!["type"])
            {
                case "divider":
                    break;
                case "section":
                    Assert.Equal("mrkdwn", (string?)block["text"]!["type"]);
                    Assert.InRange(((string)block["text"]!["text"]!).Length, 1, 3000);
                    break;
                case "context":
                    Assert.All(block["elements"]!.AsArray(), e => Assert.Equal("mrkdwn", (string?)e!["type"]));
                    break;
                default:
                    Assert.Fail($"Unexpected block {block.ToJsonString()}");
                    break;
            }
        }
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static void AssertValid(string json)
    {
        var results = Evaluate(json);
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))));
    }

    private static string Header(IRequestMessage request, string name) =>
        request.Headers!.Single(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    private static HeaderDictionary SignatureHeaders(IRequestMessage request) => new()
    {
        ["webhook-id"] = Header(request, "webhook-id"),
        ["webhook-timestamp"] = Header(request, "webhook-timestamp"),
        ["webhook-signature"] = Header(request, "webhook-signature"),
    };

    private void Receive(int status, string? body = null) =>
        receiver.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body ?? ""));

    private IReadOnlyList<IRequestMessage> Requests() => [.. receiver.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>()];

    private Task SendAsync(WebhookFormat format, AlertMessage message, TimeSpan? attemptTimeout = null) =>
        Sender(attemptTimeout).SendAsync(new WebhookTarget("horsens-intranet", new Uri($"{receiver.Url}/hooks/growth"), format), message, CancellationToken.None);

    private AlertLinkBuilder Links() => Services().GetRequiredService<AlertLinkBuilder>();

    private IWebhookSender Sender(TimeSpan? attemptTimeout = null) => Services(attemptTimeout).GetRequiredService<IWebhookSender>();

    /// <summary>The service's registration, built once per test.</summary>
    private ServiceProvider Services(TimeSpan? attemptTimeout = null) => services ??= new ServiceCollection()
        .AddLogging()
        .AddSingleton<TimeProvider>(time)
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:horsens-intranet:Secret"] = Secret,
            ["Webhooks:malformed:Secret"] = "whsec_not base64",
        }).Build())
        .Configure<PublicUrlOptions>(o => o.PublicBaseUrl = new Uri("https://vaekst.example.dk/"))
        .Configure<AlertOptions>(o =>
        {
            o.DashboardUrl = new Uri("https://grafana.example.dk/d/growthmonitor-overview");
            // Production's 30 s: a receiver that answers at once may still take over 10 s to be heard on a busy 2-core
            // machine (a 410 was once read as a timeout, transient).
            o.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30);
        })
        .AddWebhookSender()
        .BuildServiceProvider();
}
