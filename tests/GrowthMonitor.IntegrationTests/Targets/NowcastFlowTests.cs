using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// The early estimate end to end on real servers: jobs (annual, like ERHV2) and wage earners (quarterly, like LBESK69)
/// for Horsens (615), Herning (657) and Holstebro (661) from the fake Statistics Denmark, ingested and judged by the
/// service; the estimate in <c>GET /api/targets/{id}</c>, a new quarter that moves it and tells once
/// (<c>target.nowcast_changed</c>, in the ledger and to a JSON webhook), and the official figure that ends it. Every
/// number is worked out by hand below.
/// </summary>
/// <remarks>
/// Wage earners are flat in each area's 3rd quarters 2016–2024 (615: 1,000; 657: 2,000; 661: 500), so an estimate made
/// with the 3rd quarter of year s is last year's jobs: its error is Y(s−1) / Y(s) − 1. Jobs:
/// <code>
///        2016 2017 2018 2019 2020 2021 2022 2023 2024 | 2025
/// 615  40,000 ………………………………………… 40,000 40,500 41,000 | 41,450
/// 657  50,000 ………… 50,000 51,000 50,000 ………………… 50,000 | 50,000
/// 661  20,000 20,000 21,000 20,000 ……… 20,000 20,800 20,000 | 20,000
/// </code>
/// The 24 errors with the 3rd quarter before 2025 (years 2017–2024 × 3 areas), zero where jobs did not move:
/// 615: 2023 40,000/40,500 − 1 = −0.012346, 2024 40,500/41,000 − 1 = −0.012195, six zeros;
/// 657: 2020 50,000/51,000 − 1 = −0.019608, 2021 51,000/50,000 − 1 = +0.02, six zeros;
/// 661: 2018 20,000/21,000 − 1 = −0.047619, 2019 21,000/20,000 − 1 = +0.05, 2023 20,000/20,800 − 1 = −0.038462,
/// 2024 20,800/20,000 − 1 = +0.04, four zeros.
/// Sorted |e|: 16 zeros, 0.012195, 0.012346, 0.019608, 0.02, 0.038462, 0.04, 0.047619, 0.05; the nearest rank of the
/// 80th percentile is ⌈0.8 × 24⌉ = 20: Q = 0.02.
/// The 1st and 2nd quarters exist only for 2024 and 2025, so no earlier estimate with the 2nd quarter could be made:
/// 0 past errors, no band.
/// The target: +500 jobs a year in 615 from 40,000 in 2022, so 41,000 expected in 2024 (41,000 actual: progress 1.0,
/// on track) and 41,500 in 2025.
/// </remarks>
[Collection(ServersCollection.Name)]
public sealed class NowcastFlowTests(ServersFixture servers) : IDisposable
{
    private const string Secret = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    private const string Target = "/api/targets/horsens-jobs";

    /// <summary>The 2024 jobs are fresh (2025 is due by the end of 2026), and wage earners' 3rd quarter 2025 is out.</summary>
    private static readonly DateTimeOffset Today = new(2026, 1, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Areas = ["615", "657", "661"];

    private static readonly Dictionary<string, int> WageEarners = new() { ["615"] = 1_000, ["657"] = 2_000, ["661"] = 500 };

    private readonly WireMockServer receiver = WireMockServer.Start();

    private readonly Dictionary<(string Area, int Year), decimal> jobs = new()
    {
        [("615", 2016)] = 40_000, [("615", 2017)] = 40_000, [("615", 2018)] = 40_000, [("615", 2019)] = 40_000, [("615", 2020)] = 40_000,
        [("615", 2021)] = 40_000, [("615", 2022)] = 40_000, [("615", 2023)] = 40_500, [("615", 2024)] = 41_000, [("615", 2025)] = 41_450,
        [("657", 2016)] = 50_000, [("657", 2017)] = 50_000, [("657", 2018)] = 50_000, [("657", 2019)] = 50_000, [("657", 2020)] = 51_000,
        [("657", 2021)] = 50_000, [("657", 2022)] = 50_000, [("657", 2023)] = 50_000, [("657", 2024)] = 50_000, [("657", 2025)] = 50_000,
        [("661", 2016)] = 20_000, [("661", 2017)] = 20_000, [("661", 2018)] = 21_000, [("661", 2019)] = 20_000, [("661", 2020)] = 20_000,
        [("661", 2021)] = 20_000, [("661", 2022)] = 20_000, [("661", 2023)] = 20_800, [("661", 2024)] = 20_000, [("661", 2025)] = 20_000,
    };

    public void Dispose() => receiver.Stop();

    [Fact]
    public async Task NewQuarterMovesTheEstimateAndTellsOnce_OfficialFigureEndsIt()
    {
        receiver.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var erhv2 = new FakeTable("ERHV2", "OMRÅDE", Areas, [.. Enumerable.Range(2016, 9).Select(y => $"{y}")], new Dictionary<string, IReadOnlyList<string>>
        {
            ["BRANCHEDB0710"] = ["TOT"],
            ["TAL"] = ["ANSATTE"],
        })
        {
            Values = (area, year) => jobs.TryGetValue((area, int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)), out var value) ? value : null,
        };
        var lbesk69 = new FakeTable("LBESK69", "BOPKOM", Areas, [.. Enumerable.Range(2016, 10).SelectMany(y => Enumerable.Range(1, 4).Select(q => $"{y}K{q}")).Where(p => string.CompareOrdinal(p, "2025K2") <= 0)],
            new Dictionary<string, IReadOnlyList<string>> { ["TAL"] = ["1020"] })
        {
            Values = WageEarnersIn,
        };
        await using var harness = ServiceHarness.Create(servers, Catalog(), settings: Settings(), today: Today);
        harness.StatBank.Add(erhv2);
        harness.StatBank.Add(lbesk69);
        using var client = harness.OperatorClient();
        await harness.IngestAsync("jobs");
        await harness.IngestAsync("wage-earners");
        await harness.EvaluateAsync();

        // Up to the 2nd quarter of 2025: 41,000 × 1,020 / 1,000 = 41,820 jobs; progress (41,820 − 40,000) / 1,500 = 1.21,
        // on track, without a band (0 past errors with the 2nd quarter). A year's first estimate on track tells no one,
        // and the official 2024 figure, on track at its first evaluation, tells no one either.
        var first = await NowcastAsync(client);
        Assert.Equal(("2025", 41_820d, "wage-earners", "2025K2", "on_track", 0, false),
            ((string?)first["period"], Math.Round((double)first["value"]!, 6), (string?)first["basedOn"]!["indicator"], (string?)first["basedOn"]!["period"],
             (string?)first["status"], (int)first["pastErrors"]!, (bool)first["tooCloseToCall"]!));
        Assert.All(["low", "high", "statusLow", "statusHigh"], key => Assert.False(first.AsObject().ContainsKey(key), key));
        Assert.Equal("Only 0 past errors with quarter 2 (at least 20 are needed): no band.", (string?)first["note"]);
        Assert.Empty(await EventsAsync(client));

        // Statistics Denmark publishes wage earners' 3rd quarter 2025: 1,010 in 615. The refresh alone (no evaluation
        // asked for) moves the estimate: 41,000 × 1,010 / 1,000 = 41,410; band 41,410 × (1 ± 0.02) = 40,581.8–42,238.2.
        // Progress 1,410 / 1,500 = 0.94: at risk; at the ends 581.8 / 1,500 = 0.39 (off track) and 2,238.2 / 1,500 = 1.49
        // (on track): too close to call.
        await PublishAsync(client, lbesk69, "2025K3", "wage-earners", async () => (string?)(await NowcastAsync(client))["basedOn"]!["period"] == "2025K3");

        var moved = await NowcastAsync(client);
        Assert.Equal(("2025", 41_410d, 40_581.8, 42_238.2), ((string?)moved["period"], Math.Round((double)moved["value"]!, 6), Math.Round((double)moved["low"]!, 6), Math.Round((double)moved["high"]!, 6)));
        Assert.Equal(("at_risk", "off_track", "on_track", 24, true),
            ((string?)moved["status"], (string?)moved["statusLow"], (string?)moved["statusHigh"], (int)moved["pastErrors"]!, (bool)moved["tooCloseToCall"]!));
        Assert.False(moved.AsObject().ContainsKey("note"));

        // One event: the same year's estimate went from on track to at risk; to the webhook with the estimate.
        var told = Assert.Single(await EventsAsync(client));
        Assert.Equal(("target.nowcast_changed", "horsens-jobs", "on_track", "at_risk"),
            ((string?)told["type"], (string?)told["target"], (string?)told["previousStatus"], (string?)told["status"]));
        await Eventually.TrueAsync(() => Hooks().Count == 1, Eventually.BackgroundWork);
        var data = JsonNode.Parse(Hooks()[0].RequestMessage!.Body!)!["data"]!;
        Assert.Equal(("at_risk", "2025K3", 41_410d), ((string?)data["nowcast"]!["status"], (string?)data["nowcast"]!["basedOn"]!["period"], Math.Round((double)data["nowcast"]!["value"]!, 6)));

        // Judging the same figures again tells no one again.
        await harness.EvaluateAsync();
        Assert.Single(await EventsAsync(client));

        // The record with the 3rd quarter counts the years whose official figure is known: 2017–2024 in each area (2016
        // has no 2015 to grow), 24 estimates; in 615 eight, off by 500 in 2023 (40,000 for 40,500) and 2024 (40,500 for
        // 41,000), exact otherwise: 1,000 / 8 = 125 jobs.
        Assert.Equal((24, 8, 125d), await ThirdQuarterRecordAsync(client));

        // The official 2025 figure: 41,450 in 615, progress (41,450 − 40,000) / 1,500 = 0.97, at risk (a status change of
        // its own). The estimate for 2025 ends; the next is for 2026, and wage earners have no quarter of 2026 yet.
        await PublishAsync(client, erhv2, "2025", "jobs", async () => (string?)(await TargetAsync(client))["evaluation"]!["evaluatedPeriod"] == "2025");

        var after = await TargetAsync(client);
        Assert.False(after.ContainsKey("nowcast"));
        Assert.Equal("The leading indicator has no figure for 2026 yet.", (string?)after["nowcastUnavailable"]);
        var events = await EventsAsync(client, "target.status_changed");
        Assert.Equal(("on_track", "at_risk"), ((string?)Assert.Single(events)["previousStatus"], (string?)events[0]["status"]));
        Assert.Single(await EventsAsync(client));

        // The 2025 estimates now have their official figures and count in the record: 615's 41,410 for 41,450 is off by
        // 40; 657 and 661 (50,000 × 2,000 / 2,000, 20,000 × 500 / 500) are exact. 27 estimates; 615: 1,040 / 9 jobs.
        Assert.Equal((27, 9, Math.Round(1_040d / 9, 6)), await ThirdQuarterRecordAsync(client));
    }

    /// <summary>From <c>GET /api/indicators/jobs/nowcasts/accuracy</c>, the 3rd quarter's estimates pooled, and in 615 with their mean absolute error.</summary>
    private static async Task<(int Pooled, int Horsens, double HorsensError)> ThirdQuarterRecordAsync(HttpClient client)
    {
        var quarter = (await client.GetFromJsonAsync<JsonObject>("/api/indicators/jobs/nowcasts/accuracy"))!["quarters"]!.AsArray().Single(q => (int)q!["quarter"]! == 3)!;
        var horsens = quarter["areas"]!.AsArray().Single(a => (string?)a!["area"] == "615")!["record"]!["nowcast"]!;
        return ((int)quarter["pooled"]!["nowcast"]!["estimates"]!, (int)horsens["estimates"]!, Math.Round((double)horsens["meanAbsoluteError"]!, 6));
    }

    /// <summary>Flat 3rd quarters up to 2024; the 1st and 2nd quarters of 2024 and 2025; in 2025 615 grows to 1,020 and 1,010.</summary>
    private static decimal? WageEarnersIn(string area, string period) => (area, period) switch
    {
        ("615", "2025K2") => 1_020,
        ("615", "2025K3") => 1_010,
        (_, "2024K1" or "2024K2" or "2025K1" or "2025K2" or "2025K3") => WageEarners[area],
        _ when period.EndsWith("K3", StringComparison.Ordinal) => WageEarners[area],
        _ => null,
    };

    private JsonObject Catalog()
    {
        var catalog = ServiceHarness.Catalog(
            ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }),
            ServiceHarness.Indicator("wage-earners", "LBESK69", "BOPKOM", new Dictionary<string, string[]> { ["TAL"] = ["1020"] }));
        catalog["indicators"]![0]!["unit"] = "job";
        catalog["indicators"]![0]!["aggregation"] = "last";
        catalog["indicators"]![0]!["nowcast"] = new JsonObject { ["from"] = "wage-earners" };
        catalog["indicators"]![1]!["title"] = "Lønmodtagere efter bopælskommune";
        catalog["indicators"]![1]!["aggregation"] = "last";
        catalog["alliances"] = JsonNode.Parse($$"""
            [{ "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"],
               "webhooks": [{ "id": "horsens-intranet", "url": "{{receiver.Url}}/hook", "format": "json" }] }]
            """);
        catalog["targets"] = JsonNode.Parse("""
            [{ "id": "horsens-jobs", "title": "500 flere job om året", "alliance": "horsens", "indicator": "jobs", "areas": ["615"],
               "kind": "annual-increase", "amount": 500, "baselinePeriod": "2022", "endPeriod": "2030" }]
            """);
        return catalog;
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Webhooks:horsens-intranet:Secret"] = Secret,
        ["Alerts:RetryDelay"] = "00:00:00.100",
        ["Alerts:MaxRetryDelay"] = "00:00:00.500",
        ["Alerts:MaxAttempts"] = "1000",
        ["Alerts:AttemptTimeout"] = "00:00:10",
        ["Ingestion:RetryDelays:0"] = "00:00:01",
        ["Evaluation:RetryDelays:0"] = "00:00:01",
    };

    /// <summary>
    /// Statistics Denmark publishes <paramref name="period"/> of the table; an operator's refresh of the indicator ingests
    /// it, and the evaluation that follows through Hangfire (none is asked for here) brings about <paramref name="judged"/>.
    /// </summary>
    private static async Task PublishAsync(HttpClient client, FakeTable table, string period, string indicator, Func<Task<bool>> judged)
    {
        table.Periods.Add(period);
        table.Updated = table.Updated.AddDays(1);
        (await client.PostAsync($"/api/indicators/{indicator}/refresh", null)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(judged, Eventually.BackgroundWork);
    }

    private static async Task<JsonObject> TargetAsync(HttpClient client) => JsonNode.Parse(await client.GetStringAsync(Target))!.AsObject();

    private static async Task<JsonNode> NowcastAsync(HttpClient client) => (await TargetAsync(client))["nowcast"]!;

    /// <summary>The ledger's events (of one type, by default the estimate's), as <c>GET /api/alerts</c> lists them.</summary>
    private static async Task<List<JsonNode>> EventsAsync(HttpClient client, string type = "target.nowcast_changed") =>
        [.. (await client.GetFromJsonAsync<JsonArray>("/api/alerts?limit=500"))!.Select(e => e!["event"]!).Where(e => (string?)e["type"] == type)];

    private List<WireMock.Logging.ILogEntry> Hooks() => [.. receiver.LogEntries.Where(e => e.RequestMessage!.Path == "/hook")];
}
