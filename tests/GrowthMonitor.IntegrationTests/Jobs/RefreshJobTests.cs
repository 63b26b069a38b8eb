using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.Indicators;
using GrowthMonitor.Ingestion;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Jobs;

/// <summary>Jobs enqueued through the service's API and processed by its Hangfire server, with its queue in PostgreSQL.</summary>
[Collection(ServersCollection.Name)]
public sealed class RefreshJobTests(ServersFixture servers)
{
    [Fact]
    public async Task Refresh_WithOperatorKey_JobProcessedByHangfireAndDataStored()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog());
        harness.StatBank.Add(StatBankTables.Erhv2());
        using var client = harness.OperatorClient();

        using var response = await client.PostAsync("/api/indicators/jobs/refresh", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<RefreshAccepted>();
        var jobStorage = harness.Factory.Services.GetRequiredService<JobStorage>();
        Assert.Contains("PostgreSql", jobStorage.GetType().Name);
        await Eventually.TrueAsync(() => jobStorage.GetMonitoringApi().JobDetails(accepted!.JobId)?.History.FirstOrDefault()?.StateName == SucceededState.StateName, Eventually.BackgroundWork);
        Assert.Equal(StatBankTables.Erhv2PointCount, (await harness.StoredAsync("jobs")).Count);
    }

    [Fact]
    public async Task Start_IndicatorNeverIngested_QueuedAtOnceWithoutWaitingForItsSchedule()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog(), settings: new Dictionary<string, string?> { ["Ingestion:IngestNewIndicatorsAtStart"] = "true" });
        harness.StatBank.Add(StatBankTables.Erhv2());

        using var client = harness.Factory.CreateClient();

        await Eventually.TrueAsync(async () => (await harness.StoredAsync("jobs")).Count == StatBankTables.Erhv2PointCount, Eventually.BackgroundWork);
    }

    [Fact]
    public async Task Indicators_AfterIngestion_ListLastRunTableUpdateAndLatestPeriod()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog());
        harness.StatBank.Add(StatBankTables.Erhv2());
        await harness.IngestAsync("jobs");
        using var client = harness.Factory.CreateClient();

        var indicators = await client.GetFromJsonAsync<IndicatorSummary[]>("/api/indicators");

        var jobs = Assert.Single(indicators!);
        Assert.Equal("2023", jobs.LatestPeriod);
        Assert.Equal("success", jobs.LastOutcome);
        Assert.NotNull(jobs.LastSuccessfulRun);
        // 2025-03-25 08:00 Danish winter time (UTC+1).
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero), jobs.TableUpdated);
    }

    [Fact]
    public async Task Refresh_WithoutKey_Refused401AndNothingQueued()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog());
        using var client = harness.Factory.CreateClient();

        using var response = await client.PostAsync("/api/indicators/jobs/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, harness.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public async Task Refresh_NoKeysConfigured_Refused403()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog(), settings: new Dictionary<string, string?> { ["Security:ApiKeys:0"] = null });
        using var client = harness.OperatorClient();

        using var response = await client.PostAsync("/api/indicators/jobs/refresh", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Security:ApiKeys", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Refresh_UnknownIndicator_404Problem()
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog());
        using var client = harness.OperatorClient();

        using var response = await client.PostAsync("/api/indicators/no-such'; DROP/refresh", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Unknown indicator", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }
}
