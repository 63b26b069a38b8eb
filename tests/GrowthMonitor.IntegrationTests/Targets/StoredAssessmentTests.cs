using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Targets;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// A target's status is judged once, by the evaluation job, and every reader (API, report, stored target_status)
/// shows that judgement, never a stale cached one.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class StoredAssessmentTests(ServersFixture servers)
{
    [Fact]
    public async Task Revision_AfterTheEvaluationRunFinishes_ApiReportAndStoredStatusAgree()
    {
        // Horsens +500 jobs a year from 41,000 in 2022: 41,900 in 2024 is progress 0.9 (at risk); Statistics
        // Denmark then revises 2024 to 42,100, progress 1.1 (on track).
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        var table = HorsensScenario.Erhv2();
        harness.StatBank.Add(table);
        using var client = harness.OperatorClient();
        await RefreshAndAwaitEvaluationAsync(harness, client);
        Assert.Equal(("at_risk", "at_risk", "at_risk"), await StatusesAsync(harness, client)); // also fills the response cache

        Revise2024(table, 42_100);
        await RefreshAndAwaitEvaluationAsync(harness, client);

        Assert.Equal(("on_track", "on_track", "on_track"), await StatusesAsync(harness, client));
        using var html = await client.GetAsync("/api/alliances/horsens/reports/2024?format=html");
        Assert.Contains("På sporet", await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Read_RenderedBeforeARunAndCachedAfterIt_NeverAnswersALaterRequest()
    {
        // A read renders 41,900 (at risk), then a run judges the revised 42,100 (on track) and drops the cached
        // responses, and only then does the read's response reach the output cache.
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        var table = HorsensScenario.Erhv2();
        harness.StatBank.Add(table);
        var held = new HeldOutputCacheStore();
        await using var factory = harness.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(held.Wrap));
        using var client = factory.CreateClient();
        await IngestAndEvaluateAsync(factory);

        var early = client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs");
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        Revise2024(table, 42_100);
        await IngestAndEvaluateAsync(factory);
        held.Release();
        var late = await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs");

        Assert.Equal("at_risk", (await early).GetProperty("evaluation").GetProperty("status").GetString());
        Assert.Equal("on_track", late.GetProperty("evaluation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Evaluate_TwoJudgesFinishingAtTheSameFrozenMoment_BothStoredASecondApart()
    {
        // The clock stands still, as when a queued run and another instance's run end in the same second: each run
        // keeps a time of its own (Grafana's copies are keyed by it) and neither fails.
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        harness.StatBank.Add(HorsensScenario.Erhv2());

        await Task.WhenAll(harness.EvaluateAsync(), harness.EvaluateAsync(), harness.EvaluateAsync());

        await using var connection = new NpgsqlConnection(harness.Database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT extract(epoch FROM at - min(at) OVER ())::int FROM growthmonitor.evaluation_runs ORDER BY at", connection);
        List<int> seconds = [];
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seconds.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal([0, 1, 2], seconds);
    }

    [Fact]
    public async Task Target_NoFiguresYet_ListedAsNoDataWithItsReason()
    {
        var catalog = HorsensScenario.Catalog();
        catalog["indicators"]!.AsArray().Add(ServiceHarness.Indicator("unemployment", "AULK01", "OMRÅDE", new Dictionary<string, string[]> { ["YDELSESTYPE"] = ["TOT"] }));
        catalog["targets"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "horsens-unemployment", "alliance": "horsens", "indicator": "unemployment", "areas": ["615"],
              "kind": "percent-growth", "direction": "down", "amount": 2, "baselinePeriod": "2022", "endPeriod": "2030" }
            """));
        await using var harness = ServiceHarness.Create(servers, catalog, today: HorsensScenario.Today);
        using var client = harness.Factory.CreateClient();

        var before = await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-unemployment");
        await harness.EvaluateAsync();
        var after = await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-unemployment");
        var listed = (await client.GetFromJsonAsync<JsonElement[]>("/api/targets"))!.Single(t => t.GetProperty("target").GetProperty("id").GetString() == "horsens-unemployment");

        Assert.Equal(("no_data", "not_evaluated"), Verdict(before));
        Assert.Equal(("no_data", "no_observations"), Verdict(after));
        Assert.Equal("There are no observations.", after.GetProperty("evaluation").GetProperty("reason").GetString());
        Assert.Equal(("no_data", "no_observations"), Verdict(listed));
    }

    [Fact]
    public async Task Target_IfNoneMatchTheCurrentETag_304UntilTheNextRun()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var first = await client.GetAsync("/api/targets/horsens-jobs");
        var etag = first.Headers.ETag;
        using var unchanged = await SendAsync(client, "/api/targets/horsens-jobs", etag!);
        await harness.EvaluateAsync();
        using var afterRun = await SendAsync(client, "/api/targets/horsens-jobs", etag!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(etag, unchanged.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, afterRun.StatusCode);
        Assert.NotEqual(etag, afterRun.Headers.ETag);
    }

    [Fact]
    public async Task Report_HtmlAndJson_DifferentETags()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var json = await client.GetAsync("/api/alliances/horsens/reports/2024");
        using var htmlRequest = new HttpRequestMessage(HttpMethod.Get, "/api/alliances/horsens/reports/2024");
        htmlRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var html = await client.SendAsync(htmlRequest);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(json.Headers.ETag, html.Headers.ETag);
    }

    [Fact]
    public async Task Target_UnknownId_NoETag()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/targets/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task Series_InfluxUnreachable_503NamingInfluxWithRetryAfter()
    {
        var closedPort = ExternalProcess.FreeLoopbackPort();
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?> { ["Influx:Url"] = $"http://127.0.0.1:{closedPort}" });
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/indicators/jobs/series");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(StorageExceptionHandler.RetryAfter, response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("InfluxDB", problem!.Title);
    }

    [Fact]
    public async Task Read_InfluxUnreachable_StoredAssessmentsStillServed()
    {
        string database;
        await using (var judged = await HorsensScenario.StartAsync(servers))
        {
            database = judged.Database;
        }

        var closedPort = ExternalProcess.FreeLoopbackPort();
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), database,
            new Dictionary<string, string?> { ["Influx:Url"] = $"http://127.0.0.1:{closedPort}" }, HorsensScenario.Today);
        using var client = harness.Factory.CreateClient();

        var target = await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs");

        // The judgement of the run before InfluxDB went away: +500 a year from 2022's 41,000 expects 42,000 in 2024,
        // and 41,900 is 90 % of the way (at risk).
        Assert.Equal("at_risk", target.GetProperty("evaluation").GetProperty("status").GetString());
        Assert.Equal(42_000, target.GetProperty("evaluation").GetProperty("expected").GetDouble());
        Assert.Equal(0.9, target.GetProperty("evaluation").GetProperty("progress").GetDouble(), 9);
    }

    [Fact]
    public async Task Evaluate_WithOperatorKey_QueuesARunThatStoresNewResults()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.OperatorClient();
        var before = await LastRunAsync(harness);

        using var response = await client.PostAsync("/api/targets/evaluate", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(async () => await LastRunAsync(harness) > before, Eventually.BackgroundWork);
    }

    [Fact]
    public async Task Cache_RunStoredOnTheOneItHolds_SameAsReadingTheDatabase()
    {
        // The first run stores on top of an empty database and the second on top of the first: each time the cache
        // takes the run's own assessments instead of reading them back, and must hold what a reader of the database gets.
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        var table = HorsensScenario.Erhv2();
        harness.StatBank.Add(table);
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        Revise2024(table, 42_100);
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        var services = harness.Factory.Services;
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var cached = await services.GetRequiredService<AssessmentCache>().GetAsync(CancellationToken.None);
        var read = await services.GetRequiredService<AssessmentStore>().ReadAsync(CancellationToken.None);

        Assert.Equal(read.Run, cached.Run);
        foreach (var target in services.GetRequiredService<GrowthCatalog>().Targets)
        {
            Assert.Equal(read.Of(target).EvaluatedAt, cached.Of(target).EvaluatedAt);
            Assert.Equal(JsonSerializer.Serialize(read.Of(target).Assessment, json), JsonSerializer.Serialize(cached.Of(target).Assessment, json));
        }

        Assert.Equal(TargetStatus.OnTrack, cached.Of(services.GetRequiredService<GrowthCatalog>().FindTarget("horsens-jobs")!).Assessment.Current.Status);
    }

    [Fact]
    public async Task Cache_AnotherRunStoredInBetween_ShowsWhatTheDatabaseHolds()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        var services = harness.Factory.Services;
        var cache = services.GetRequiredService<AssessmentCache>();
        var store = services.GetRequiredService<AssessmentStore>();
        var catalog = services.GetRequiredService<GrowthCatalog>();
        var target = catalog.FindTarget("horsens-jobs")!;
        var judged = (await cache.GetAsync(CancellationToken.None)).Of(target).Assessment;
        string[] targets = [.. catalog.Targets.Select(t => t.Id)];

        // Another instance stores a run that found the target on track; then this process stores one that could judge
        // no target. Laid over the run the cache holds (at risk), it would show the older judgement.
        var other = await store.WriteAsync(
            new EvaluationRun(HorsensScenario.Today, 1, 0, catalog.Fingerprint, 1),
            [(target, judged with { Current = judged.Current with { Status = TargetStatus.OnTrack } })],
            targets,
            CancellationToken.None);
        var own = await store.WriteAsync(new EvaluationRun(HorsensScenario.Today, 0, 2, catalog.Fingerprint, 1), [], targets, CancellationToken.None);
        await cache.StoredAsync(own, [], CancellationToken.None);
        var shown = await cache.GetAsync(CancellationToken.None);

        Assert.Equal(TargetStatus.AtRisk, judged.Current.Status);
        Assert.Equal(other.Run.Time, own.Previous);
        Assert.Equal(own.Run, shown.Run);
        Assert.Equal(TargetStatus.OnTrack, shown.Of(target).Assessment.Current.Status);
        Assert.Equal(other.Run.Time, shown.Of(target).EvaluatedAt);
    }

    [Fact]
    public async Task Projection_SameFiguresJudgedAgain_PerPeriodPointsRewrittenOnlyOnceTheyChange()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        var table = HorsensScenario.Erhv2();
        harness.StatBank.Add(table);
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        const string Stray = "time < '2000-01-01T00:00:00Z'";
        // A point no run writes: it goes when the target's per-period points are deleted and written afresh, and stays
        // while they are left alone.
        await harness.Influx.WriteAsync(
            [InfluxPoint.Create("target_status", new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), [("target", "horsens-jobs"), ("alliance", "horsens")], ("status", FieldValue.String("stray")))]);

        await harness.EvaluateAsync();
        var afterSameFigures = (await CountAsync(harness, "target_status", Stray), await CountAsync(harness, "target_evaluation"));
        Revise2024(table, 42_100);
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();

        Assert.Equal((1, 2), afterSameFigures);
        Assert.Equal(0, await CountAsync(harness, "target_status", Stray));
        Assert.Equal(3, await CountAsync(harness, "target_evaluation"));
        // 2023 and 2024, as judged on the revised figures.
        Assert.Equal(2, await CountAsync(harness, "target_status"));
        var stored = await harness.Influx.QueryAsync(new InfluxQuery("SELECT \"status\" FROM target_status WHERE target = 'horsens-jobs' AND time = '2024-01-01T00:00:00Z'"));
        Assert.Equal("on_track", Assert.Single(Assert.Single(stored).Rows).GetString("status"));
    }

    /// <summary>Statistics Denmark revises Horsens' 2024 jobs figure.</summary>
    private static void Revise2024(FakeTable table, decimal jobs)
    {
        var published = table.Values;
        table.Values = (area, year) => (area, year) is ("615", "2024") ? jobs : published(area, year);
        table.Updated = table.Updated.AddDays(1);
    }

    private static async Task IngestAndEvaluateAsync(WebApplicationFactory<Program> factory)
    {
        var services = factory.Services;
        await services.GetRequiredService<IndicatorIngestor>().IngestAsync(services.GetRequiredService<GrowthCatalog>().FindIndicator("jobs")!, CancellationToken.None);
        await services.GetRequiredService<TargetJudge>().EvaluateAsync(CancellationToken.None);
    }

    /// <summary>Queues an ingestion through the API and waits until the evaluation it queues in turn has succeeded.</summary>
    private static async Task RefreshAndAwaitEvaluationAsync(ServiceHarness harness, HttpClient client)
    {
        var monitoring = harness.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        int Evaluations() => monitoring.SucceededJobs(0, 1_000).Count(j => j.Value.Job?.Type == typeof(EvaluationJob) && j.Value.Job.Args[0] is "new data for jobs");
        var before = Evaluations();
        (await client.PostAsync("/api/indicators/jobs/refresh", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Evaluations() > before, Eventually.BackgroundWork);
    }

    /// <summary>Horsens-jobs' status in the API, in the 2024 report, and in the stored target_status for 2024.</summary>
    private static async Task<(string? Api, string? Report, string? Stored)> StatusesAsync(ServiceHarness harness, HttpClient client)
    {
        var target = await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs");
        var report = await client.GetFromJsonAsync<JsonElement>("/api/alliances/horsens/reports/2024");
        var reported = report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == "horsens-jobs");
        var stored = await harness.Influx.QueryAsync(new InfluxQuery("SELECT \"status\" FROM target_status WHERE target = 'horsens-jobs' AND time = '2024-01-01T00:00:00Z'"));
        return (
            target.GetProperty("evaluation").GetProperty("status").GetString(),
            reported.GetProperty("evaluation").GetProperty("status").GetString(),
            Assert.Single(Assert.Single(stored).Rows).GetString("status"));
    }

    /// <summary>How many points of horsens-jobs the measurement holds, of those that meet <paramref name="condition"/> if given.</summary>
    private static async Task<long> CountAsync(ServiceHarness harness, string measurement, string? condition = null)
    {
        var counted = await harness.Influx.QueryAsync(new InfluxQuery($"SELECT count(\"status\") FROM {measurement} WHERE target = 'horsens-jobs'{(condition is null ? "" : $" AND {condition}")}"));
        return counted.Count == 0 ? 0 : Assert.Single(Assert.Single(counted).Rows).GetInt64("count") ?? 0;
    }

    private static (string? Status, string? Reason) Verdict(JsonElement target) =>
        (target.GetProperty("evaluation").GetProperty("status").GetString(), target.GetProperty("evaluation").GetProperty("reasonCode").GetString());

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    private static async Task<DateTimeOffset> LastRunAsync(ServiceHarness harness) =>
        (await harness.Factory.Services.GetRequiredService<AssessmentStore>().LastRunAsync(CancellationToken.None))?.Time ?? DateTimeOffset.MinValue;
}

/// <summary>The service's output cache, except that the first response it is given to keep is held until the test releases it.</summary>
internal sealed class HeldOutputCacheStore
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int holding;

    /// <summary>Completes when the first response is about to be kept.</summary>
    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    public void Wrap(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.AddSingleton<IOutputCacheStore>(provider => new Store(this, (IOutputCacheStore)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }

    private sealed class Store(HeldOutputCacheStore owner, IOutputCacheStore inner) : IOutputCacheStore
    {
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref owner.holding, 1) == 0)
            {
                owner.reached.TrySetResult();
                await owner.released.Task.WaitAsync(cancellationToken);
            }

            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }
}
