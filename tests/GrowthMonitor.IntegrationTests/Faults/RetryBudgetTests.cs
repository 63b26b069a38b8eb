using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.Indicators;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseProviders;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// The request budget of docs/retries.md: how many requests a Statistics Denmark that keeps failing receives for one
/// indicator, per Hangfire attempt and over the whole job, at the default retry counts (StatBank:MaxRetryAttempts 4,
/// Ingestion:StreamRetries 3, three Ingestion:RetryDelays); only the waits are cut to milliseconds and seconds. Each
/// layer retries its own failure kind once, so the counts add up instead of multiplying.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RetryBudgetTests(ServersFixture servers)
{
    private const string TableInfoPath = "/v1/tableinfo";
    private const string DataPath = "/v1/data";

    /// <summary>One run and its three Hangfire retries.</summary>
    private const int HangfireAttempts = 4;

    /// <summary>
    /// Statistics Denmark's production timeouts instead of the harness's 2 s: an attempt that a busy test machine slows
    /// past a short timeout is retried, as it should be, but is not the failure counted here.
    /// </summary>
    private static readonly Dictionary<string, string?> ProductionTimeouts = new()
    {
        ["StatBank:AttemptTimeout"] = null,
        ["StatBank:TotalTimeout"] = null,
    };

    [Theory]
    // /tableinfo answers, then the HTTP handler sends /data once and retries it 4 times; the stream layer leaves a 503 alone.
    [InlineData("data answers 503", 1, 5)]
    // The HTTP handler sends /tableinfo once and retries it 4 times; nothing else is asked.
    [InlineData("tableinfo answers 503", 5, 0)]
    // /tableinfo answers, every /data body breaks half-way: the stream layer fetches 3 more times, the handler never
    // repeats a response it handed over.
    [InlineData("data body breaks", 1, 4)]
    public async Task IngestRun_StatBankFailsEveryTime_SendsTheDocumentedRequestsPerAttempt(string failure, int tableInfoRequests, int dataRequests)
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog(), settings: ProductionTimeouts);
        FailEveryTime(harness.StatBank, failure);

        await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));

        Assert.Equal(Attempt(tableInfoRequests, dataRequests), Paths(harness.StatBank));
    }

    [Theory]
    [InlineData("data answers 503", 1, 5)] // 24 requests in all, 20 of them POST /v1/data
    [InlineData("tableinfo answers 503", 5, 0)] // 20 requests in all
    [InlineData("data body breaks", 1, 4)] // 20 requests in all
    public async Task IngestJob_StatBankFailsEveryTime_SendsTheDocumentedRequestsInEachOfItsFourAttempts(string failure, int tableInfoRequests, int dataRequests)
    {
        await using var harness = ServiceHarness.Create(servers, StatBankTables.JobsCatalog(), await servers.Postgres.CreateDatabaseAsync(), new Dictionary<string, string?>(ProductionTimeouts)
        {
            ["Ingestion:RetryDelays:0"] = "00:00:01",
            ["Ingestion:RetryDelays:1"] = "00:00:01",
            ["Ingestion:RetryDelays:2"] = "00:00:01",
        });
        FailEveryTime(harness.StatBank, failure);
        using var client = harness.OperatorClient();
        var jobs = harness.Factory.Services.GetRequiredService<JobStorage>();

        using var response = await client.PostAsync("/api/indicators/jobs/refresh", null);
        var jobId = (await response.Content.ReadFromJsonAsync<RefreshAccepted>())!.JobId;

        // Failed for good: no retry is scheduled any more.
        await Eventually.TrueAsync(() => CurrentState(jobs, jobId) == FailedState.StateName, Eventually.BackgroundWork);
        var history = jobs.GetMonitoringApi().JobDetails(jobId).History;
        Assert.Equal(HangfireAttempts, history.Count(state => state.StateName == ProcessingState.StateName));
        Assert.Equal(Enumerable.Repeat(Attempt(tableInfoRequests, dataRequests), HangfireAttempts).SelectMany(paths => paths), Paths(harness.StatBank));
    }

    /// <summary>From now on, every request of the kind <paramref name="failure"/> names fails the same way.</summary>
    private static void FailEveryTime(StatBankFake statBank, string failure)
    {
        var table = statBank.Add(StatBankTables.Erhv2());
        var (request, answer) = failure switch
        {
            "data answers 503" => (StatBankFake.PostData(), (IResponseProvider)StatBankFake.Answer("", "text/html", HttpStatusCode.ServiceUnavailable)),
            "tableinfo answers 503" => (StatBankFake.Get("tableinfo"), StatBankFake.Answer("", "text/html", HttpStatusCode.ServiceUnavailable)),
            "data body breaks" => (StatBankFake.PostData(), StatBankFake.CutOff(MonthlyTable.Body(table), StatBankFake.Csv)),
            _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
        };
        statBank.Server.Given(request).RespondWith(answer);
    }

    /// <summary>The paths one attempt asks for, in order: <c>/tableinfo</c> first, then <c>/data</c>.</summary>
    private static string[] Attempt(int tableInfoRequests, int dataRequests) =>
        [.. Enumerable.Repeat(TableInfoPath, tableInfoRequests), .. Enumerable.Repeat(DataPath, dataRequests)];

    private static IEnumerable<string> Paths(StatBankFake statBank) => statBank.Requests.Select(request => request.Path);

    private static string? CurrentState(JobStorage jobs, string jobId)
    {
        using var connection = jobs.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
