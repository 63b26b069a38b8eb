using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// The early estimate on real servers (<see cref="AnnualReportNowcastScenario"/>: 1 November 2025, ERHV2 up to 2024,
/// wage earners up to 2025K2): the report for 2025 and the front page show it as an estimate, the report for 2024 does
/// not, and the page on the method is read without signing in, also where reads are protected.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class AnnualReportNowcastTests(ServersFixture servers)
{
    /// <summary>42.319 without a unit (the scenario's jobs have none), no band, at risk; the leading indicator's title "Test wage-earners".</summary>
    private const string Wording =
        "Foreløbigt skøn for 2025: 42.319 (uden interval: for få tidligere skøn), bygger på test wage-earners 2. kvartal 2025. " +
        "Skønnets status: I risiko. Sådan laves skønnet, og så godt har det ramt.";

    [Fact]
    public async Task ReportAndFrontPage_EstimateOfTheYear_ShownAsAnEstimate_PagePublicUnderProtectedReads()
    {
        await using var harness = ServiceHarness.Create(servers, AnnualReportNowcastScenario.WithWageEarners(HorsensScenario.Catalog()), today: HorsensScenario.Today,
            settings: new Dictionary<string, string?> { ["Security:ProtectReads"] = "true" });
        harness.StatBank.Add(HorsensScenario.Erhv2());
        harness.StatBank.Add(AnnualReportNowcastScenario.Lbesk69());
        await harness.IngestAsync("jobs");
        await harness.IngestAsync("wage-earners");
        await harness.EvaluateAsync();
        using var reader = harness.OperatorClient();
        using var anonymous = harness.Factory.CreateClient();

        using var report2025 = JsonDocument.Parse(await reader.GetStringAsync("/api/alliances/horsens/reports/2025"));
        var jobs = report2025.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == "horsens-jobs");
        var nowcast = jobs.GetProperty("nowcast");
        Assert.Equal("2025", nowcast.GetProperty("period").GetString());
        Assert.Equal(AnnualReportNowcastScenario.Horsens2025, nowcast.GetProperty("value").GetDouble(), 1e-6);
        Assert.False(nowcast.TryGetProperty("low", out _));
        Assert.Equal(("wage-earners", "2025K2", 0), (nowcast.GetProperty("basedOn").GetProperty("indicator").GetString(), nowcast.GetProperty("basedOn").GetProperty("period").GetString(), nowcast.GetProperty("pastErrors").GetInt32()));
        Assert.Equal("at_risk", nowcast.GetProperty("status").GetString());
        // The estimate is of 2025: the report for 2024 has the official figures and no estimate.
        using var report2024 = JsonDocument.Parse(await reader.GetStringAsync("/api/alliances/horsens/reports/2024"));
        Assert.All(report2024.RootElement.GetProperty("targets").EnumerateArray(), t => Assert.False(t.TryGetProperty("nowcast", out _)));

        var html = new HtmlParser().ParseDocument(await reader.GetStringAsync("/api/alliances/horsens/reports/2025?format=html"));
        Assert.Equal(Wording, Text(html.QuerySelector("#maal-1 p.nowcast")!.TextContent));
        // The Danish dialect: the estimate's sentence holds commas, no semicolons.
        var csv = (await reader.GetStringAsync("/api/alliances/horsens/reports/2025?format=csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(';');
        var row = csv.Single(l => l.StartsWith("horsens;2025;horsens-jobs;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("42319", "at_risk", "2025K2"), (row[Array.IndexOf(header, "nowcast_value")], row[Array.IndexOf(header, "nowcast_status")], row[Array.IndexOf(header, "nowcast_based_on_period")]));

        // The front page and the page on the method are public, as the front page always was.
        var front = new HtmlParser().ParseDocument(await anonymous.GetStringAsync("/"));
        var targets = front.QuerySelector("#alliance-horsens-maal")!.Closest("table")!;
        Assert.Equal("Foreløbigt skøn", targets.QuerySelectorAll("thead th").Last().TextContent);
        Assert.Equal(Wording, Text(targets.QuerySelectorAll("tbody tr").First().QuerySelectorAll("td").Last().TextContent));
        using var explanation = await anonymous.GetAsync("/skoen");
        Assert.Equal(HttpStatusCode.OK, explanation.StatusCode);
        var page = new HtmlParser().ParseDocument(await explanation.Content.ReadAsStringAsync());
        Assert.Equal("Sådan laves de foreløbige skøn", page.Title);
        // Both years wage earners have are estimates still to be judged: 2025 has no official figure yet.
        Assert.Contains("Der er endnu intet år, hvor både skønnet og det officielle tal kendes (3 områder med tal for begge statistikker).", Text(page.QuerySelector("main")!.TextContent), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/alliances/horsens/reports/2025")).StatusCode);
    }

    [Fact]
    public async Task ReportAsOf_BeforeAQuarterWasRevised_TheEstimateKnownThen()
    {
        var clock = new ShiftedTimeProvider(HorsensScenario.Today);
        await using var harness = ServiceHarness.Create(servers, AnnualReportNowcastScenario.WithWageEarners(HorsensScenario.Catalog()), clock: clock);
        var wageEarners = new Dictionary<(string Area, string Quarter), decimal>(AnnualReportNowcastScenario.WageEarners);
        var lbesk69 = AnnualReportNowcastScenario.Lbesk69();
        lbesk69.Values = (area, quarter) => wageEarners.TryGetValue((area, quarter), out var value) ? value : null;
        harness.StatBank.Add(HorsensScenario.Erhv2());
        harness.StatBank.Add(lbesk69);
        await harness.IngestAsync("jobs");
        await harness.IngestAsync("wage-earners");
        await harness.EvaluateAsync();

        // An hour later Statistics Denmark revises Horsens' 2nd quarter 2025 from 40.400 to 40.800 wage earners: the
        // estimate is now 41.900 × 40.800 / 40.000 = 42.738.
        var before = clock.GetUtcNow().AddMinutes(30);
        clock.MoveTo(clock.GetUtcNow().AddHours(1));
        wageEarners[("615", "2025K2")] = 40_800;
        lbesk69.Updated = lbesk69.Updated.AddDays(1);
        await harness.IngestAsync("wage-earners");
        await harness.EvaluateAsync();
        using var reader = harness.OperatorClient();

        Assert.Equal(42_738, await EstimateAsync(reader, "/api/alliances/horsens/reports/2025"), 1e-6);
        // As of half an hour after the first fetch, the report is made from the figures known then: 42.319.
        Assert.Equal(AnnualReportNowcastScenario.Horsens2025, await EstimateAsync(reader, $"/api/alliances/horsens/reports/2025?asOf={Uri.EscapeDataString(before.ToString("O"))}"), 1e-6);
    }

    private static async Task<double> EstimateAsync(HttpClient client, string report)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(report));
        return document.RootElement.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("target").GetProperty("id").GetString() == "horsens-jobs")
            .GetProperty("nowcast").GetProperty("value").GetDouble();
    }

    private static string Text(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();
}
