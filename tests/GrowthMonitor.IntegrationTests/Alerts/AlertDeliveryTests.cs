using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// Alerts through the running service: events found by the evaluation job, recorded in the ledger, delivered by
/// Hangfire jobs to a real SMTP server and a webhook receiver, retried, never sent twice.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AlertDeliveryTests(ServersFixture servers) : IAsyncLifetime
{
    private const string Secret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    private const string Director = "erhverv@horsens.example";

    private readonly WireMockServer receiver = WireMockServer.Start();
    private readonly FakeTable erhv2 = HorsensScenario.Erhv2();
    private SmtpTestServer smtp = null!;

    /// <summary>Horsens' jobs, 2019–2024; a test revises 2024 to move the targets.</summary>
    private readonly Dictionary<(string Area, string Year), decimal> jobs = new(HorsensScenario.Jobs);

    public async Task InitializeAsync()
    {
        erhv2.Values = (area, year) => jobs.TryGetValue((area, year), out var value) ? value : null;
        smtp = await SmtpTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        receiver.Stop();
    }

    [Fact]
    public async Task OperatorRefreshes_FirstAtRiskThenRevisedOnTrackThenNothingNew_OneMessagePerRecipientEachTime()
    {
        ReceiverAnswers(200);
        await using var harness = await StartAsync(ingest: false);
        using var client = harness.OperatorClient();

        // First evaluation: both Horsens targets at risk (progress 0.9 and 0.87) → one e-mail, one webhook, both events.
        await RefreshAndAwaitEvaluationAsync(harness, client);
        await Eventually.TrueAsync(() => smtp.Received.Count == 1 && Webhooks().Count == 1, Eventually.BackgroundWork);
        var first = Assert.Single(smtp.Received);
        Assert.Equal([Director], first.EnvelopeTo);
        Assert.Contains("Vækstalliancen Horsens", first.Message.Subject);
        var html = first.Message.HtmlBody;
        Assert.Contains("I risiko", html);
        Assert.Contains("41.900", html);                     // the 2024 figure
        Assert.Contains("42.000", html);                     // 41,000 + 2 × 500 expected
        Assert.Contains("https://vaekst.horsens.example/api/alliances/horsens/reports/2024?format=html", html);
        var firstHook = Webhooks()[0];
        AssertSignedWithSecret(firstHook);
        Assert.Equal(["at_risk", "at_risk"], Statuses(firstHook));

        // Statistics Denmark revises 2024 to 42,100: +500 a year is now progress 1.1, the relative target 1.07 → on track.
        jobs[("615", "2024")] = 42_100;
        erhv2.Updated = erhv2.Updated.AddDays(1);
        await RefreshAndAwaitEvaluationAsync(harness, client);
        await Eventually.TrueAsync(() => smtp.Received.Count == 2 && Webhooks().Count == 2, Eventually.BackgroundWork);
        Assert.Contains("På sporet", smtp.Received.Last().Message.HtmlBody);
        Assert.Equal(["on_track", "on_track"], Statuses(Webhooks()[1]));

        // A refresh that brings nothing new, and an evaluation on demand on the same figures: nothing more is told.
        await RefreshAndAwaitEvaluationAsync(harness, client, expectEvaluation: false);
        await EvaluateOnDemandAsync(harness, client);
        var ledger = await harness.Factory.Services.GetRequiredService<AlertLedger>().RecentAsync(100, CancellationToken.None);
        Assert.Equal(4, ledger.Count);
        Assert.All(ledger, entry => Assert.Equal(2, entry.Deliveries.Count));
        Assert.Equal((2, 2), (smtp.Received.Count, Webhooks().Count));
        Assert.NotEqual(WebhookId(Webhooks()[0]), WebhookId(Webhooks()[1]));
    }

    [Fact]
    public async Task Smtp_DownAtFirst_MessageArrivesOnceItIsUp()
    {
        var port = smtp.Port;
        await smtp.DisposeAsync();
        ReceiverAnswers(200);
        await using var harness = await StartAsync(port: port);

        await harness.EvaluateAsync();
        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
        await Eventually.TrueAsync(async () => Expect(await EmailDeliveryAsync(ledger), d => d is { Attempts: >= 1, Status: DeliveryStatus.Pending }), Eventually.BackgroundWork);
        smtp = await SmtpTestServer.StartAsync(port);

        await Eventually.TrueAsync(async () => Expect(await EmailDeliveryAsync(ledger), d => d.Status == DeliveryStatus.Delivered), Eventually.BackgroundWork);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task Webhook_ServerErrorThenOk_OneSuccessfulDeliveryWithOneWebhookId()
    {
        receiver.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500));
        receiver.Given(Request.Create().WithPath("/hook").UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200));
        await using var harness = await StartAsync();

        await harness.EvaluateAsync();

        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
        await Eventually.TrueAsync(async () => (await WebhookDeliveryAsync(ledger))?.Status == DeliveryStatus.Delivered, Eventually.BackgroundWork);
        var delivery = (await WebhookDeliveryAsync(ledger))!;
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, Webhooks().Count);
        Assert.Equal([delivery.Id], Webhooks().Select(WebhookId).Distinct());
    }

    [Fact]
    public async Task Webhook_ClientError_NotRetried()
    {
        ReceiverAnswers(400);
        await using var harness = await StartAsync();

        await harness.EvaluateAsync();

        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
        await Eventually.TrueAsync(async () => (await WebhookDeliveryAsync(ledger))?.Status == DeliveryStatus.Failed, Eventually.BackgroundWork);
        var delivery = (await WebhookDeliveryAsync(ledger))!;
        Assert.Equal(1, delivery.Attempts);
        Assert.Contains("400", delivery.LastError);
        Assert.Single(Webhooks());
    }

    [Fact]
    public async Task OffTrack_UnchangedOverEvaluations_NothingUntilTheRepeatIntervalThenOneReminderByEmail()
    {
        ReceiverAnswers(200);
        var clock = new FakeTimeProvider(HorsensScenario.Today);
        // +1,000 a year from 41,000: 41,900 in 2024 against 43,000 is progress 0.45, off track.
        await using var harness = await StartAsync(clock: clock, amount: 1_000);
        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();

        await harness.EvaluateAsync();
        await Eventually.TrueAsync(() => smtp.Received.Count == 1 && Webhooks().Count == 1, Eventually.BackgroundWork);
        clock.Advance(TimeSpan.FromDays(29));
        await harness.EvaluateAsync();
        await harness.EvaluateAsync();
        Assert.Equal(2, (await ledger.RecentAsync(100, CancellationToken.None)).Count); // the two first evaluations only

        clock.Advance(TimeSpan.FromDays(2)); // 31 days after the route was told: past the 30-day default
        await harness.EvaluateAsync();
        await harness.EvaluateAsync();

        await Eventually.TrueAsync(() => smtp.Received.Count == 2, Eventually.BackgroundWork);
        var events = await ledger.RecentAsync(100, CancellationToken.None);
        var reminders = events.Where(e => e.Event.Type == AlertEventType.TargetStillOffTrack).ToList();
        Assert.Equal(["horsens-jobs"], reminders.Select(r => r.Event.Target));
        Assert.Equal([AlertRoutes.EmailKey("horsens", Director)], reminders.SelectMany(r => r.Deliveries).Select(d => d.Route));
        Assert.Single(Webhooks()); // webhooks take no reminders by default
    }

    [Fact]
    public async Task TwoInstancesOnOnePostgreSql_EvaluatingTheSameChange_OneDeliveryPerRecipient()
    {
        ReceiverAnswers(200);
        var postgres = await servers.Postgres.CreateDatabaseAsync();
        await using var first = await StartAsync(postgres: postgres);
        await using var second = await StartAsync(postgres: postgres, influxDatabase: first.Factory.Setting("Influx:Database"), ingest: false);

        await Task.WhenAll(first.EvaluateAsync(), second.EvaluateAsync());

        var ledger = first.Factory.Services.GetRequiredService<AlertLedger>();
        await Eventually.TrueAsync(async () => (await ledger.RecentAsync(100, CancellationToken.None)).SelectMany(e => e.Deliveries).All(d => d.Status == DeliveryStatus.Delivered), Eventually.BackgroundWork);
        var deliveries = (await ledger.RecentAsync(100, CancellationToken.None)).SelectMany(e => e.Deliveries).DistinctBy(d => d.Id).ToList();
        Assert.Equal(2, deliveries.Count); // the director's e-mail and the intranet webhook
        Assert.Single(smtp.Received);
        Assert.Single(Webhooks());
    }

    [Fact]
    public async Task PublicationAt0800_WatchedEveryFiveMinutes_DirectorsEmailedBy0815()
    {
        ReceiverAnswers(200);
        // Monday 3 November 2025, 07:45 in Copenhagen (UTC+1).
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 6, 45, 0, TimeSpan.Zero));
        await using var harness = await StartAsync(clock: clock);
        await harness.EvaluateAsync();
        await Eventually.TrueAsync(() => smtp.Received.Count == 1, Eventually.BackgroundWork); // at risk, told before the morning
        var watch = harness.Factory.Services.GetRequiredService<GrowthMonitor.Ingestion.PublicationWatchJob>();

        DateTimeOffset? queuedAt = null;
        for (var tick = 0; tick < 6 && smtp.Received.Count == 1; tick++)
        {
            clock.Advance(TimeSpan.FromMinutes(5)); // Hangfire's cron */5 fires
            if (clock.GetUtcNow() >= new DateTimeOffset(2025, 11, 3, 7, 0, 0, TimeSpan.Zero) && erhv2.Updated.Day != 3)
            {
                // Statistics Denmark publishes the revised 2024 figure at 08:00 Danish time.
                jobs[("615", "2024")] = 42_100;
                erhv2.Updated = new DateTime(2025, 11, 3, 8, 0, 0);
            }

            var tablesAsked = harness.StatBank.Requests.Count(r => r.Path == "/v1/tables");
            await watch.RunAsync(CancellationToken.None);
            if (harness.StatBank.Requests.Count(r => r.Path == "/v1/tables") > tablesAsked && erhv2.Updated.Day == 3 && queuedAt is null)
            {
                queuedAt = clock.GetUtcNow();
                await Eventually.TrueAsync(() => smtp.Received.Count == 2, Eventually.BackgroundWork);
            }
        }

        Assert.Equal(new DateTimeOffset(2025, 11, 3, 7, 0, 0, TimeSpan.Zero), queuedAt); // the first look at or after 08:00
        var told = smtp.Received.Last().Message;
        Assert.Contains("På sporet", told.HtmlBody);
        Assert.True(told.Date <= new DateTimeOffset(2025, 11, 3, 7, 15, 0, TimeSpan.Zero), $"Told at {told.Date:O}, after 08:15 Danish time.");
    }

    [Fact]
    public async Task PublicationWatch_OutsideTheMorningWindow_DoesNotAsk()
    {
        // Monday 3 November 2025, 13:00 in Copenhagen.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 3, 12, 0, 0, TimeSpan.Zero));
        await using var harness = await StartAsync(clock: clock, ingest: false);

        await harness.Factory.Services.GetRequiredService<GrowthMonitor.Ingestion.PublicationWatchJob>().RunAsync(CancellationToken.None);

        Assert.DoesNotContain(harness.StatBank.Requests, r => r.Path == "/v1/tables");
    }

    [Fact]
    public async Task Ingestion_FailsForGood_DirectorToldWhichIndicatorAndWhy()
    {
        ReceiverAnswers(200);
        await using var harness = await StartAsync(ingest: false);
        harness.StatBank.Server.Given(StatBankFake.Get("tableinfo")).RespondWith(StatBankFake.Error("EXTRACT-NOTFOUND", "Tabellen ERHV2 findes ikke."));
        using var client = harness.OperatorClient();

        (await client.PostAsync("/api/indicators/jobs/refresh", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(() => smtp.Received.Count >= 1 && Webhooks().Count >= 1, Eventually.BackgroundWork, () => $"{smtp.Received.Count} e-mail(s), {Webhooks().Count} webhook(s)");
        Assert.Equal((1, 1), (smtp.Received.Count, Webhooks().Count));
        var hook = JsonNode.Parse(Webhooks()[0].RequestMessage!.Body!)!["events"]![0]!;
        Assert.Equal(("indicator.ingestion_failed", "jobs"), (hook["type"]!.GetValue<string>(), hook["data"]!["indicator"]!.GetValue<string>()));
        Assert.Contains("ERHV2", hook["data"]!["detail"]!.GetValue<string>());
        Assert.Contains("Test jobs", smtp.Received.Single().Message.Subject); // the indicator's title in the test catalog
    }

    [Fact]
    public async Task TestEndpoint_NamedWebhook_DeliveredAndSigned()
    {
        ReceiverAnswers(200);
        await using var harness = await StartAsync(ingest: false, realClock: true);
        using var client = harness.OperatorClient();

        using var response = await client.PostAsJsonAsync("/api/alerts/test", new { route = "webhook:horsens-intranet" });

        response.EnsureSuccessStatusCode();
        var hook = Assert.Single(Webhooks());
        new StandardWebhook(Secret).Verify(hook.RequestMessage!.Body!, SignatureHeaders(hook));
        Assert.Equal("alert.test", JsonNode.Parse(hook.RequestMessage!.Body!)!["events"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TargetOnFiguresEnteredByHand_FirstJudgedAtRisk_EmailAndSlackCreditTheAllianceNeverStatisticsDenmark()
    {
        receiver.Given(Request.Create().WithPath("/slack").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));
        var catalog = JsonNode.Parse($$"""
            {
              "indicators": [
                { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766"] }
              ],
              "alliances": [
                { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"],
                  "contacts": [{ "name": "Anne Holm", "email": "anne.holm@hedensted.example" }],
                  "webhooks": [{ "id": "hedensted-slack", "url": "{{receiver.Url}}/slack", "format": "slack" }] }
              ],
              "targets": [
                { "id": "hedensted-network", "title": "10 flere virksomheder i netværket om året", "alliance": "hedensted", "indicator": "network-firms",
                  "areas": ["766"], "kind": "annual-increase", "amount": 10, "baselinePeriod": "2022", "endPeriod": "2030" }
              ]
            }
            """)!.AsObject();
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "GrowthMonitor <vaekst@hedensted.example>",
            // Told at once: this test is about what the message says, not when (HeldAlertTests).
            ["Alerts:GroupWait"] = "00:00:00",
        };
        // 2 March 2025: the 2024 figures are the latest a yearly indicator can have.
        await using var harness = ServiceHarness.Create(servers, catalog, await servers.Postgres.CreateDatabaseAsync(), settings, today: new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.Zero));
        using var client = harness.OperatorClient();

        // +10 a year from 100 in 2022 expects 120 in 2024: 118 is progress 18 / 20 = 0.9, at risk on the first evaluation.
        using (var entered = await client.PutAsJsonAsync("/api/indicators/network-firms/values", new
        {
            values = new[] { new { area = "766", period = "2022", value = 100 }, new { area = "766", period = "2023", value = 109 }, new { area = "766", period = "2024", value = 118 } },
        }))
        {
            entered.EnsureSuccessStatusCode();
        }

        await Eventually.TrueAsync(() => smtp.Received.Count == 1 && Slack().Count == 1, Eventually.BackgroundWork);
        var email = smtp.Received.Single().Message;
        var slackBody = Slack().Single().RequestMessage!.Body!;
        Assert.Equal("Hedensted Kommune: 10 flere virksomheder i netværket om året er nu I risiko", email.Subject);
        Assert.Contains("118 virksomheder", email.HtmlBody);
        Assert.Contains("Kilde: egne tal, indtastet i GrowthMonitor", email.HtmlBody);
        Assert.Contains("Kilde: egne tal, indtastet i GrowthMonitor", email.TextBody);
        Assert.Contains("_Kilde: egne tal, indtastet i GrowthMonitor_", slackBody);
        Assert.All([email.HtmlBody, email.TextBody, slackBody], body => Assert.DoesNotContain("Danmarks Statistik", body));
        var told = Assert.Single(await harness.Factory.Services.GetRequiredService<AlertLedger>().RecentAsync(10, CancellationToken.None));
        Assert.Equal("manual", told.Event.IndicatorSource);
    }

    private async Task<ServiceHarness> StartAsync(
        int? port = null, FakeTimeProvider? clock = null, double amount = 500, string? postgres = null, string? influxDatabase = null, bool ingest = true, bool realClock = false)
    {
        var catalog = HorsensScenario.Catalog();
        catalog["alliances"]![0]!["webhooks"] = JsonNode.Parse($$"""[{ "id": "horsens-intranet", "url": "{{receiver.Url}}/hook", "format": "json" }]""");
        catalog["targets"]![0]!["amount"] = amount;
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = (port ?? smtp.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "GrowthMonitor <vaekst@horsens.example>",
            ["Webhooks:horsens-intranet:Secret"] = Secret,
            ["PublicBaseUrl"] = "https://vaekst.horsens.example/",
            ["Alerts:RetryDelay"] = "00:00:00.100",
            ["Alerts:MaxRetryDelay"] = "00:00:00.500",
            // Retries every half second would give up after the default 60 attempts, half a minute: a slow machine's
            // test could then miss the pending delivery it waits for.
            ["Alerts:MaxAttempts"] = "1000",
            // Generous: a receiver slow to answer its first request on a busy machine must not look like a failure.
            ["Alerts:AttemptTimeout"] = "00:00:10",
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.200",
            // A busy machine can fail a first attempt on something transient (InfluxDB slow to create the test's
            // database); its retry must come within the test's wait, not after the production minute.
            ["Ingestion:RetryDelays:0"] = "00:00:01",
            ["Evaluation:RetryDelays:0"] = "00:00:01",
        };
        if (influxDatabase is not null)
        {
            settings["Influx:Database"] = influxDatabase;
        }

        // A fixed day keeps the 2024 figures fresh; a webhook verifier wants timestamps near the real clock.
        var harness = ServiceHarness.Create(servers, catalog, postgres, settings, today: realClock ? null : HorsensScenario.Today, clock: clock);
        harness.StatBank.Add(erhv2);
        if (ingest)
        {
            await harness.IngestAsync("jobs");
        }

        return harness;
    }

    private void ReceiverAnswers(int status) =>
        receiver.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(status));

    private List<WireMock.Logging.ILogEntry> Webhooks() => [.. receiver.LogEntries.Where(e => e.RequestMessage!.Path == "/hook")];

    private List<WireMock.Logging.ILogEntry> Slack() => [.. receiver.LogEntries.Where(e => e.RequestMessage!.Path == "/slack")];

    /// <summary>
    /// The Standard Webhooks algorithm by hand (HMAC-SHA256 over "id.timestamp.body" with the secret's key), because
    /// the package's verifier refuses timestamps far from the real clock and this service runs on a fixed day.
    /// </summary>
    private static void AssertSignedWithSecret(WireMock.Logging.ILogEntry entry)
    {
        var headers = SignatureHeaders(entry);
        var signed = $"{headers["webhook-id"]}.{headers["webhook-timestamp"]}.{entry.RequestMessage!.Body}";
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(Secret["whsec_".Length..]), System.Text.Encoding.UTF8.GetBytes(signed)));
        Assert.Contains($"v1,{expected}", headers["webhook-signature"].ToString().Split(' '));
    }

    private static string WebhookId(WireMock.Logging.ILogEntry entry) => entry.RequestMessage!.Headers!["webhook-id"].Single();

    private static HeaderDictionary SignatureHeaders(WireMock.Logging.ILogEntry entry) => new()
    {
        ["webhook-id"] = entry.RequestMessage!.Headers!["webhook-id"].Single(),
        ["webhook-timestamp"] = entry.RequestMessage!.Headers["webhook-timestamp"].Single(),
        ["webhook-signature"] = entry.RequestMessage!.Headers["webhook-signature"].Single(),
    };

    private static string[] Statuses(WireMock.Logging.ILogEntry entry) =>
        [.. JsonNode.Parse(entry.RequestMessage!.Body!)!["events"]!.AsArray().Select(e => e!["data"]!["status"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>Whether the delivery is as wanted; if not, an error saying how it stands, for a wait that runs out.</summary>
    private static bool Expect(DeliveryRecord? delivery, Func<DeliveryRecord, bool> wanted) =>
        delivery is not null && wanted(delivery)
            ? true
            : throw new InvalidOperationException(delivery is null ? "The ledger holds no such delivery." : $"The delivery is {delivery.Status} after {delivery.Attempts} attempt(s); last error: {delivery.LastError}");

    private static async Task<DeliveryRecord?> EmailDeliveryAsync(AlertLedger ledger) => await DeliveryToAsync(ledger, AlertRoutes.EmailKey("horsens", Director));

    private static async Task<DeliveryRecord?> WebhookDeliveryAsync(AlertLedger ledger) => await DeliveryToAsync(ledger, AlertRoutes.WebhookKey("horsens-intranet"));

    private static async Task<DeliveryRecord?> DeliveryToAsync(AlertLedger ledger, string route) =>
        (await ledger.RecentAsync(100, CancellationToken.None)).SelectMany(e => e.Deliveries).FirstOrDefault(d => d.Route == route);

    /// <summary>Queues an ingestion through the API and waits for it, and for the evaluation it queues when it brought new data.</summary>
    private static async Task RefreshAndAwaitEvaluationAsync(ServiceHarness harness, HttpClient client, bool expectEvaluation = true)
    {
        var monitoring = harness.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var before = Succeeded(monitoring, typeof(GrowthMonitor.Targets.EvaluationJob));
        var refresh = await (await client.PostAsync("/api/indicators/jobs/refresh", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var jobId = refresh.GetProperty("jobId").GetString();
        await Eventually.TrueAsync(() => monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName == "Succeeded", Eventually.BackgroundWork);
        if (expectEvaluation)
        {
            await Eventually.TrueAsync(() => Succeeded(monitoring, typeof(GrowthMonitor.Targets.EvaluationJob)) > before, Eventually.BackgroundWork);
        }
    }

    private static async Task EvaluateOnDemandAsync(ServiceHarness harness, HttpClient client)
    {
        var monitoring = harness.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var accepted = await (await client.PostAsync("/api/targets/evaluate", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("jobId").GetString();
        await Eventually.TrueAsync(() => monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName == "Succeeded", Eventually.BackgroundWork);
    }

    private static int Succeeded(IMonitoringApi monitoring, Type job) =>
        monitoring.SucceededJobs(0, 1_000).Count(j => j.Value.Job?.Type == job);
}
