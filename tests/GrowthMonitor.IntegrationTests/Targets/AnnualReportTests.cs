using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Targets;

[Collection(ServersCollection.Name)]
public sealed class AnnualReportTests(ServersFixture servers)
{
    private const double Tolerance = 1e-6;

    [Fact]
    public async Task Report2024_Json_FiguresEqualHandComputed()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var report = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/horsens/reports/2024"));

        var root = report.RootElement;
        Assert.Equal(2024, root.GetProperty("year").GetInt32());
        Assert.Equal("Kilde: Danmarks Statistik", root.GetProperty("source").GetString());
        var jobs = Target(root, "horsens-jobs");
        Assert.Equal("at_risk", jobs.GetProperty("evaluation").GetProperty("status").GetString());
        Assert.Equal("2024", jobs.GetProperty("evaluation").GetProperty("evaluatedPeriod").GetString());
        Assert.Equal(41_900, jobs.GetProperty("evaluation").GetProperty("actual").GetDouble());
        Assert.Equal(41_000, jobs.GetProperty("evaluation").GetProperty("baseline").GetDouble());
        Assert.Equal(42_000, jobs.GetProperty("evaluation").GetProperty("expected").GetDouble());       // 41,000 + 2 years × 500
        Assert.Equal(-100, jobs.GetProperty("evaluation").GetProperty("gap").GetDouble());
        Assert.Equal(0.9, jobs.GetProperty("evaluation").GetProperty("progress").GetDouble(), Tolerance); // 900 / 1,000

        var year = jobs.GetProperty("yearChange");
        Assert.Equal(("2023", "2024"), (year.GetProperty("from").GetString(), year.GetProperty("to").GetString()));
        Assert.Equal(450, year.GetProperty("change").GetDouble());               // 41,900 − 41,450
        Assert.Equal(450.0 / 41_450 * 100, year.GetProperty("percentChange").GetDouble(), Tolerance);
        Assert.Equal(500, year.GetProperty("expectedChange").GetDouble());       // 42,000 − 41,500

        // Least squares over 2020–2024 (40,200 40,500 41,000 41,450 41,900): mean 41,010 at 2022, slope 4,350 / 10 = 435.
        var projection = jobs.GetProperty("evaluation").GetProperty("projection");
        Assert.Equal(435, projection.GetProperty("slope").GetDouble(), Tolerance);
        Assert.Equal(41_010 + 8 * 435, projection.GetProperty("projectedAtEnd").GetDouble(), Tolerance); // 44,490 in 2030
        // Goal 45,000 (41,000 + 8 × 500): 41,010 + 435 × 9 = 44,925 in 2031 falls short, 45,360 in 2032 reaches it.
        Assert.Equal("2032", projection.GetProperty("reachedIn").GetString());

        // The goal is 45,000 in 2030: 3,100 more than 41,900 in six years, 516.67 a year; compounded, 45,000 / 41,900 =
        // 1.073986, whose sixth root is 1.011967: 1.1967 % a year.
        var pace = jobs.GetProperty("evaluation").GetProperty("pace");
        Assert.Equal((45_000d, "2030"), (pace.GetProperty("goal").GetDouble(), pace.GetProperty("by").GetString()));
        Assert.Equal(516.666667, pace.GetProperty("perYear").GetDouble(), 6);
        Assert.Equal(1.19672, pace.GetProperty("percentPerYear").GetDouble(), 5);

        // ERHV2 as the fake serves it: updated 2025-03-25 08:00 in Copenhagen (07:00 UTC) with 2024, which ended
        // 2025-01-01: 83 days and 7 hours.
        var source = jobs.GetProperty("source");
        Assert.Equal(("ERHV2", "2024"), (source.GetProperty("table").GetString(), source.GetProperty("latestPeriod").GetString()));
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero), source.GetProperty("published").GetDateTimeOffset());
        Assert.Equal(83 + 7 / 24.0, source.GetProperty("lagDays").GetDouble(), 9);
        Assert.Equal(
            [("on_track", 0), ("at_risk", 2), ("off_track", 0), ("no_data", 0)],
            root.GetProperty("statusCounts").EnumerateArray().Select(c => (c.GetProperty("status").GetString(), c.GetProperty("count").GetInt32())));

        // Denmark grew by 3,045,000 / 3,000,000 = 1.015 over two years; Horsens should grow 0.5 points a year faster.
        var denmarkRate = Math.Sqrt(1.015) - 1;
        var expectedRelative = 41_000 * Math.Pow(1 + denmarkRate + 0.005, 2);
        var relative = Target(root, "horsens-vs-denmark");
        Assert.Equal(expectedRelative, relative.GetProperty("evaluation").GetProperty("expected").GetDouble(), Tolerance);
        Assert.Equal(900 / (expectedRelative - 41_000), relative.GetProperty("evaluation").GetProperty("progress").GetDouble(), Tolerance);
        Assert.Equal("at_risk", relative.GetProperty("evaluation").GetProperty("status").GetString()); // 0.8746 lies in [0.85, 1)

        var comparison = jobs.GetProperty("comparison").EnumerateArray().ToDictionary(c => c.GetProperty("area").GetString()!);
        Assert.Equal(["615", "082", "000"], comparison.Keys);
        Assert.Equal("Horsens", comparison["615"].GetProperty("name").GetString());
        Assert.Equal("Region Midtjylland", comparison["082"].GetProperty("name").GetString());
        Assert.Equal(3_000, comparison["082"].GetProperty("change").GetDouble());
        Assert.Equal(3_000.0 / 606_000 * 100, comparison["082"].GetProperty("percentChange").GetDouble(), Tolerance);
        Assert.Equal(15_000.0 / 3_030_000 * 100, comparison["000"].GetProperty("percentChange").GetDouble(), Tolerance);

        var chart = jobs.GetProperty("chart").EnumerateArray().ToList();
        Assert.Equal(9, chart.Count); // 2022–2030
        Assert.Equal(41_450, chart[1].GetProperty("actual").GetDouble());
        Assert.Equal(41_500, chart[1].GetProperty("expected").GetDouble());
        Assert.Equal(JsonValueKind.Null, chart[8].GetProperty("actual").ValueKind);
        Assert.Equal(45_000, chart[8].GetProperty("expected").GetDouble());
    }

    [Fact]
    public async Task Report2023_StatusAtEndOfThatYear_UsesOnlyDataUpTo2023()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var report = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/horsens/reports/2023"));

        var jobs = Target(report.RootElement, "horsens-jobs");
        Assert.Equal("2023", jobs.GetProperty("evaluation").GetProperty("evaluatedPeriod").GetString());
        Assert.Equal(0.9, jobs.GetProperty("evaluation").GetProperty("progress").GetDouble(), Tolerance); // (41,450 − 41,000) / 500
        Assert.Equal("at_risk", jobs.GetProperty("evaluation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Report_CsvByAcceptHeader_OneRowPerTargetWithTheSameFigures()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        // The dialect for programs: comma-separated, decimal point (the Danish default is DownloadTests' and CsvRoundTripTests').
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alliances/horsens/reports/2024?dialect=rfc4180");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await client.SendAsync(request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        var jobs = lines.Single(l => l.StartsWith("horsens,2024,horsens-jobs,", StringComparison.Ordinal)).Split(',');
        string Cell(string column) => jobs[Array.IndexOf(header, column)];
        Assert.Equal("at_risk", Cell("status"));
        Assert.Equal("41900", Cell("actual"));
        Assert.Equal("42000", Cell("expected"));
        Assert.Equal("0.9", Cell("progress"));
        Assert.Equal("44490", Cell("projected_at_end"));
        Assert.Equal("2032", Cell("reached_in"));
        Assert.Equal("450", Cell("year_change"));
        Assert.Equal("Kilde: Danmarks Statistik", Cell("source"));
        Assert.Equal(("45000", "2030", "516.6667", "1.1967"), (Cell("goal"), Cell("goal_period"), Cell("pace_per_year"), Cell("pace_percent_per_year")));
        Assert.Equal(("ERHV2", "2025-03-25T07:00:00.0000000+00:00", "2024", "83.2917"),
            (Cell("source_table"), Cell("source_published"), Cell("source_latest_period"), Cell("source_lag_days")));
    }

    [Theory]
    [InlineData("?format=html", null)]
    [InlineData("", "text/html")]
    public async Task Report_Html_IsADanishPage(string query, string? accept)
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alliances/horsens/reports/2024" + query);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"da\"", html);
        Assert.Contains("Vækstalliancen Horsens", html);
        Assert.Contains("41.900", html);
    }

    [Fact]
    public async Task Report_Html_ServedToABrowser_HasThePagesFrameWithTheAccessibilityStatement()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, new Dictionary<string, string?> { ["Accessibility:StatementUrl"] = "https://www.horsens.dk/tilgaengelighed" });
        using var client = harness.Factory.CreateClient();

        var html = await client.GetStringAsync("/api/alliances/horsens/reports/2024?format=html");

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var statement = Assert.Single(page.QuerySelectorAll("footer a"));
        Assert.Equal(("Tilgængelighedserklæring", "https://www.horsens.dk/tilgaengelighed"), (statement.TextContent, statement.GetAttribute("href")));
        // Nobody is signed in: no account links in the header.
        Assert.Null(page.QuerySelector("nav.signed-in"));
    }

    private static JsonElement Target(JsonElement report, string id) =>
        report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == id);
}
