using System.Net;
using AngleSharp.Html.Parser;
using GrowthMonitor.IntegrationTests.Home;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// InfluxDB stops while the service runs: the front page still shows every target as the last evaluation run judged
/// it (held in memory), and says that the freshness table, which needs the run log in InfluxDB, cannot be shown.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FrontPageOutageTests(ServersFixture servers)
{
    [Fact]
    public async Task FrontPage_InfluxDbStopped_StatusesShownAndFreshnessSaidUnavailable()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        await servers.Influx.StopAsync();
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/");
        }
        finally
        {
            await servers.Influx.StartAgainAsync();
        }

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
            Assert.Contains("InfluxDB", freshness.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        }
    }
}
