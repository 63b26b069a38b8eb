using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using GrowthMonitor.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// Status changes right after figures were entered by hand wait <c>Alerts:GroupWait</c> and are told only if they
/// still hold, as one message, through the running service: the figures entered through the API, judged by the
/// evaluation job, held in the ledger, told by the delivery job to a real SMTP server and a webhook receiver. The
/// service's clock stands still until a test moves it past the wait, so that however slow the machine, a correction
/// always comes within the wait.
/// </summary>
/// <remarks>
/// Horsens' network of firms (entered by hand) grows +10 a year from 100 in 2022, so 120 is expected in 2024 and the
/// 2024 figure decides the status: progress (figure − 100) / 20, on track from 1, at risk from 0.85. 118 is 0.9, at
/// risk; 121 is 1.05, on track; 110 is 0.5, off track.
/// </remarks>
[Collection(ServersCollection.Name)]
public sealed class HeldAlertTests(ServersFixture servers) : IAsyncLifetime
{
    private const string Target = "horsens-network";

    private static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider clock = new(HorsensScenario.Today);
    private readonly WireMockServer receiver = WireMockServer.Start();
    private SmtpTestServer smtp = null!;

    /// <summary>Messages received: e-mails to the director, requests to the intranet's webhook.</summary>
    private (int Emails, int Webhooks) Told => (smtp.Received.Count, Webhooks().Count);

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        receiver.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        receiver.Stop();
    }

    [Fact]
    public async Task FiguresEnteredByHand_CorrectedToOnTrackOffTrackAndBackToAtRisk_NothingToldAfterTheFirstMessage()
    {
        await using var harness = Start(GroupWait, clock);
        using var client = harness.OperatorClient();
        await FirstToldAtRiskAsync(harness, client);

        // Three corrections in quick succession, each judged before the next: at_risk → on_track → off_track → at_risk.
        await EnterAsync(harness, client, 121, TargetStatus.OnTrack);
        await EnterAsync(harness, client, 110, TargetStatus.OffTrack);
        await EnterAsync(harness, client, 118, TargetStatus.AtRisk);
        await WaitEndsAsync(harness, GroupWait);
        await SettledAsync(harness);

        Assert.Equal((1, 1), Told);
    }

    [Fact]
    public async Task FiguresEnteredByHand_CorrectedToOnTrackThenOffTrack_OneMessageFromAtRiskToOffTrackAfterTheWait()
    {
        await using var harness = Start(GroupWait, clock);
        using var client = harness.OperatorClient();
        await FirstToldAtRiskAsync(harness, client);

        await EnterAsync(harness, client, 121, TargetStatus.OnTrack);
        await EnterAsync(harness, client, 110, TargetStatus.OffTrack);
        // Before the wait ends, an attempt of the held deliveries sends nothing.
        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
        var job = harness.Factory.Services.GetRequiredService<AlertDeliveryJob>();
        foreach (var pending in (await ledger.RecentAsync(100, CancellationToken.None)).SelectMany(e => e.Deliveries).Where(d => d.Status == DeliveryStatus.Pending))
        {
            await job.DeliverAsync(pending.Id, CancellationToken.None);
        }

        Assert.Equal((1, 1), Told);
        await WaitEndsAsync(harness, GroupWait);
        await Eventually.TrueAsync(() => Told == (2, 2), Eventually.BackgroundWork);
        await SettledAsync(harness);

        Assert.Equal((2, 2), Told);
        var email = smtp.Received.Last().Message;
        Assert.Equal("Vækstalliancen Horsens: 10 flere virksomheder i netværket om året er nu Bagud", email.Subject);
        Assert.Contains("Status er ændret fra I risiko til Bagud.", email.TextBody);
        Assert.Contains("110 virksomheder", email.TextBody);
        var data = JsonNode.Parse(Webhooks()[1].RequestMessage!.Body!)!["data"]!;
        Assert.Equal(("at_risk", "off_track", 110d), (data["previousStatus"]!.GetValue<string>(), data["status"]!.GetValue<string>(), data["actual"]!.GetValue<double>()));

        // The on_track change was replaced before it was due; the off_track change was sent once its wait was over.
        var changes = await ledger.RecentAsync(100, CancellationToken.None);
        Assert.Equal(3, changes.Count);
        var replaced = Assert.Single(changes, e => e.Event.Status == TargetStatus.OnTrack);
        Assert.Equal(TargetStatus.AtRisk, replaced.Event.PreviousStatus);
        Assert.Equal(2, replaced.Deliveries.Count);
        Assert.All(replaced.Deliveries, d => Assert.Equal((DeliveryStatus.Withdrawn, 0), (d.Status, d.Attempts)));
        var told = Assert.Single(changes, e => e.Event.Status == TargetStatus.OffTrack);
        Assert.Equal(TargetStatus.AtRisk, told.Event.PreviousStatus);
        Assert.Equal(2, told.Deliveries.Count);
        Assert.All(told.Deliveries, d =>
        {
            Assert.Equal((DeliveryStatus.Delivered, 1), (d.Status, d.Attempts));
            Assert.Equal(d.CreatedAt + GroupWait, d.HeldUntil);
            Assert.Equal(d.HeldUntil, d.DeliveredAt);
        });
    }

    [Fact]
    public async Task PublicationOfStatisticsDenmark_WhileAChangeEnteredByHandIsHeld_ToldAtOnce()
    {
        // The default wait, ten minutes, on a clock that stands still: a message that arrives was not held.
        await using var harness = Start(groupWait: null, clock);
        harness.StatBank.Add(HorsensScenario.Erhv2());
        using var client = harness.OperatorClient();
        await EnterAsync(harness, client, 118, TargetStatus.AtRisk);

        // Jobs in Horsens: 41,900 in 2024 against 42,000 expected is at risk, as is the growth relative to Denmark's.
        await harness.Factory.Services.GetRequiredService<IngestJob>().RunAsync("jobs", null, CancellationToken.None);

        await Eventually.TrueAsync(() => Told == (1, 1), Eventually.BackgroundWork);
        var events = JsonNode.Parse(Webhooks()[0].RequestMessage!.Body!)!["events"]!.AsArray();
        Assert.Equal(["horsens-jobs", "horsens-vs-denmark"], events.Select(e => e!["data"]!["target"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var held = (await harness.Factory.Services.GetRequiredService<AlertLedger>().RecentAsync(100, CancellationToken.None)).Single(e => e.Event.Target == Target);
        Assert.Equal(2, held.Deliveries.Count);
        Assert.All(held.Deliveries, d => Assert.Equal((DeliveryStatus.Pending, d.CreatedAt + TimeSpan.FromMinutes(10)), (d.Status, d.HeldUntil)));
    }

    [Fact]
    public async Task FiguresEnteredByHand_ServiceRestartedDuringTheWait_ToldOnceByTheNextInstance()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        string influxDatabase;
        DateTimeOffset heldUntil;
        await using (var stopped = Start(GroupWait, clock, database))
        {
            influxDatabase = stopped.Factory.Setting("Influx:Database");
            using var client = stopped.OperatorClient();
            await EnterAsync(stopped, client, 118, TargetStatus.AtRisk);
            var deliveries = (await stopped.Factory.Services.GetRequiredService<AlertLedger>().RecentAsync(10, CancellationToken.None)).Single().Deliveries;
            Assert.Equal(2, deliveries.Count);
            heldUntil = deliveries[0].HeldUntil!.Value;
        }

        Assert.Equal((0, 0), Told);
        // The next instance starts when the wait is over; its sweep and the delivery jobs the first one scheduled both try.
        await using var restarted = Start(GroupWait, new FakeTimeProvider(heldUntil), database, influxDatabase);
        await WaitEndsAsync(restarted, TimeSpan.Zero);

        await Eventually.TrueAsync(() => Told == (1, 1), Eventually.BackgroundWork);
        await SettledAsync(restarted);
        Assert.Equal((1, 1), Told);
        Assert.Contains("er nu I risiko", smtp.Received.Single().Message.Subject);
    }

    [Fact]
    public async Task Start_GroupWaitLongerThanADay_ExitsNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Alerts__GroupWait"] = "2.00:00:00" });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Configuration error: Alerts:GroupWait: The field GroupWait must be between 00:00:00 and 1.00:00:00.",
            Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>
    /// Horsens' jobs (from Statistics Denmark, not ingested unless a test does) and its network of firms (entered by
    /// hand), told to the director by e-mail and to the intranet by a JSON webhook.
    /// </summary>
    private ServiceHarness Start(TimeSpan? groupWait, FakeTimeProvider time, string? database = null, string? influxDatabase = null)
    {
        var catalog = HorsensScenario.Catalog();
        catalog["indicators"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["615"] }
            """));
        catalog["targets"]!.AsArray().Add(JsonNode.Parse($$"""
            { "id": "{{Target}}", "title": "10 flere virksomheder i netværket om året", "alliance": "horsens", "indicator": "network-firms",
              "areas": ["615"], "kind": "annual-increase", "amount": 10, "baselinePeriod": "2022", "endPeriod": "2030" }
            """));
        catalog["alliances"]![0]!["webhooks"] = JsonNode.Parse($$"""[{ "id": "horsens-intranet", "url": "{{receiver.Url}}/hook", "format": "json" }]""");
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "GrowthMonitor <vaekst@horsens.example>",
            ["Webhooks:horsens-intranet:Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            ["Alerts:GroupWait"] = groupWait?.ToString("c", CultureInfo.InvariantCulture),
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.200",
        };
        if (influxDatabase is not null)
        {
            settings["Influx:Database"] = influxDatabase;
        }

        return ServiceHarness.Create(servers, catalog, database, settings, clock: time);
    }

    /// <summary>Enters figures that put the target at risk and waits until their first evaluation was told, after its wait.</summary>
    private async Task FirstToldAtRiskAsync(ServiceHarness harness, HttpClient client)
    {
        await EnterAsync(harness, client, 118, TargetStatus.AtRisk);
        await WaitEndsAsync(harness, GroupWait);
        await Eventually.TrueAsync(() => Told == (1, 1), Eventually.BackgroundWork);
    }

    /// <summary>Moves the service's clock on by <paramref name="wait"/> and queues every delivery due then, as the minutely sweep does.</summary>
    private static async Task WaitEndsAsync(ServiceHarness harness, TimeSpan wait)
    {
        ((FakeTimeProvider)harness.Factory.Services.GetRequiredService<TimeProvider>()).Advance(wait);
        await harness.Factory.Services.GetRequiredService<AlertDeliveryJob>().DeliverDueAsync(CancellationToken.None);
    }

    /// <summary>Enters 100 for 2022, 109 for 2023 and <paramref name="figure2024"/>, and waits until the evaluation it queued has judged them.</summary>
    private static async Task EnterAsync(ServiceHarness harness, HttpClient client, double figure2024, TargetStatus expected)
    {
        using (var response = await client.PutAsJsonAsync("/api/indicators/network-firms/values", new
        {
            values = new[] { new { area = "615", period = "2022", value = 100d }, new { area = "615", period = "2023", value = 109d }, new { area = "615", period = "2024", value = figure2024 } },
        }))
        {
            response.EnsureSuccessStatusCode();
        }

        var target = harness.Factory.Services.GetRequiredService<GrowthCatalog>().FindTarget(Target)!;
        var store = harness.Factory.Services.GetRequiredService<AssessmentStore>();
        TargetEvaluation? judged = null;
        await Eventually.TrueAsync(async () => (judged = (await store.ReadAsync(CancellationToken.None)).Of(target).Assessment.Current).Actual == figure2024, Eventually.BackgroundWork);
        Assert.Equal(expected, judged!.Status);
    }

    /// <summary>Waits until no delivery is pending: each was sent, failed or withdrawn.</summary>
    private static async Task SettledAsync(ServiceHarness harness)
    {
        var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
        await Eventually.TrueAsync(
            async () => (await ledger.RecentAsync(100, CancellationToken.None)).SelectMany(e => e.Deliveries).All(d => d.Status != DeliveryStatus.Pending),
            Eventually.BackgroundWork);
    }

    private List<WireMock.Logging.ILogEntry> Webhooks() => [.. receiver.LogEntries.Where(e => e.RequestMessage!.Path == "/hook")];
}
