using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static GrowthMonitor.IntegrationTests.TargetPages.TargetPagesService;

namespace GrowthMonitor.IntegrationTests.TargetPages;

/// <summary>
/// The other new pages in real Chromium: the guide signed out and in, the upload page of a manual indicator (empty, and
/// with the preview of a CSV with a bad row, uploaded through the file input with JavaScript disabled), and the members
/// page with an error beside a field. axe-core finds no WCAG 2.1 A/AA violation on any of them.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PagesAccessibilityBrowserTests(TargetPagesBrowserService service, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<TargetPagesBrowserService>, IClassFixture<ChromiumFixture>
{
    // On 15 September 2026 the latest half-year is 2026H2; 2027H1 has not begun, so that row is bad and nothing is stored.
    private const string BadUpload = "område;periode;værdi\n766;2026H1;12,5\n766;2027H1;3\n";

    private static readonly Person Hanne = new("hanne.holt@hedensted.example", "Hanne Holt", "admin", []);

    [Fact]
    public async Task GuideUploadAndMembers_SignedOutSignedInAndWithErrors_NoWcag21AaViolations()
    {
        // axe-core is injected as an inline script, which the service's Content-Security-Policy rightly refuses.
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        Assert.Equal(200, (await page.GotoAsync(service.Url("/vejledning")))?.Status);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        await service.SignInAsync(page, await service.InviteAsync(Hanne));
        Assert.Equal(200, (await page.GotoAsync(service.Url("/vejledning")))?.Status);
        Assert.Equal("Logget ind som Hanne Holt", await page.Locator("nav.signed-in li").First.TextContentAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        Assert.Equal(200, (await page.GotoAsync(service.Url("/indikatorer/apprentices/upload")))?.Status);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        Assert.Equal(400, (await UploadAsync(page, BadUpload)).Status);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        Assert.Equal(200, (await page.GotoAsync(service.Url("/alliancer/hedensted/medlemmer")))?.Status);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await page.Locator("input[type=email]").Last.FillAsync("ikke en adresse");
        Assert.Equal(400, (await page.PressAsync("Send invitation")).Status);
        Assert.True(await page.Locator(".field-error").CountAsync() > 0);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
    }

    [Fact]
    public async Task Upload_JavaScriptDisabled_FileInputPreviewNamesTheBadRowAndStoresNothing()
    {
        var link = await service.InviteAsync(Lone with { Email = "lone.upload@hedensted.example" });
        await using var context = await chromium.Browser.NewContextAsync(new() { JavaScriptEnabled = false, BypassCSP = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await service.SignInAsync(page, link);
        Assert.Equal(200, (await page.GotoAsync(service.Url("/indikatorer/apprentices/upload")))?.Status);

        var preview = await UploadAsync(page, BadUpload);

        Assert.Equal(400, preview.Status);
        Assert.Contains("2027H1", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Gem tallene" }).CountAsync());
        Assert.DoesNotContain(await service.Pages.Harness.StoredAsync("apprentices"), figure => figure.Time.Year == 2026);
    }

    /// <summary>Chooses the CSV in the file input and asks for the preview; the answer to the form's POST.</summary>
    private static async Task<IResponse> UploadAsync(IPage page, string csv)
    {
        await page.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "laerlinge.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        return await page.PressAsync("Vis hvad der vil ændre sig");
    }
}
