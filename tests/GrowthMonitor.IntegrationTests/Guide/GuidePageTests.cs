using System.Net;
using AngleSharp.Html.Parser;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Guide;

/// <summary>The guide for group members: public, Danish, in every page's frame with the accessibility statement.</summary>
[Collection(ServersCollection.Name)]
public sealed class GuidePageTests(ServersFixture servers)
{
    [Fact]
    public async Task Guide_Anonymous_DanishSectionsAndTheAccessibilityStatementInTheFooter()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?>
        {
            ["Accessibility:StatementUrl"] = "https://was.digst.dk/horsens-growthmonitor",
        });
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/vejledning");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(("da", "Sådan indtaster I tal og noter"), (page.DocumentElement.GetAttribute("lang"), page.QuerySelector("h1")!.TextContent));
        Assert.Equal(
            ["Log ind", "Mine mål", "Indtast eller ret et tal", "Upload et regneark", "Skriv en opfølgningsnote", "Sæt årets mål", "Påmindelser", "Hvad status betyder"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent));
        // Every link of the contents leads to a heading of the page.
        Assert.All(page.QuerySelectorAll("header nav a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
        var statement = page.QuerySelector("footer a")!;
        Assert.Equal(("Tilgængelighedserklæring", "https://was.digst.dk/horsens-growthmonitor"), (statement.TextContent, statement.GetAttribute("href")));
        // Nobody is signed in: no account links.
        Assert.Null(page.QuerySelector("nav.signed-in"));
    }
}
