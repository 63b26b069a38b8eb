using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// Sign-in by e-mail link in real Chromium, against the service on Kestrel and a real SMTP server on loopback: an
/// operator invites a member, the invitation arrives, the browser opens its link and presses the Danish button, and the
/// session it gets enters a figure through the API with the antiforgery token, audited in the person's name. A used,
/// expired or altered link is refused with a plain Danish page and no session; the form tells no one who is a member;
/// the pages meet WCAG 2.1 A and AA. One service and one browser serve the class; each test invites its own person.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SignInBrowserTests(SignInService service, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<SignInService>, IClassFixture<ChromiumFixture>
{
    private const string SessionCookie = "GrowthMonitor.Session";

    private const string LinkUsedUp = "Linket virker ikke længere";

    [Fact]
    public async Task SignIn_InvitationLinkButtonPressed_SessionEntersFigureWithTokenAuditedInThePersonsName()
    {
        var link = await service.InviteAsync("anne.holm@horsens.example", "Anne Holm");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var shown = await page.GotoAsync(link.AbsoluteUri);
        // Opening the link, as a mail scanner does, shows the button and signs no one in.
        Assert.Equal((200, "Log ind i GrowthMonitor"), (shown?.Status, await page.Locator("h1").TextContentAsync()));
        Assert.Empty(await SessionCookiesAsync(context));
        var used = await PressLogIndAsync(page);
        Assert.Equal(new Uri(link, "/").AbsoluteUri, page.Url);

        Assert.Equal(302, used.Status);
        var cookie = Assert.Single(await SessionCookiesAsync(context));
        // Secure is set only over HTTPS; this is plain http on loopback.
        Assert.Equal((true, SameSiteAttribute.Lax, false), (cookie.HttpOnly, cookie.SameSite, cookie.Secure));
        // Kept for Authentication:SessionLifetime's 14 days, not only until the browser closes. To the day: the browser
        // dates it by its own reckoning (EmailLinkSignInTests checks the exact max-age the service sends).
        var lasts = DateTimeOffset.FromUnixTimeSeconds((long)cookie.Expires) - DateTimeOffset.UtcNow;
        Assert.InRange(lasts, TimeSpan.FromDays(13.5), TimeSpan.FromDays(14.5));

        // The page's own script: who am I and the antiforgery token, then the same figure without and with the token.
        var answers = JsonDocument.Parse(await page.EvaluateAsync<string>(
            """
            async () => {
              const me = await (await fetch('/api/me')).json();
              const put = headers => fetch('/api/indicators/network-firms/values', {
                method: 'PUT',
                headers: { 'Content-Type': 'application/json', ...headers },
                body: JSON.stringify({ values: [{ area: '615', period: '2024', value: 12 }] }),
              });
              const withoutToken = await put({});
              const withToken = await put({ 'X-CSRF-Token': me.antiforgeryToken });
              return JSON.stringify({
                name: me.name, email: me.email, sessionCookieVisible: document.cookie.includes('GrowthMonitor.Session'),
                withoutToken: withoutToken.status, withToken: withToken.status, written: await withToken.json(),
              });
            }
            """)).RootElement;

        Assert.Equal(("Anne Holm", "anne.holm@horsens.example", false), (answers.GetProperty("name").GetString(), answers.GetProperty("email").GetString(), answers.GetProperty("sessionCookieVisible").GetBoolean()));
        Assert.Equal((400, 200), (answers.GetProperty("withoutToken").GetInt32(), answers.GetProperty("withToken").GetInt32()));
        Assert.Equal(1, answers.GetProperty("written").GetProperty("changed").GetInt32());
        var change = Assert.Single((await service.Operator.GetFromJsonAsync<JsonArray>("/api/indicators/network-firms/values/audit"))!)!;
        Assert.Equal(("615", "2024", null, 12d, "Anne Holm <anne.holm@horsens.example>"),
            ((string?)change["area"], (string?)change["period"], (double?)change["old"], (double?)change["new"], (string?)change["operator"]));
    }

    [Fact]
    public async Task UseLink_UsedAlready_DanishRefusalPageAndNoSession()
    {
        var link = await service.InviteAsync("bent.lund@horsens.example", "Bent Lund");
        await using var first = await chromium.Browser.NewContextAsync();
        Assert.Equal(302, (await OpenAndPressLogIndAsync(await first.NewPageAsync(), link)).Status);
        await using var second = await chromium.Browser.NewContextAsync();
        var page = await second.NewPageAsync();

        var refused = await OpenAndPressLogIndAsync(page, link);

        await AssertRefusedAsync(second, page, refused, 410, LinkUsedUp);
    }

    [Fact]
    public async Task UseLink_RequestedLinkAfterItsThirtyMinutes_DanishRefusalPageAndNoSession()
    {
        const string Carl = "carl.berg@horsens.example";
        await service.InviteAsync(Carl, "Carl Berg");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        Assert.Equal(200, (await RequestLinkAsync(page, Carl)).Status);
        await service.LinkRequestsHandledAsync();
        var link = service.LinkTo(Carl);

        service.Clock.MoveTo(service.Clock.GetUtcNow() + TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var refused = await OpenAndPressLogIndAsync(page, link);

        Assert.Equal(2, service.MailTo(Carl).Count);
        await AssertRefusedAsync(context, page, refused, 410, LinkUsedUp);
    }

    [Fact]
    public async Task UseLink_TokenAlteredOrCut_DanishRefusalPagesAndNoSession()
    {
        var link = await service.InviteAsync("dorte.kjaer@horsens.example", "Dorte Kjær");
        var token = link.Query["?token=".Length..];
        var altered = new Uri(link, $"?token={(token[0] == 'A' ? 'B' : 'A')}{token[1..]}");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await AssertRefusedAsync(context, page, await OpenAndPressLogIndAsync(page, altered), 410, LinkUsedUp);
        await AssertRefusedAsync(context, page, (await page.GotoAsync(link.AbsoluteUri[..^1]))!, 400, "Linket kan ikke bruges");
    }

    [Fact]
    public async Task RequestLink_MemberAndStranger_SamePageAndOnlyTheMemberGetsMail()
    {
        const string Erik = "erik.moeller@horsens.example";
        const string Stranger = "ukendt.person@horsens.example";
        await service.InviteAsync(Erik, "Erik Møller");
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var forMember = await RequestLinkAsync(page, Erik);
        var memberPage = await page.ContentAsync();
        var forStranger = await RequestLinkAsync(page, Stranger);
        var strangerPage = await page.ContentAsync();

        Assert.Equal((200, 200), (forMember.Status, forStranger.Status));
        Assert.Equal(memberPage, strangerPage);
        Assert.Equal("Hvis adressen er kendt, har vi sendt et link", await page.Locator("main p.lead").TextContentAsync());
        // The links go out after the answers: the invitation and the requested link arrive, and nothing for the stranger.
        await service.LinkRequestsHandledAsync();
        Assert.Equal(["Invitation til GrowthMonitor – Vækstalliancen Horsens", "Log ind i GrowthMonitor"], service.MailTo(Erik).Select(m => m.Message.Subject));
        Assert.Empty(service.MailTo(Stranger));
    }

    [Fact]
    public async Task Pages_FormReceiptLinkAndRefusals_NoWcag21AaViolations()
    {
        var link = await service.InviteAsync("frida.dahl@horsens.example", "Frida Dahl");
        // axe-core is injected as an inline script, which the service's Content-Security-Policy rightly refuses.
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(service.Origin, SignInEndpoints.SignInPath).AbsoluteUri);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        Assert.Equal(400, (await RequestLinkAsync(page, "ikke en adresse")).Status);
        Assert.Equal("true", await page.GetByLabel("E-mailadresse").GetAttributeAsync("aria-invalid"));
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await RequestLinkAsync(page, "ukendt.person@horsens.example");
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await page.GotoAsync(link.AbsoluteUri);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        Assert.Equal(302, (await PressLogIndAsync(page)).Status);
        await page.GotoAsync(link.AbsoluteUri);
        Assert.Equal(410, (await PressLogIndAsync(page)).Status);
        Assert.Equal(new Uri(link, SignInMail.LinkPath).AbsoluteUri, page.Url);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await page.GotoAsync(link.AbsoluteUri[..^1]);
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
    }

    /// <summary>Fills in the form at <c>/log-ind</c> as a person would; the answer to its POST.</summary>
    private async Task<IResponse> RequestLinkAsync(IPage page, string email)
    {
        await page.GotoAsync(new Uri(service.Origin, SignInEndpoints.SignInPath).AbsoluteUri);
        await page.GetByLabel("E-mailadresse").FillAsync(email);
        return await page.PressAsync("Send mig et link", r => r.Url.EndsWith(SignInEndpoints.SignInPath, StringComparison.Ordinal));
    }

    private static async Task<IResponse> OpenAndPressLogIndAsync(IPage page, Uri link)
    {
        Assert.Equal(200, (await page.GotoAsync(link.AbsoluteUri))?.Status);
        return await PressLogIndAsync(page);
    }

    /// <summary>Presses the link page's Danish button; the answer to its POST (a redirect once signed in).</summary>
    private static Task<IResponse> PressLogIndAsync(IPage page) =>
        page.PressAsync("Log ind", r => r.Url.EndsWith(SignInMail.LinkPath, StringComparison.Ordinal));

    /// <summary>A plain Danish page that says why and leads to a new link; no form, and no session in the browser.</summary>
    private static async Task AssertRefusedAsync(IBrowserContext context, IPage page, IResponse answer, int status, string heading)
    {
        Assert.Equal((status, answer.Url), (answer.Status, page.Url));
        Assert.Equal(("da", heading), (await page.Locator("html").GetAttributeAsync("lang"), await page.Locator("h1").TextContentAsync()));
        Assert.Contains("Linket", await page.Locator("main p.lead").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("/log-ind", await page.Locator("main a").GetAttributeAsync("href"));
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.Empty(await SessionCookiesAsync(context));
    }

    private static async Task<IReadOnlyList<BrowserContextCookiesResult>> SessionCookiesAsync(IBrowserContext context) =>
        [.. (await context.CookiesAsync()).Where(c => c.Name == SessionCookie)];
}

/// <summary>
/// The service on Kestrel for <see cref="SignInBrowserTests"/>, sending mail to a real SMTP server on loopback, on a
/// clock the tests move and a PostgreSQL database of its own: Vækstalliancen Horsens with a manual indicator its
/// contributors enter figures of.
/// </summary>
public sealed class SignInService(ServersFixture servers) : IAsyncLifetime
{
    /// <summary>
    /// From 1 November 2025 (2024 is the latest year a yearly figure can be entered for). Only "now" is moved: the
    /// service's timeouts keep the real clock, so that moving it does not time out work another test left running.
    /// </summary>
    public ShiftedTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Where Kestrel listens; the links in the mails point here too.</summary>
    public Uri Origin => harness.Factory.KestrelAddress;

    private SmtpTestServer smtp = null!;
    private ServiceHarness harness = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        harness = ServiceHarness.Create(servers, Catalog(), settings: smtp.ServiceSettings(), clock: Clock);
        harness.Factory.OnKestrel().StartServer();
        Operator = harness.OperatorClient();
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        await harness.DisposeAsync();
        await smtp.DisposeAsync();
    }

    /// <summary>Adds a contributor to Horsens with the operator key; the link of the invitation that arrived.</summary>
    public async Task<Uri> InviteAsync(string email, string name)
    {
        using var added = await Operator.PostAsJsonAsync("/api/alliances/horsens/members", new { email, name, role = "contributor" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return LinkTo(email);
    }

    public Task LinkRequestsHandledAsync() => SignInMails.LinkRequestsHandledAsync(harness.Database);

    /// <summary>The link in the newest mail to <paramref name="email"/>.</summary>
    public Uri LinkTo(string email) => SignInMails.LinkIn(MailTo(email)[^1]);

    public IReadOnlyList<ReceivedEmail> MailTo(string email) => [.. smtp.Received.Where(m => m.EnvelopeTo.Contains(email))];

    private static JsonObject Catalog() => JsonNode.Parse("""
        {
          "indicators": [
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["615"] }
          ],
          "alliances": [{ "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"] }],
          "targets": [
            { "id": "horsens-network", "alliance": "horsens", "indicator": "network-firms", "areas": ["615"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030" }
          ]
        }
        """)!.AsObject();
}
