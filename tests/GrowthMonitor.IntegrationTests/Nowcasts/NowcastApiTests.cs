using System.Globalization;
using System.Net;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Nowcasts;

/// <summary>
/// The early estimates of <see cref="NowcastScenario"/> through the API and the <c>nowcast-backtest</c> command, on
/// real servers. The band of year T with quarter q is Ŷ × (1 ± Q), Q the ⌈0.8·n⌉-th smallest |error| with that quarter
/// of the n estimates for earlier years in the three single areas; 3 areas × (T − 2016) errors, so 20 or more from
/// T = 2023 (21). With K1: T = 2023: 15 zeros, 0.05 × 4, 0.1 × 2; the 17th smallest is 0.05. T = 2024: 17 zeros, 0.05 × 4,
/// 0.1 × 3; the 20th is 0.05. T = 2025: 18 zeros, 0.05 × 4, 0.1 × 5; the 22nd is 0.05. With K2–K4 every error is 0: Q = 0.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class NowcastApiTests(ServersFixture servers) : IDisposable
{
    private const double Tolerance = 1e-6;

    private readonly string catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(catalogPath);

    [Fact]
    public async Task Nowcasts_OneArea_EveryYearAndQuarterWithBandOfEarlierYearsOfficialAndError()
    {
        using var response = await NowcastsAsync("area=615");

        var root = response.RootElement;
        Assert.Equal(("jobs", "wage-earners", "615"), (root.GetProperty("indicator").GetString(), root.GetProperty("leadingIndicator").GetString(), Assert.Single(root.GetProperty("areas").EnumerateArray()).GetString()));
        var estimates = Estimates(root);
        // 2016K1 … 2024K4 (9 years × 4 quarters) and 2025K1, 2025K2.
        Assert.Equal(38, estimates.Count);
        Assert.Equal("2016K1", estimates[0].GetProperty("basedOn").GetString());
        // 2017 with K1: 41,000 × 21 / 20 = 43,050 against 41,000, +0.05; 3 past errors: no band.
        var year2017 = estimates.Single(e => e.GetProperty("basedOn").GetString() == "2017K1");
        Assert.Equal((2017, 43_050, 41_000, 0.05), (year2017.GetProperty("year").GetInt32(), year2017.GetProperty("value").GetDouble(), year2017.GetProperty("official").GetDouble(), year2017.GetProperty("error").GetDouble()), Close);
        Assert.False(year2017.TryGetProperty("low", out _) || year2017.TryGetProperty("high", out _));
        // 2022 with K1: 18 past errors, still no band.
        Assert.False(Row(estimates, "2022K1").TryGetProperty("low", out _));
        // 2024 with K1: 44,500 × 1.1 = 48,950, +0.1; Q = 0.05: 46,502.5 – 51,397.5.
        AssertRow(Row(estimates, "2024K1"), 48_950, 46_502.5, 51_397.5, 44_500, 0.1);
        // 2024 with K2: exact, Q = 0: a band of no width.
        AssertRow(Row(estimates, "2024K2"), 44_500, 44_500, 44_500, 44_500, 0);
        // 2025, not published: K1 44,500 × 1.02 = 45,390 (Q = 0.05: 43,120.5 – 47,659.5); K2 44,500 × 1.01 = 44,945 (Q = 0).
        AssertRow(Row(estimates, "2025K1"), 45_390, 43_120.5, 47_659.5, null, null);
        AssertRow(Row(estimates, "2025K2"), 44_945, 44_945, 44_945, null, null);
    }

    [Fact]
    public async Task Nowcasts_TwoAreas_SummedBeforeTheFormula()
    {
        using var response = await NowcastsAsync("area=615&area=751");

        Assert.Equal(["615", "751"], response.RootElement.GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        var estimates = Estimates(response.RootElement);
        Assert.Equal(38, estimates.Count);
        // 2020 with K1: jobs 2019 42,000 + 20,800 = 62,800; wage earners 2020K1 19.95 × 42,500 + 21 × 21,000 = 847,875 + 441,000
        // = 1,288,875, 2019K1 21 × 42,000 + 21 × 20,800 = 882,000 + 436,800 = 1,318,800: 62,800 × 1,288,875 / 1,318,800 = 61,375,
        // against 42,500 + 21,000 = 63,500: 61,375 / 63,500 − 1. 12 past errors: no band.
        AssertRow(Row(estimates, "2020K1"), 61_375, null, null, 63_500, (61_375d / 63_500) - 1);
        // 2025 with K2: (44,500 + 21,800) × (44,945 + 21,800) / (44,500 + 21,800) = 66,745; the single areas' K2 errors are 0.
        AssertRow(Row(estimates, "2025K2"), 66_745, 66_745, 66_745, null, null);
    }

    [Fact]
    public async Task Accuracy_PooledAndPerArea_WithBaselinesAndCoverage_AndTheCommandPrintsTheSame()
    {
        await using var harness = await NowcastScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = JsonDocument.Parse(await client.GetStringAsync("/api/indicators/jobs/nowcasts/accuracy"));

        var quarters = response.RootElement.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], quarters.Select(q => q.GetProperty("quarter").GetInt32()));
        // K1, 27 estimates (2016–2024 × 3 areas). |Ŷ − Y|: 101 0.1 × (10,100 + 10,300 + 10,800 + 10,900) = 4,210;
        // 615 0.05 × (41,000 + 42,500) + 0.1 × 44,500 = 8,625; 751 0.05 × (20,800 + 21,200) = 2,100; 14,935 / 27.
        // |e|: 0.1 × 4 + 0.2 + 0.1 = 0.7, 0.7 / 27 × 100 %. Banded: 2023 and 2024, 6; inside: 615 and 751 in 2023 (exact),
        // 751 in 2024; outside: 101 in 2023 (1.1 × 0.95 > 1), 101 in 2024 (0.9 × 1.05 < 1), 615 in 2024: 3 / 6.
        // No change: off by the step, (100 + 500 + 200) × 9 / 27; in %: 100 / (10,000 + 100k) = 1 / (100 + k), k = 1…9, for
        // 101 and 751, and 1 / (80 + k) for 615. Last year's change repeated: exact, 2017–2024, 24.
        var noChangePercent = (2 * Sum(k => 1d / (100 + k)) + Sum(k => 1d / (80 + k))) / 27 * 100;
        var k1 = quarters[0].GetProperty("pooled");
        AssertRecord(k1, 27, 14_935d / 27, 0.7 / 27 * 100, 6, 0.5, 800d / 3, noChangePercent, 24);
        // K2: every estimate exact, every one of 2023 and 2024 inside its band of no width.
        AssertRecord(quarters[1].GetProperty("pooled"), 27, 0, 0, 6, 1, 800d / 3, noChangePercent, 24);
        // 615 alone with K1: 8,625 / 9; 0.2 / 9 × 100 %; 2023 inside, 2024 outside; no change 500.
        var horsens = quarters[0].GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == "615").GetProperty("record");
        AssertRecord(horsens, 9, 8_625d / 9, 0.2 / 9 * 100, 2, 0.5, 500, Sum(k => 1d / (80 + k)) / 9 * 100, 8);
        Assert.Equal(["101", "615", "751"], quarters[0].GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("area").GetString()));

        var command = await ServiceProcess.RunAsync(await EnvironmentAsync(harness), "nowcast-backtest", "--indicator", "jobs", "--by-area");

        Assert.Equal(0, command.ExitCode);
        // The same numbers, rounded: 14,935 / 27 = 553.1; 0.7 / 27 = 2.59 %; coverage 50.0 %; no change 266.7.
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| all | 1 | 27 | 553.1 | 2.59 | 6 | 50.0 | 266.7 | {noChangePercent:0.00} | 24 | 0.0 | 0.00 |"), command.Output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| all | 2 | 27 | 0.0 | 0.00 | 6 | 100.0 | 266.7 | {noChangePercent:0.00} | 24 | 0.0 | 0.00 |"), command.Output);
        // 8,625 / 9 = 958.3; 0.2 / 9 = 2.22 %.
        Assert.Contains("| 615 | 1 | 9 | 958.3 | 2.22 | 2 | 50.0 | 500.0 |", command.Output);
    }

    [Fact]
    public async Task Problems_UnknownIndicatorNoLeadingIndicatorAndBadAreas_AreProblemDetails_AndTheCommandExits64()
    {
        await using var harness = await NowcastScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        await AssertProblemAsync(client, "/api/indicators/jobz/nowcasts?area=615", HttpStatusCode.NotFound, "Unknown indicator");
        await AssertProblemAsync(client, "/api/indicators/jobz/nowcasts/accuracy", HttpStatusCode.NotFound, "Unknown indicator");
        await AssertProblemAsync(client, "/api/indicators/population/nowcasts?area=615", HttpStatusCode.NotFound, "No leading indicator");
        await AssertProblemAsync(client, "/api/indicators/population/nowcasts/accuracy", HttpStatusCode.NotFound, "No leading indicator");
        await AssertProblemAsync(client, "/api/indicators/jobs/nowcasts", HttpStatusCode.BadRequest, "No area");
        await AssertProblemAsync(client, "/api/indicators/jobs/nowcasts?area=61x", HttpStatusCode.BadRequest, "Invalid area");
        await AssertProblemAsync(client, "/api/indicators/jobs/nowcasts?area=615&area=615", HttpStatusCode.BadRequest, "Invalid area");
        await AssertProblemAsync(client, "/api/indicators/jobs/nowcasts?area=615&area=999", HttpStatusCode.NotFound, "No figures for the area");

        var environment = await EnvironmentAsync(harness);
        var unknown = await ServiceProcess.RunAsync(environment, "nowcast-backtest", "--indicator", "jobz");
        var notLed = await ServiceProcess.RunAsync(environment, "nowcast-backtest", "--indicator", "population");

        Assert.Equal((64, 64), (unknown.ExitCode, notLed.ExitCode));
        Assert.Contains("Unknown indicator 'jobz'", unknown.Errors);
        Assert.Contains("Indicator 'population' has no leading indicator", notLed.Errors);
        Assert.Contains("Indicators with one: jobs.", notLed.Errors);
    }

    private async Task<JsonDocument> NowcastsAsync(string query)
    {
        await using var harness = await NowcastScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/indicators/jobs/nowcasts?{query}"));
    }

    private static List<JsonElement> Estimates(JsonElement root) => [.. root.GetProperty("estimates").EnumerateArray()];

    private static JsonElement Row(List<JsonElement> estimates, string basedOn) => estimates.Single(e => e.GetProperty("basedOn").GetString() == basedOn);

    private static double Sum(Func<int, double> term) => Enumerable.Range(1, 9).Sum(term);

    private static readonly IEqualityComparer<(int, double, double, double)> Close = EqualityComparer<(int, double, double, double)>.Create(
        (a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < Tolerance && Math.Abs(a.Item3 - b.Item3) < Tolerance && Math.Abs(a.Item4 - b.Item4) < Tolerance);

    private static void AssertRow(JsonElement row, double value, double? low, double? high, double? official, double? error)
    {
        Assert.Equal(value, row.GetProperty("value").GetDouble(), Tolerance);
        AssertOptional(row, "low", low);
        AssertOptional(row, "high", high);
        AssertOptional(row, "official", official);
        AssertOptional(row, "error", error);
    }

    private static void AssertOptional(JsonElement row, string name, double? expected)
    {
        if (expected is { } number)
        {
            Assert.Equal(number, row.GetProperty(name).GetDouble(), Tolerance);
        }
        else
        {
            Assert.False(row.TryGetProperty(name, out _), $"{name} should be absent: {row}");
        }
    }

    private static void AssertRecord(JsonElement record, int estimates, double mae, double percent, int banded, double coverage, double noChange, double noChangePercent, int lastChangeEstimates)
    {
        var nowcast = record.GetProperty("nowcast");
        Assert.Equal(estimates, nowcast.GetProperty("estimates").GetInt32());
        Assert.Equal(mae, nowcast.GetProperty("meanAbsoluteError").GetDouble(), Tolerance);
        Assert.Equal(percent, nowcast.GetProperty("meanAbsolutePercentError").GetDouble(), Tolerance);
        Assert.Equal(banded, record.GetProperty("banded").GetInt32());
        Assert.Equal(coverage, record.GetProperty("coverage").GetDouble(), Tolerance);
        Assert.Equal(estimates, record.GetProperty("noChange").GetProperty("estimates").GetInt32());
        Assert.Equal(noChange, record.GetProperty("noChange").GetProperty("meanAbsoluteError").GetDouble(), Tolerance);
        Assert.Equal(noChangePercent, record.GetProperty("noChange").GetProperty("meanAbsolutePercentError").GetDouble(), Tolerance);
        var repeated = record.GetProperty("lastChangeRepeated");
        Assert.Equal((lastChangeEstimates, 0d, 0d), (repeated.GetProperty("estimates").GetInt32(), repeated.GetProperty("meanAbsoluteError").GetDouble(), repeated.GetProperty("meanAbsolutePercentError").GetDouble()));
    }

    private static async Task AssertProblemAsync(HttpClient client, string path, HttpStatusCode status, string title)
    {
        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
    }

    /// <summary>The command's settings: the harness's databases and a copy of its catalog.</summary>
    private async Task<Dictionary<string, string?>> EnvironmentAsync(ServiceHarness harness)
    {
        await File.WriteAllTextAsync(catalogPath, NowcastScenario.Catalog().ToJsonString());
        return new Dictionary<string, string?>
        {
            ["Influx__Url"] = servers.Influx.Url.ToString(),
            ["Influx__Database"] = harness.Factory.Setting("Influx:Database"),
            ["StatBank__BaseUrl"] = harness.StatBank.BaseUrl,
            ["Catalog__Path"] = catalogPath,
            ["ConnectionStrings__GrowthMonitor"] = harness.Database,
        };
    }
}
