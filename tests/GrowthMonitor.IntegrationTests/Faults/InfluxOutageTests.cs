using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// InfluxDB goes away in the middle of a run, frozen (SIGSTOP: connections accepted, nothing answered) or stopped
/// (connections refused), and comes back: the run fails where it stands and never counts as a success, the failure
/// shows in Hangfire and in the run log in PostgreSQL at once and in InfluxDB's <c>ingest_runs</c> once InfluxDB
/// answers again, and Hangfire's retry completes the run.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class InfluxOutageTests(ServersFixture servers)
{
    [Theory]
    [InlineData("frozen")]
    [InlineData("stopped")]
    public async Task Run_InfluxDbGoneHalfWay_FailsVisiblyThenRetryCompletesOnceItIsBack(string outage)
    {
        await using var scenario = await FaultScenario.CreateAsync(servers, MonthlyTable.Catalog("mid", "MID"), new Dictionary<string, string?>
        {
            ["Influx:BatchSize"] = "100",
            // A frozen InfluxDB is given up on after a second per attempt, two attempts.
            ["Influx:AttemptTimeout"] = "00:00:01",
            ["Influx:TotalTimeout"] = "00:00:03",
            ["Influx:MaxRetryAttempts"] = "1",
            ["Ingestion:RetryDelays:0"] = "00:00:03",
            ["Ingestion:RetryDelays:1"] = "00:00:10",
            ["Ingestion:RetryDelays:2"] = "00:00:30",
            ["StatBank:AttemptTimeout"] = "00:02:00",
            ["StatBank:TotalTimeout"] = "00:05:00",
        });
        // 20 areas × 60 months (2000M01–2004M12); the first fetch waits after two fifths of its body until InfluxDB is gone.
        var body = MonthlyTable.Body(scenario.StatBank.Add(MonthlyTable.Create("MID", 20, 60)));
        var influxGone = new TaskCompletionSource();
        scenario.StatBank.Server.Given(StatBankFake.PostData()).InScenario("outage").WillSetStateTo("fetched")
            .RespondWith(StatBankFake.Paused(body, StatBankFake.Csv, body.Length * 2 / 5, influxGone.Task));
        await using var service = await scenario.StartServiceAsync();
        var jobId = await FaultScenario.RefreshAsync(service, "mid");
        await Eventually.TrueAsync(async () => await scenario.CountStoredAsync("mid") >= 100, Eventually.BackgroundWork);

        await (outage == "frozen" ? servers.Influx.FreezeAsync() : servers.Influx.StopAsync());
        try
        {
            influxGone.SetResult();
            await Eventually.TrueAsync(() => scenario.History(jobId).Any(s => s.StateName == "Failed"), Eventually.BackgroundWork);
            var failed = scenario.History(jobId).First(s => s.StateName == "Failed");
            Assert.Contains("InfluxDB", failed.Data["ExceptionMessage"]);
            Assert.DoesNotContain(scenario.History(jobId), s => s.StateName == "Succeeded");
            // The run log in PostgreSQL has the failure while InfluxDB is still away.
            Assert.Contains(await scenario.RunsAsync("mid"), run => run.Outcome == "failed");
        }
        finally
        {
            await (outage == "frozen" ? servers.Influx.ThawAsync() : servers.Influx.StartAgainAsync());
        }

        await Eventually.TrueAsync(() => scenario.StateOf(jobId) == "Succeeded", Eventually.BackgroundWork);
        var runs = await scenario.RunsAsync("mid");
        // Every run before the last failed (a retry may still have found InfluxDB away), and only the last succeeded.
        Assert.All(runs.SkipLast(1), run => Assert.Equal("failed", run.Outcome));
        Assert.Contains("InfluxDB", runs[0].Error);
        Assert.Equal(("success", 1_200L), (runs[^1].Outcome, runs[^1].Points));
        Assert.True(runs.Count >= 2);
        var served = await FaultScenario.SeriesAsync(service.Client, "mid");
        Assert.Equal(1_200, served.Count);
        // Σ over 20 areas and 60 months of area × 1000 + month number: 60,000 × (101 + … + 120) + 20 × (1 + … + 60).
        Assert.Equal(60_000d * 2_210 + 20 * 1_830, served.Sum(p => p.Value));
        Assert.Single(await scenario.Influx.VintagesAsync("mid")); // the failed runs' figures are gone
        // Grafana's copy of the run log has every run, the failures written once InfluxDB was back.
        Assert.Equal(runs.Select(r => r.Outcome), (await scenario.Influx.ProjectedRunsAsync("mid")).Select(r => r.Outcome));
    }
}
