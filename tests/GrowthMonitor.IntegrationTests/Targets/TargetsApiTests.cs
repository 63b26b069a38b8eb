using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Targets;

[Collection(ServersCollection.Name)]
public sealed class TargetsApiTests(ServersFixture servers)
{
    [Fact]
    public async Task Target_Current_StatusFiguresAndTrajectory()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var target = JsonDocument.Parse(await client.GetStringAsync("/api/targets/horsens-jobs"));

        var root = target.RootElement;
        Assert.Equal("at_risk", root.GetProperty("evaluation").GetProperty("status").GetString());
        Assert.Equal(0.9, root.GetProperty("evaluation").GetProperty("progress").GetDouble(), 1e-9);
        var trajectory = root.GetProperty("trajectory").EnumerateArray().Select(p => (p.GetProperty("period").GetString(), p.GetProperty("expected").GetDouble())).ToList();
        Assert.Equal(("2022", 41_000d), trajectory[0]);
        Assert.Equal(("2030", 45_000d), trajectory[^1]); // 41,000 + 8 × 500
    }

    [Fact]
    public async Task Alliance_ListsItsTargetsWithStatus()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var alliance = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/horsens"));

        var targets = alliance.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("target").GetProperty("id").GetString()!, t => t.GetProperty("evaluation").GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["horsens-jobs"] = "at_risk", ["horsens-vs-denmark"] = "at_risk" }, targets);
        Assert.Equal("Horsens", alliance.RootElement.GetProperty("areas")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Evaluate_TwiceOnSameData_OneStoredPointPerTargetAndPeriod()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        await harness.EvaluateAsync();
        await harness.EvaluateAsync();

        // 2023: 41,450 against 41,000 + 500 expected, progress 450 / 500; 2024: 41,900 against 42,000, 900 / 1,000.
        var history = (await client.GetFromJsonAsync<JsonElement[]>("/api/targets/horsens-jobs/history"))!;
        Assert.Equal([("2023", "at_risk", 0.9), ("2024", "at_risk", 0.9)], history.Select(p => (p.GetProperty("period").GetString(), p.GetProperty("status").GetString(), Math.Round(p.GetProperty("progress").GetDouble(), 9))));
        var stored = await harness.Influx.QueryAsync(new InfluxQuery("SELECT count(\"status\") FROM target_status WHERE target = 'horsens-jobs'"));
        Assert.Equal(2, Assert.Single(Assert.Single(stored).Rows).GetInt64("count"));
        var trajectory = await harness.Influx.QueryAsync(new InfluxQuery("SELECT count(\"expected\") FROM target_trajectory WHERE target = 'horsens-jobs'"));
        Assert.Equal(9, Assert.Single(Assert.Single(trajectory).Rows).GetInt64("count")); // 2022–2030, written twice, stored once
    }

    [Fact]
    public async Task Ingestion_WithNewData_EvaluatesItsTargetsThroughHangfire()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        harness.StatBank.Add(HorsensScenario.Erhv2());
        using var client = harness.OperatorClient();

        (await client.PostAsync("/api/indicators/jobs/refresh", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => (await client.GetFromJsonAsync<JsonElement[]>("/api/targets/horsens-jobs/history"))!.Length == 2, Eventually.BackgroundWork);
    }

    [Fact]
    public async Task Series_JsonAndCsv_ExactlyTheIngestedFigures()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/indicators/jobs/series?area=615&from=2021&to=2023"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/indicators/jobs/series?area=082&from=2024");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await client.SendAsync(request);

        var points = json.RootElement.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("area").GetString(), p.GetProperty("period").GetString(), p.GetProperty("value").GetDouble()));
        Assert.Equal([("615", "2021", 40_500d), ("615", "2022", 41_000d), ("615", "2023", 41_450d)], points);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        // Danish Excel's dialect by default; the comma/point one for programs on request.
        Assert.Equal("area;period;value\r\n082;2024;609000\r\n", await csv.Content.ReadAsStringAsync());
        Assert.Equal("area,period,value\r\n082,2024,609000\r\n", await client.GetStringAsync("/api/indicators/jobs/series?area=082&from=2024&format=csv&dialect=rfc4180"));
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog());
        using var client = harness.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/alliances/{id}/reports/{year}", document);
        Assert.Contains("/api/indicators/{id}/series", document);
    }

    public static readonly IReadOnlyList<(string Url, HttpStatusCode Expected)> HostileRequests =
    [
        ("/api/indicators/jobs/series?area=615' OR 1=1", HttpStatusCode.BadRequest),
        ("/api/indicators/jobs/series?area=" + Uri.EscapeDataString("615\" OR area =~ /.*/"), HttpStatusCode.BadRequest),
        ("/api/indicators/jobs/series?from=" + Uri.EscapeDataString("2020; DROP MEASUREMENT jobs"), HttpStatusCode.BadRequest),
        ("/api/indicators/jobs/series?to=" + new string('9', 5_000), HttpStatusCode.BadRequest),
        ("/api/indicators/jobs/series?from=2024&to=2020", HttpStatusCode.BadRequest),
        ("/api/indicators/" + Uri.EscapeDataString("jobs\"; DROP DATABASE x; --") + "/series", HttpStatusCode.NotFound),
        ("/api/targets/" + new string('x', 2_000), HttpStatusCode.NotFound),
        ("/api/targets/" + Uri.EscapeDataString("horsens-jobs' OR ''='") + "/history", HttpStatusCode.NotFound),
        ("/api/alliances/" + Uri.EscapeDataString("<script>alert(1)</script>"), HttpStatusCode.NotFound),
        ("/api/alliances/horsens/reports/20x4", HttpStatusCode.BadRequest),
        ("/api/alliances/horsens/reports/1776", HttpStatusCode.BadRequest),
        ("/api/alliances/horsens/reports/9999", HttpStatusCode.BadRequest),
        ("/api/alliances/horsens/reports/-2024", HttpStatusCode.BadRequest),
        ("/api/alliances/horsens/reports/" + new string('2', 3_000), HttpStatusCode.BadRequest),
        ("/api/alliances/horsens/reports/2024?format=xml", HttpStatusCode.BadRequest),
        ("/api/alliances/nope/reports/2024", HttpStatusCode.NotFound),
    ];

    [Fact]
    public async Task HostileParameters_ClearProblemAndDataIntact()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        var before = await SnapshotAsync(harness.Influx);
        List<string> violations = [];

        foreach (var (url, expected) in HostileRequests)
        {
            using var response = await client.GetAsync(url);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? await response.Content.ReadFromJsonAsync<ProblemDetails>()
                : null;
            // The problem must not echo a long input back.
            if (response.StatusCode != expected || problem?.Status != (int)expected || (problem.Detail?.Length ?? 0) >= 300)
            {
                violations.Add($"{url[..Math.Min(url.Length, 80)]}: {(int)response.StatusCode} {response.Content.Headers.ContentType}, detail {problem?.Detail?.Length} characters");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal(before, await SnapshotAsync(harness.Influx));
    }

    /// <summary>Measurements and the number of stored job figures, to show a request changed nothing.</summary>
    private static async Task<string> SnapshotAsync(InfluxClient influx)
    {
        var measurements = await influx.QueryAsync(new InfluxQuery("SHOW MEASUREMENTS"));
        var count = await influx.QueryAsync(new InfluxQuery("SELECT count(\"value\") FROM jobs"));
        return string.Join(",", measurements.SelectMany(s => s.Rows).Select(r => r.GetString("name"))) + "|" + Assert.Single(Assert.Single(count).Rows).GetInt64("count");
    }
}
