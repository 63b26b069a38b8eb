using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Home;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// A target's reason says exactly what is missing, stored once by the evaluation run and read by the API (a code and
/// English), the report (Danish) and the front page: municipalities without the newest figure in a regional target,
/// and a fetch that failed.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ReasonTests(ServersFixture servers)
{
    /// <summary>Business Region MidtVest's seven municipalities and their jobs in 2022: 168,000 together.</summary>
    private static readonly Dictionary<string, decimal> Jobs2022 = new()
    {
        ["657"] = 50_000, ["661"] = 30_000, ["756"] = 20_000, ["665"] = 8_000, ["760"] = 28_000, ["779"] = 22_000, ["671"] = 10_000,
    };

    [Fact]
    public async Task RegionalTarget_TwoMunicipalitiesWithoutTheNewestYear_JudgedOnTheYearBeforeAndNamesThem()
    {
        // Every municipality grows by 100 jobs a year, so the sums are 168,000, 168,700 and 169,400 in 2022–2024; +700 a
        // year expects 169,400 in 2024: progress 1.0. Ikast-Brande (756) and Lemvig (665) have no 2025 figure (".."), so
        // the sum stops at 2024. The goal is 168,000 + 8 × 700 = 173,600 in 2030: 4,200 more in six years, 700 a year,
        // compounded (173,600 / 169,400)^(1/6) − 1 = 0.409 % a year.
        await using var harness = ServiceHarness.Create(servers, MidtVestCatalog(), today: new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        harness.StatBank.Add(new FakeTable("ERHV2", "OMRÅDE", [.. Jobs2022.Keys], ["2022", "2023", "2024", "2025"], new Dictionary<string, IReadOnlyList<string>>
        {
            ["BRANCHEDB0710"] = ["TOT"],
            ["TAL"] = ["ANSATTE"],
        })
        {
            Values = (area, year) => area is "756" or "665" && year == "2025" ? null : Jobs2022[area] + 100 * (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) - 2022),
        });
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        using var client = harness.Factory.CreateClient();

        var target = await client.GetFromJsonAsync<JsonElement>("/api/targets/brmv-jobs");
        var evaluation = target.GetProperty("evaluation");
        Assert.Equal(("on_track", "2024", 169_400d), (evaluation.GetProperty("status").GetString(), evaluation.GetProperty("evaluatedPeriod").GetString(), evaluation.GetProperty("actual").GetDouble()));
        Assert.Equal("missing_areas", evaluation.GetProperty("reasonCode").GetString());
        Assert.Equal("No figures for 756 Ikast-Brande, 665 Lemvig in 2025, so the sum over the target's 7 areas ends at 2024.", evaluation.GetProperty("reason").GetString());
        Assert.Equal("2025", evaluation.GetProperty("missing").GetProperty("period").GetString());
        Assert.Equal(["756", "665"], evaluation.GetProperty("missing").GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        var pace = evaluation.GetProperty("pace");
        Assert.Equal((173_600d, "2030"), (pace.GetProperty("goal").GetDouble(), pace.GetProperty("by").GetString()));
        Assert.Equal(700, pace.GetProperty("perYear").GetDouble(), 1e-9);
        Assert.Equal(0.409018, pace.GetProperty("percentPerYear").GetDouble(), 6);

        // No title in the catalog: a readable Danish one, never the id.
        const string title = "Test jobs: +700 job om året i kommunerne Herning, Holstebro, Ikast-Brande, Lemvig, Ringkøbing-Skjern, Skive og Struer, 2022–2030";
        Assert.Equal(title, target.GetProperty("target").GetProperty("title").GetString());

        var html = new HtmlParser().ParseDocument(await client.GetStringAsync("/api/alliances/brmv/reports/2025?format=html"));
        var section = html.GetElementById("maal-1")!;
        Assert.Equal(title, section.QuerySelector("h2")!.TextContent);
        Assert.Contains("Bemærk: Der er ingen tal for Ikast-Brande og Lemvig i 2025, så målet er vurderet på tallene for 2024.", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("Målet kræver +700 job om året fra nu (+0,4\u00A0% om året) for at nå 173.600 job i 2030.", section.TextContent, StringComparison.Ordinal);

        // Stored once, in the public layout every reader (and Grafana) uses.
        var stored = (await harness.Influx.QueryAsync(new InfluxQuery("SELECT reason_code, missing_period, missing_areas, pace, goal FROM target_evaluation WHERE target = 'brmv-jobs'")))
            .Single().Rows.Single();
        Assert.Equal(("missing_areas", "2025", "756,665"), (stored.GetString("reason_code"), stored.GetString("missing_period"), stored.GetString("missing_areas")));
        Assert.Equal((700d, 173_600d), (Math.Round(stored.GetDouble("pace")!.Value, 9), stored.GetDouble("goal")!.Value));
    }

    [Fact]
    public async Task Target_FetchFailed_ReasonNamesWhenAndTheErrorEverywhere()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today, settings: new Dictionary<string, string?>
        {
            ["StatBank:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["StatBank:MaxRetryAttempts"] = "1",
        });
        await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("jobs"));
        var failed = Assert.Single(await harness.RunsAsync("jobs"));
        await harness.EvaluateAsync();
        using var client = harness.Factory.CreateClient();

        var evaluation = (await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs")).GetProperty("evaluation");
        Assert.Equal(("no_data", "fetch_failed"), (evaluation.GetProperty("status").GetString(), evaluation.GetProperty("reasonCode").GetString()));
        Assert.Equal("Connection refused (127.0.0.1:9)", failed.Error);
        Assert.Equal(failed.Error, evaluation.GetProperty("fetchFailure").GetProperty("error").GetString());
        Assert.Equal(failed.Time, evaluation.GetProperty("fetchFailure").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(
            $"The latest fetch from Statistics Denmark, at {failed.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC, failed: Connection refused (127.0.0.1:9)",
            evaluation.GetProperty("reason").GetString());

        // "Today" is 1 November 2025 at 12:00 UTC, 13.00 in Copenhagen.
        var report = new HtmlParser().ParseDocument(await client.GetStringAsync("/api/alliances/horsens/reports/2025?format=html"));
        var summary = report.GetElementById("maal-1")!.QuerySelector(".summary")!;
        Assert.Contains("Årsag: Hentningen fra Danmarks Statistik fejlede den 1. november 2025 kl. 13.", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal("Connection refused (127.0.0.1:9)", summary.QuerySelector("span[lang=en]")!.TextContent);

        var front = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var notes = FrontPageTests.Rows(front.QuerySelector("#alliance-horsens ~ .table-wrap table")!).Select(row => row[^1]).ToList();
        Assert.All(notes, note => Assert.StartsWith("Hentningen fra Danmarks Statistik fejlede den 1. november 2025 kl. 13.", note, StringComparison.Ordinal));
        var freshness = Assert.Single(FrontPageTests.Rows(front.QuerySelector("#datafriskhed ~ .table-wrap table")!));
        // Runs were made and none succeeded: overdue, and the failure with its English error.
        Assert.StartsWith("Forsinket. Hentningen fejlede 1. november 2025 kl. 13.", freshness[^1], StringComparison.Ordinal);
        Assert.EndsWith(": Connection refused (127.0.0.1:9)", freshness[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_FetchFailsForGood_EvaluationQueuedAndTheTargetSaysSo()
    {
        // The fake Statistics Denmark has no table ERHV2: EXTRACT-NOTFOUND, which no retry can mend.
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), today: HorsensScenario.Today);
        using var client = harness.OperatorClient();

        using var refresh = await client.PostAsync("/api/indicators/jobs/refresh", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, refresh.StatusCode);
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/targets/horsens-jobs")).GetProperty("evaluation").GetProperty("reasonCode").GetString() == "fetch_failed",
            Eventually.BackgroundWork);
    }

    private static JsonObject MidtVestCatalog()
    {
        var jobs = ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] });
        jobs["unit"] = "job";
        var catalog = ServiceHarness.Catalog(jobs);
        catalog["alliances"] = JsonNode.Parse("""
            [{ "id": "brmv", "name": "Business Region MidtVest", "areas": ["657", "661", "756", "665", "760", "779", "671"] }]
            """);
        catalog["targets"] = JsonNode.Parse("""
            [{ "id": "brmv-jobs", "alliance": "brmv", "indicator": "jobs", "areas": ["657", "661", "756", "665", "760", "779", "671"],
               "kind": "annual-increase", "amount": 700, "baselinePeriod": "2022", "endPeriod": "2030" }]
            """);
        return catalog;
    }
}
