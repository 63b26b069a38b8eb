using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Home;

/// <summary>
/// The front page of the Horsens scenario (<see cref="HorsensScenario"/>, "today" 1 November 2025): each alliance with its
/// targets as the evaluation run stored them, its report years, the freshness of every indicator, and the links a new
/// user needs.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class FrontPageTests(ServersFixture servers)
{
    private const string Dashboard = "https://grafana.example.dk/d/growthmonitor-overview";

    [Fact]
    public async Task FrontPage_AfterIngestAndEvaluation_AllianceTargetsReportsFreshnessAndLinks()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, new Dictionary<string, string?> { ["Alerts:DashboardUrl"] = Dashboard });
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["Vækstalliancen Horsens", "Datafriskhed"], page.QuerySelectorAll("h2").Select(h => h.TextContent));

        var horsens = page.GetElementById("alliance-horsens")!.ParentElement!;
        Assert.Equal("Området omfatter Horsens Kommune.", horsens.QuerySelector("p")!.TextContent);
        Assert.Equal(["På sporet 0 mål", "I risiko 2 mål", "Bagud 0 mål", "Ingen data 0 mål"], horsens.QuerySelectorAll("ul.status-counts li").Select(Text));
        // As the annual report: 41,900 against 42,000 is progress 0.9; against the relative target's 42,029 it is 0.8746.
        Assert.Equal(
        [
            ["500 flere job om året", "I risiko", "2024", "90\u00A0%", ""],
            ["Hurtigere jobvækst end landet", "I risiko", "2024", "87\u00A0%", ""],
        ], Rows(horsens.QuerySelector("table")!));

        // Baseline year 2022 to this year, 2025; the link's name says what it is.
        var reports = horsens.QuerySelectorAll("ul.years a").ToList();
        Assert.Equal(new[] { 2022, 2023, 2024, 2025 }.Select(y => $"/api/alliances/horsens/reports/{y}?format=html"), reports.Select(a => a.GetAttribute("href")));
        Assert.Equal("Årsrapport 2024 for Vækstalliancen Horsens", reports[2].TextContent);
        using var report = await client.GetAsync(reports[2].GetAttribute("href"));
        Assert.Contains("Årsrapport 2024: Vækstalliancen Horsens", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var links = page.QuerySelectorAll("nav a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal(Dashboard, links["Dashboards i Grafana"]);
        Assert.Equal("/docs", links["API-dokumentation"]);
        Assert.Equal("#datafriskhed", links["Datafriskhed"]);

        // ERHV2 as the fake serves it was updated 25 March 2025 08:00 Danish time; the fetch ran "today" at 12:00 UTC.
        var freshness = Rows(page.QuerySelector("#datafriskhed ~ .table-wrap table")!);
        var jobs = Assert.Single(freshness);
        Assert.Equal(["Test jobs", "ERHV2", "2024", "25. marts 2025 kl. 08.00"], jobs[..4]);
        Assert.StartsWith("1. november 2025 kl. 13.", jobs[4], StringComparison.Ordinal);
        Assert.Equal("I orden", jobs[5]);
    }

    [Fact]
    public async Task FrontPage_NobodySignedIn_ShortcutToSignInAndNoAccountLinks()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        var shortcuts = page.QuerySelector("nav[aria-label=Genveje]")!.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/log-ind", shortcuts["Log ind"]);
        Assert.DoesNotContain("Mine mål", shortcuts.Keys);
        // The header's links to the person's goals and the sign-out button are for a signed-in person only.
        Assert.Null(page.QuerySelector("nav.signed-in"));
        Assert.Empty(page.QuerySelectorAll("form"));
    }

    [Fact]
    public async Task FrontPage_ETagSentBack_304UntilTheNextEvaluationRunOrFetch()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var first = await client.GetAsync("/");
        using var again = await SendAsync(client, first.Headers.ETag!);
        await harness.EvaluateAsync();
        using var afterRun = await SendAsync(client, first.Headers.ETag!);
        // A fetch that finds the table unchanged queues no evaluation run, but the page shows when it was made.
        await harness.IngestAsync("jobs");
        using var afterFetch = await SendAsync(client, afterRun.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, afterRun.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterFetch.StatusCode);
        // "Sidst hentet" is the unchanged fetch's time, to the second.
        var lastFetch = (await harness.RunsAsync("jobs"))[^1];
        var page = new HtmlParser().ParseDocument(await afterFetch.Content.ReadAsStringAsync());
        var shown = page.QuerySelector("#datafriskhed ~ .table-wrap table tbody tr")!.QuerySelectorAll("td, th")[4].QuerySelector("time")!.GetAttribute("datetime");
        Assert.Equal("unchanged", lastFetch.Outcome);
        Assert.Equal(lastFetch.Time.ToUnixTimeSeconds(), DateTimeOffset.Parse(shown!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    // Spaces and line breaks only: the no-break space in "90 %" is the page's own.
    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Each body row's cells as a sighted reader sees them (the screen-reader-only text left out).</summary>
    internal static string[][] Rows(IElement table) =>
        [.. table.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell =>
        {
            var copy = (IElement)cell.Clone();
            foreach (var hidden in copy.QuerySelectorAll(".sr-only"))
            {
                hidden.Remove();
            }

            return Text(copy);
        }).ToArray())];
}
