using GrowthMonitor.IntegrationTests.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static GrowthMonitor.IntegrationTests.TargetPages.TargetPagesService;

namespace GrowthMonitor.IntegrationTests.TargetPages;

/// <summary>
/// The target pages in real Chromium against the service on Kestrel and a real SMTP server: a contributor invited by
/// e-mail signs in from the link, sees only her group's target on /mine-maal, enters a half-year figure typed with a
/// decimal comma (after one typed wrong), writes a note, and sees the recomputed status once the queued evaluation has
/// run; a viewer sees no forms; with JavaScript disabled the forms still work; axe-core finds no WCAG 2.1 A/AA
/// violation signed in, signed out and with a form error showing. With GROWTHMONITOR_SCREENSHOTS set, the pages are
/// saved as docs/screenshots/mine-maal.png and maal.png. One service and one browser serve the class.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class TargetPagesBrowserTests(TargetPagesBrowserService service, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<TargetPagesBrowserService>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Contributor_InvitedByMail_SeesOwnTargetEntersFigureWithDecimalCommaWritesNoteAndSeesNewStatus()
    {
        var link = await service.InviteAsync(Lone);
        // axe-core is injected as an inline script, which the service's Content-Security-Policy rightly refuses.
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true, ViewportSize = new() { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        await service.SignInAsync(page, link);

        await page.GotoAsync(service.Url("/mine-maal"));
        Assert.Equal("Mine mål", await page.Locator("h1").TextContentAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "Flere lærlinge i 2026" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Flere virksomheder i netværket" }).CountAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Flere lærlinge i 2026" }));
        Assert.Equal(service.Url("/maal/" + ApprenticesTarget), page.Url);
        Assert.Equal("Ingen data", await StatusAsync(page));
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        // Letters where the figure belongs: the page comes back with the message beside the field, and axe is content.
        await page.Locator("#tal-periode").SelectOptionAsync("2026H1");
        await page.Locator("#tal-vaerdi").FillAsync("tolv");
        Assert.Equal(400, (await page.PressAsync("Gem tallet")).Status);
        Assert.Equal("true", await page.Locator("#tal-vaerdi").GetAttributeAsync("aria-invalid"));
        Assert.Equal("Skriv et tal som fx 1234, 1.234, 1.234,5 eller -12,5: komma før decimalerne.", await page.Locator("#tal-vaerdi-fejl").TextContentAsync());
        Assert.Equal(("2026H1", "tolv"), (await page.Locator("#tal-periode").InputValueAsync(), await page.Locator("#tal-vaerdi").InputValueAsync()));
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        // 12,5 apprentices in the first half of 2026 against the goal of 20 for the year, pro rata 10 by midyear:
        // 12.5 / 10 = 1.25, on track.
        await page.Locator("#tal-vaerdi").FillAsync("12,5");
        Assert.Equal(303, (await page.PressAsync("Gem tallet")).Status);
        Assert.Equal("Tallet er gemt. Målets status beregnes igen om få sekunder; genindlæs siden for at se den nye status.", await page.Locator("p.saved").TextContentAsync());
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            return await StatusAsync(page) == "På sporet";
        }, Eventually.BackgroundWork);
        Assert.Equal("Seneste tal (1. halvår 2026): 12,5 lærlinge, forventet 10 lærlinge.", await page.Locator("#seneste-tal").TextContentAsync());

        await page.Locator("#note-periode").SelectOptionAsync("2026H1");
        await page.Locator("#note-tekst").FillAsync("Tre virksomheder har taget deres første lærling.");
        Assert.Equal(303, (await page.PressAsync("Gem noten")).Status);
        Assert.Equal("Noten er gemt.", await page.Locator("p.saved").TextContentAsync());
        Assert.StartsWith("1. halvår 2026: Tre virksomheder har taget deres første lærling. – Lone Lund, ", await page.Locator("ul.notes li").First.TextContentAsync());
        Assert.Contains("Lone Lund <lone.lund@hedensted.example>", await page.Locator("#aendringer-tabel").Locator("..").TextContentAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await ScreenshotAsync(page, "maal.png");

        // The goal form of a yearly-goal target: a bad goal comes back beside its field, and axe is content with it too.
        await page.GotoAsync(service.Url("/maal/" + TraineesTarget));
        await page.Locator("#maal-2027").FillAsync("tolv");
        Assert.Equal(400, (await page.PressAsync("Gem målene")).Status);
        Assert.Equal("true", await page.Locator("#maal-2027").GetAttributeAsync("aria-invalid"));
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await page.Locator("#maal-2027").FillAsync("12,5");
        Assert.Equal(303, (await page.PressAsync("Gem målene")).Status);
        Assert.StartsWith("Årets mål er gemt.", await page.Locator("p.saved").TextContentAsync());

        await page.GotoAsync(service.Url("/mine-maal"));
        var apprentices = page.Locator("main li", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Flere lærlinge i 2026" }) });
        Assert.Equal("Seneste tal: 12,5 lærlinge (1. halvår 2026)", await apprentices.Locator(".latest").TextContentAsync());
        Assert.Equal("På sporet", await apprentices.Locator(".status").TextContentAsync());
        await ScreenshotAsync(page, "mine-maal.png");
    }

    [Fact]
    public async Task Viewer_AndSignedOut_TargetPageWithoutFormsAndNoViolations()
    {
        var link = await service.InviteAsync(Vibeke);
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await service.SignInAsync(page, link);

        await page.GotoAsync(service.Url("/maal/" + ApprenticesTarget));
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);

        await using var signedOut = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var anonymous = await signedOut.NewPageAsync();
        Assert.Equal(200, (await anonymous.GotoAsync(service.Url("/maal/" + ApprenticesTarget)))?.Status);
        Assert.Equal(0, await anonymous.Locator("form").CountAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(anonymous, output);
    }

    [Fact]
    public async Task JavaScriptDisabled_SignInFigureAndNote_FormsStillWork()
    {
        var link = await service.InviteAsync(Ole);
        await using var context = await chromium.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await service.SignInAsync(page, link);

        await page.GotoAsync(service.Url("/maal/" + NetworkTarget));
        await page.Locator("#tal-periode").SelectOptionAsync("2026H1");
        await page.Locator("#tal-vaerdi").FillAsync("21,5");
        Assert.Equal(303, (await page.PressAsync("Gem tallet")).Status);
        Assert.Equal("Tallet er gemt. Målets status beregnes igen om få sekunder; genindlæs siden for at se den nye status.", await page.Locator("p.saved").TextContentAsync());
        await page.Locator("#note-tekst").FillAsync("Netværket holdt sit første morgenmøde.");
        Assert.Equal(303, (await page.PressAsync("Gem noten")).Status);
        Assert.Equal("Noten er gemt.", await page.Locator("p.saved").TextContentAsync());

        Assert.Contains(("766", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 21.5), await service.Pages.Harness.StoredAsync("network-firms"));
    }


    private static async Task<string?> StatusAsync(IPage page) => await page.Locator("section[aria-labelledby=status] .status").TextContentAsync();

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GROWTHMONITOR_SCREENSHOTS") is { Length: > 0 })
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot.Path, "docs", "screenshots", name), FullPage = true });
        }
    }
}

/// <summary>The target pages' service (<see cref="TargetPagesService"/>) on Kestrel, sending its invitations to a real SMTP server on loopback.</summary>
public sealed class TargetPagesBrowserService(ServersFixture servers) : IAsyncLifetime
{
    private SmtpTestServer smtp = null!;

    public TargetPagesService Pages { get; } = new(servers);

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        await Pages.StartAsync(smtp.ServiceSettings(), kestrel: true);
    }

    public async Task DisposeAsync()
    {
        await Pages.DisposeAsync();
        await smtp.DisposeAsync();
    }

    public string Url(string path) => new Uri(Pages.Harness.Factory.KestrelAddress, path).AbsoluteUri;

    /// <summary>Adds the person to Hedensted with the operator key; the link in the invitation that arrived.</summary>
    public async Task<Uri> InviteAsync(Person person)
    {
        await Pages.AddAsync(person);
        return SignInMails.LinkIn(smtp.Received.Last(m => m.EnvelopeTo.Contains(person.Email)));
    }

    /// <summary>Opens the invitation's link and presses the Danish button, as the person would; the service then shows the front page.</summary>
    public async Task SignInAsync(IPage page, Uri link)
    {
        // Two cores shared with builds and other test runs: a page may take longer than Playwright's 30 s default.
        page.SetDefaultTimeout(120_000);
        Assert.Equal(200, (await page.GotoAsync(link.AbsoluteUri))?.Status);
        await page.PressAsync("Log ind");
        Assert.Equal(Url("/"), page.Url);
    }
}
