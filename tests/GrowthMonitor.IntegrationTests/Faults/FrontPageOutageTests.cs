using System.Net;
using AngleSharp.Html.Parser;
using GrowthMonitor.IntegrationTests.Home;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// A store stops while the service runs. The front page needs neither to show every target as the last evaluation run
/// judged it (held in memory); the freshness table needs the run log in PostgreSQL, and says so while it is away.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FrontPageOutageTests(ServersFixture servers)
{
    [Fact]
    public async Task FrontPage_InfluxDbStopped_StatusesAndFreshnessShown()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        using var response = await WhileStoppedAsync(servers.Influx.StopAsync, servers.Influx.StartAgainAsync, () => client.GetAsync("/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(["I risiko", "I risiko"], FrontPageTests.Rows(page.GetElementById("alliance-horsens")!.ParentElement!.QuerySelector("table")!).Select(row => row[1]));
        Assert.NotNull(page.GetElementById("datafriskhed")!.ParentElement!.QuerySelector("table"));
    }

    [Fact]
    public async Task FrontPage_PostgresStopped_StatusesShownAndFreshnessSaidUnavailable()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        var response = await WhileStoppedAsync(servers.Postgres.StopAsync, servers.Postgres.StartAgainAsync, () => client.GetAsync("/"));

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // No ETag: the page that InfluxDB's return brings back must not be answered with a 304.
            Assert.Null(response.Headers.ETag);
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            var horsens = page.GetElementById("alliance-horsens")!.ParentElement!;
            // As the scenario's run judged them: 41,900 jobs in 2024, both targets at risk.
            Assert.Equal(["I risiko", "I risiko"], FrontPageTests.Rows(horsens.QuerySelector("table")!).Select(row => row[1]));
            var freshness = page.GetElementById("datafriskhed")!.ParentElement!;
            Assert.Null(freshness.QuerySelector("table"));
            Assert.Contains("PostgreSQL", freshness.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> WhileStoppedAsync(Func<Task> stop, Func<Task> start, Func<Task<HttpResponseMessage>> request)
    {
        await stop();
        try
        {
            return await request();
        }
        finally
        {
            await start();
        }
    }
}
