using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// <c>kill -9</c> of the service in the middle of its work, then a new process on the same PostgreSQL and InfluxDB:
/// the work is taken up again by Hangfire alone (the sliding invisibility timeout), without an operator and without
/// the start-up catch-up (<c>Ingestion:IngestNewIndicatorsAtStart=false</c>).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ServiceKilledTests(ServersFixture servers)
{
    [Fact]
    public async Task Backfill_ServiceKilledHalfWay_ResumedAfterRestartWithEveryFigureAndNoneOfTheKilledRun()
    {
        await using var scenario = await FaultScenario.CreateAsync(servers, MonthlyTable.Catalog("big", "BIG"), new Dictionary<string, string?>
        {
            // Batches small enough that the killed run has written some; a body that stalls is not given up on meanwhile.
            ["Influx:BatchSize"] = "500",
            ["StatBank:AttemptTimeout"] = "00:02:00",
            ["StatBank:TotalTimeout"] = "00:05:00",
        });
        // 60 areas × 240 months (2000M01–2019M12).
        var body = MonthlyTable.Body(scenario.StatBank.Add(MonthlyTable.Create("BIG", 60, 240)));
        // The first fetch stops after two fifths of the body and never goes on: the service is killed while it waits.
        scenario.StatBank.Server.Given(StatBankFake.PostData()).InScenario("backfill").WillSetStateTo("killed")
            .RespondWith(StatBankFake.Paused(body, StatBankFake.Csv, body.Length * 2 / 5, new TaskCompletionSource().Task));

        string jobId;
        await using (var killed = await scenario.StartServiceAsync())
        {
            jobId = await FaultScenario.RefreshAsync(killed, "big");
            await Eventually.TrueAsync(async () => await scenario.CountStoredAsync("big") >= 1_000, Eventually.BackgroundWork);
            Assert.Empty(await FaultScenario.SeriesAsync(killed.Client, "big")); // written, not committed: not shown

            await killed.KillAsync();
        }

        Assert.Equal("Processing", scenario.StateOf(jobId));
        await using var restarted = await scenario.StartServiceAsync();

        await Eventually.TrueAsync(() => scenario.StateOf(jobId) == "Succeeded", Eventually.BackgroundWork);
        var served = await FaultScenario.SeriesAsync(restarted.Client, "big");
        Assert.Equal(60 * 240, served.Count);
        // Σ over 60 areas and 240 months of area × 1000 + month number: 240,000 × (101 + … + 160) + 60 × (1 + … + 240).
        Assert.Equal(240_000d * 7_830 + 60 * 28_920, served.Sum(p => p.Value));
        Assert.Contains(("160", "2019M12", 160_240d), served);
        Assert.Equal(["2"], await scenario.Influx.VintagesAsync("big")); // the killed run's vintage 1 is gone
        // The killed run is in the run log as what it was: a run that never committed, ended by the next one.
        var runs = await scenario.RunsAsync("big");
        Assert.Equal([("failed", 0L), ("success", 14_400L)], runs.Select(r => (r.Outcome, r.Points)));
        Assert.Contains("stopped before it committed", runs[0].Error);
        Assert.Equal(2, scenario.StatBank.DataRequests);
    }

    [Fact]
    public async Task Delivery_ServiceKilledWhileTheWebhookAnswers_DeliveredAfterRestartWithTheSameWebhookId()
    {
        await using var receiver = await HeldWebhookReceiver.StartAsync(held: 1);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var scenario = await FaultScenario.CreateAsync(servers, Alerting.Catalog(receiver.Url), Alerting.Settings(smtp.Port));

        await using (var killed = await scenario.StartServiceAsync())
        {
            await FaultScenario.RefreshAsync(killed, "jobs");
            await Eventually.TrueAsync(() => !receiver.Received.IsEmpty, Eventually.BackgroundWork);
            await killed.KillAsync();
        }

        // The attempt in flight was never recorded: the delivery is still due.
        var deliveryId = await scenario.QueryPostgresAsync<string>($"SELECT id FROM growthmonitor.alert_deliveries WHERE route = '{Alerting.WebhookKey}' AND status = 'pending' AND attempts = 0");
        await using var restarted = await scenario.StartServiceAsync();

        await Eventually.TrueAsync(async () => receiver.Received.Count >= 2 && await Alerting.UndeliveredAsync(scenario) == 0, Eventually.BackgroundWork);
        Assert.Equal(2, await Alerting.DeliveriesAsync(scenario)); // the director's e-mail and the intranet's webhook
        Assert.Equal([deliveryId, deliveryId], receiver.Received.Select(r => r.WebhookId));
        Assert.Equal(receiver.Received.First().Body, receiver.Received.Last().Body);
        Assert.Single(smtp.Received.Select(e => e.Message.MessageId).Distinct());
    }
}
