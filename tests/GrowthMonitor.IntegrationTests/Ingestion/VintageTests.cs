using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.Extensions.Time.Testing;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>
/// Every published figure is kept with the run that first saw it (its vintage), and a run's figures become visible
/// only when the whole run succeeded.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class VintageTests(ServersFixture servers)
{
    /// <summary>Batches of two points, so that a run that breaks half-way has already written some of its figures.</summary>
    private static readonly Dictionary<string, string?> SmallBatches = new() { ["Influx:BatchSize"] = "2", ["Ingestion:StreamRetries"] = "1" };

    [Fact]
    public async Task FirstBackfill_BodyBreaksHalfWay_ApiShowsNoneOfItsFigures()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: SmallBatches, today: HorsensScenario.Today);
        var table = harness.StatBank.Add(HorsensScenario.Erhv2());
        BreakDataBodiesHalfWay(harness, table);
        using var client = harness.Factory.CreateClient();

        await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));

        Assert.Empty(await FiguresAsync(client, ""));
        Assert.Equal(["failed"], (await harness.RunsAsync("jobs")).Select(r => r.Outcome));
        Assert.Empty(await harness.StoredAsync("jobs")); // the failed vintage was discarded, too
    }

    [Fact]
    public async Task RevisionRun_BodyBreaksHalfWay_ApiShowsTheOldFiguresOnly()
    {
        var jobs = new Dictionary<(string Area, string Year), decimal>(HorsensScenario.Jobs);
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: SmallBatches, today: HorsensScenario.Today);
        var table = harness.StatBank.Add(HorsensScenario.Erhv2());
        table.Values = (area, year) => jobs.TryGetValue((area, year), out var value) ? value : null;
        await harness.IngestAsync("jobs");
        using var client = harness.Factory.CreateClient();
        var before = await FiguresAsync(client, "");

        // Every figure of the revision window (2022–2024) is revised by +1, and the body breaks half-way.
        foreach (var key in jobs.Keys.Where(k => k.Year is "2022" or "2023" or "2024").ToList())
        {
            jobs[key] += 1;
        }

        table.Updated = table.Updated.AddDays(1);
        BreakDataBodiesHalfWay(harness, table);
        await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));

        Assert.Equal(18, before.Count); // 3 areas × 6 years
        Assert.Equal(before, await FiguresAsync(client, ""));
    }

    [Fact]
    public async Task UncommittedVintage_LeftByAKilledRun_NotShown()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        harness.StatBank.Add(HorsensScenario.Erhv2());
        await harness.IngestAsync("jobs");
        using var client = harness.Factory.CreateClient();

        // What a run killed half-way leaves: figures of vintage 2, no success recorded.
        await harness.Influx.WriteLineProtocolAsync(System.Text.Encoding.UTF8.GetBytes(
            $"jobs,area=615,table=ERHV2,vintage=2 value=1 {new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(2).ToUnixTimeMilliseconds()}\n"));

        var figures = await FiguresAsync(client, "?area=615&from=2024&to=2024");
        Assert.Equal([("615", "2024", 41_900d)], figures);
    }

    [Fact]
    public async Task Revision_AsOfBetweenTheRuns_FirstFigureAndTheStatusItGave()
    {
        var jobs = new Dictionary<(string Area, string Year), decimal>(HorsensScenario.Jobs);
        var clock = new FakeTimeProvider(HorsensScenario.Today);
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today, clock: clock);
        var table = harness.StatBank.Add(HorsensScenario.Erhv2());
        table.Values = (area, year) => jobs.TryGetValue((area, year), out var value) ? value : null;
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        var between = clock.GetUtcNow().AddHours(12);

        clock.Advance(TimeSpan.FromDays(1));
        jobs[("615", "2024")] = 42_100;
        table.Updated = table.Updated.AddDays(1);
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        using var client = harness.Factory.CreateClient();
        var asOf = "&asOf=" + Uri.EscapeDataString(between.ToString("O", CultureInfo.InvariantCulture));

        Assert.Equal([("615", "2024", 41_900d)], await FiguresAsync(client, "?area=615&from=2024&to=2024" + asOf));
        Assert.Equal([("615", "2024", 42_100d)], await FiguresAsync(client, "?area=615&from=2024&to=2024"));
        Assert.Equal([("615", "2024", 41_900d)], await FiguresAsync(client, "?area=615&from=2024&to=2024&vintage=first"));

        // +500 a year from 41,000: 41,900 against 42,000 is progress 0.9 (at risk); 42,100 is 1.1 (on track).
        var then = await ReportTargetAsync(client, "?x=1" + asOf);
        var now = await ReportTargetAsync(client, "");
        Assert.Equal(("at_risk", 41_900d), (then.GetProperty("evaluation").GetProperty("status").GetString(), then.GetProperty("evaluation").GetProperty("actual").GetDouble()));
        Assert.Equal(("on_track", 42_100d), (now.GetProperty("evaluation").GetProperty("status").GetString(), now.GetProperty("evaluation").GetProperty("actual").GetDouble()));
        var revision = Assert.Single(then.GetProperty("revisions").EnumerateArray());
        Assert.Equal(("2024", 41_900d, 42_100d), (revision.GetProperty("period").GetString(), revision.GetProperty("old").GetDouble(), revision.GetProperty("new").GetDouble()));
        var html = await client.GetStringAsync("/api/alliances/horsens/reports/2024?format=html" + asOf);
        Assert.Contains("som de var kendt", html);
        Assert.Contains("42.100", html);
    }

    [Theory]
    [InlineData("?asOf=yesterday")]
    [InlineData("?asOf=2026-13-01")]
    [InlineData("?vintage=second")]
    [InlineData("?vintage=first&asOf=2026-03-01T00:00:00Z")]
    public async Task Series_MalformedVintage_400(string query)
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/indicators/jobs/series" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Every data request from now on gets the table's body cut off after half of it.</summary>
    private static void BreakDataBodiesHalfWay(ServiceHarness harness, FakeTable table)
    {
        using var body = new MemoryStream();
        using (var rows = table.Body())
        {
            rows.CopyTo(body);
        }

        harness.StatBank.Server.Given(StatBankFake.PostData()).RespondWith(StatBankFake.CutOff(body.ToArray(), StatBankFake.Csv));
    }

    private static async Task<List<(string Area, string Period, double Value)>> FiguresAsync(HttpClient client, string query)
    {
        var series = await client.GetFromJsonAsync<JsonElement>("/api/indicators/jobs/series" + query);
        return [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("area").GetString()!, p.GetProperty("period").GetString()!, p.GetProperty("value").GetDouble()))];
    }

    private static async Task<JsonElement> ReportTargetAsync(HttpClient client, string query)
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/api/alliances/horsens/reports/2024" + query);
        return report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == "horsens-jobs");
    }
}
