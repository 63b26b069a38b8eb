using System.Text.Json;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The API reference at /docs in headless Chromium, served by the real service on Kestrel: Scalar renders the OpenAPI
/// document with nothing fetched from anywhere but the service itself (its script is bundled, its CDN fonts are off).
/// </summary>
public sealed class ApiReferenceBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Docs_Offline_RendersEveryOperationFromTheService()
    {
        await using var service = await ServiceOnKestrel.StartAsync();
        var origin = service.Origin;

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var elsewhere = await ServedPages.AllowOnlyAsync(page, origin);

        var response = await page.GotoAsync(origin + "/docs");
        await page.GetByText("An indicator's stored figures by area and period").First.WaitForAsync(new() { Timeout = 60_000 });

        Assert.True(response?.Ok, $"GET {origin}/docs answered {response?.Status}.");
        Assert.Equal("GrowthMonitor API", await page.TitleAsync());
        using var http = new HttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync(origin + "/openapi/v1.json"));
        var summaries = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value.GetProperty("summary").GetString()!))
            .ToList();
        Assert.True(summaries.Count >= 9, $"The document has only {summaries.Count} operations.");
        foreach (var summary in summaries)
        {
            Assert.True(await page.GetByText(summary).CountAsync() > 0, $"The operation '{summary}' is not on the page.");
        }

        Assert.Empty(elsewhere);
    }
}
