using System.Net;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL (Hangfire's storage and the service's own tables) restarted under the running service, which keeps its
/// pooled connections: while it is down, readiness and a refresh answer 503; once it is back, jobs are queued through
/// the API and processed at once, none failing on a connection the restart killed (Hangfire.PostgreSql has reports of
/// workers that stop after a database restart, and Npgsql hands out dead pooled connections).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PostgresRestartTests(ServersFixture servers)
{
    [Fact]
    public async Task Restart_UnderTheRunningService_JobsQueuedAndProcessedAfterwardsWithoutFailing()
    {
        await using var scenario = await FaultScenario.CreateAsync(servers, StatBankTables.JobsCatalog());
        scenario.StatBank.Add(StatBankTables.Erhv2());
        await using var service = await scenario.StartServiceAsync();
        var before = await FaultScenario.RefreshAsync(service, "jobs");
        await Eventually.TrueAsync(() => scenario.StateOf(before) == "Succeeded", Eventually.BackgroundWork);

        await servers.Postgres.StopAsync();
        try
        {
            // Down until the service has noticed; its pooled connections are dead from here on.
            await Eventually.TrueAsync(async () => (await service.Client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, Eventually.BackgroundWork);
            using var refused = new HttpRequestMessage(HttpMethod.Post, "/api/indicators/jobs/refresh");
            refused.Headers.Add("X-Api-Key", ServiceHarness.ApiKey);
            using var answer = await service.Client.SendAsync(refused);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Contains("Job storage", await answer.Content.ReadAsStringAsync());
        }
        finally
        {
            await servers.Postgres.StartAgainAsync();
        }

        string[] after = [await FaultScenario.RefreshAsync(service, "jobs"), await FaultScenario.RefreshAsync(service, "jobs"), await FaultScenario.RefreshAsync(service, "jobs")];

        // A job that failed and was retried a minute later (Ingestion:RetryDelays is left at its default) ends Succeeded
        // too: its history tells.
        await Eventually.TrueAsync(() => after.All(id => scenario.StateOf(id) == "Succeeded"), Eventually.BackgroundWork);
        Assert.All(after, id => Assert.DoesNotContain(scenario.History(id), state => state.StateName == "Failed"));
        // The table has not changed since the first run, so each later run finds nothing to fetch.
        Assert.Equal(["success", "unchanged", "unchanged", "unchanged"], (await scenario.RunsAsync("jobs")).Select(r => r.Outcome));
        await Eventually.TrueAsync(async () => (await service.Client.GetAsync("/health/ready")).IsSuccessStatusCode, Eventually.BackgroundWork);
    }
}
