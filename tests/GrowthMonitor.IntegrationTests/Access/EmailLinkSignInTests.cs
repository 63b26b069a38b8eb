using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// Sign-in by e-mail link on the real PostgreSQL and a real SMTP server on loopback: a member added with an operator key
/// gets the invitation, the link shows a button, the button signs in, and a link works once and only until it expires.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class EmailLinkSignInTests(ServersFixture servers) : IAsyncLifetime
{
    private const string Anne = "anne.holm@horsens.example";

    /// <summary>Above the 7 requests the per-address test makes from one client.</summary>
    private const int LinksPerClient = 7;

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private SmtpTestServer smtp = null!;
    private ServiceHarness harness = null!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?>(smtp.ServiceSettings())
        {
            ["Authentication:LinksPerClientPerHour"] = LinksPerClient.ToString(CultureInfo.InvariantCulture),
        }, clock: clock);
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task UseLink_InvitationLinkButtonPressed_SessionCookieNamesThePerson()
    {
        var link = await InviteAnneAsync();
        var browser = Browser();

        var shown = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var form = new HtmlParser().ParseDocument(await shown.Content.ReadAsStringAsync()).QuerySelector("main form")!;
        Assert.Equal(("post", "/log-ind/link", "Log ind"), (form.GetAttribute("method"), form.GetAttribute("action"), form.QuerySelector("button")!.TextContent));

        var signedIn = await PostFormAsync(browser, shown, "/log-ind/link");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GrowthMonitor.Session=", StringComparison.Ordinal));
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; max-age=1209600", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(("Anne Holm", Anne, (int)ActorKind.Person), (me.GetProperty("name").GetString(), me.GetProperty("email").GetString(), me.GetProperty("kind").GetInt32()));
    }

    [Fact]
    public async Task Session_UsedAgainAfterTenDays_ServerAndCookieBothLastFourteenDaysFromThen()
    {
        var link = await InviteAnneAsync();
        var browser = Browser();
        await PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");

        var atOnce = await browser.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromDays(10));
        var tenDaysLater = await browser.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromDays(13));
        var twentyThreeDaysAfterSignIn = await browser.GetAsync("/api/me");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (atOnce.StatusCode, tenDaysLater.StatusCode, twentyThreeDaysAfterSignIn.StatusCode));
        Assert.False(atOnce.Headers.Contains("Set-Cookie")); // slid less than a minute ago: nothing written
        var renewed = Assert.Single(tenDaysLater.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GrowthMonitor.Session=", StringComparison.Ordinal));
        Assert.Contains("; max-age=1209600", renewed, StringComparison.OrdinalIgnoreCase); // 14 days from the tenth day
        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task UseLink_SameLinkTwice_SecondRefusedWithDanishPage()
    {
        var link = await InviteAnneAsync();
        var first = Browser();
        var shown = await first.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(first, shown, "/log-ind/link")).StatusCode);

        var second = Browser();
        var again = await PostFormAsync(second, await second.GetAsync(link), "/log-ind/link");

        await AssertRefusedAsync(again, HttpStatusCode.Gone, "Linket virker ikke længere");
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ShowLink_OpenedTwiceAsAMailScannerWould_LinkStillSignsIn()
    {
        var link = await InviteAnneAsync();
        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync(link)).StatusCode);
        var browser = Browser();

        var signedIn = await PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task UseLink_TokenAltered_RefusedAndNothingSignedIn()
    {
        var link = await InviteAnneAsync();
        var token = link.Split("token=")[1];
        var altered = link.Replace(token, (token[0] == 'A' ? 'B' : 'A') + token[1..], StringComparison.Ordinal);
        var browser = Browser();

        var refused = await PostFormAsync(browser, await browser.GetAsync(altered), "/log-ind/link");

        await AssertRefusedAsync(refused, HttpStatusCode.Gone, "Linket virker ikke længere");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
        // The real link still works: the altered one used nothing.
        var real = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(real, await real.GetAsync(link), "/log-ind/link")).StatusCode);
    }

    [Fact]
    public async Task ShowLink_TokenCut_BadRequestWithDanishPage()
    {
        var link = await InviteAnneAsync();

        await AssertRefusedAsync(await Browser().GetAsync(link[..^1]), HttpStatusCode.BadRequest, "Linket kan ikke bruges");
    }

    [Fact]
    public async Task UseLink_RequestedLinkAfterItsThirtyMinutes_Refused()
    {
        await InviteAnneAsync();
        var link = await RequestLinkAsync(Browser(), Anne, expectedMails: 2);
        var browser = Browser();
        var shown = await browser.GetAsync(link);

        clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var refused = await PostFormAsync(browser, shown, "/log-ind/link");

        await AssertRefusedAsync(refused, HttpStatusCode.Gone, "Linket virker ikke længere");
    }

    [Fact]
    public async Task UseLink_RequestedLinkJustBeforeItExpires_SignsIn()
    {
        await InviteAnneAsync();
        var link = await RequestLinkAsync(Browser(), Anne, expectedMails: 2);
        var browser = Browser();
        var shown = await browser.GetAsync(link);

        clock.Advance(TimeSpan.FromMinutes(29));

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(browser, shown, "/log-ind/link")).StatusCode);
    }

    [Fact]
    public async Task RequestLink_UnknownAndKnownAddress_SameReceiptAndOnlyTheMemberGetsMail()
    {
        await InviteAnneAsync();
        var browser = Browser();

        var unknown = await PostFormAsync(browser, await browser.GetAsync("/log-ind"), "/log-ind", ("email", "ukendt@horsens.example"));
        var known = await PostFormAsync(browser, await browser.GetAsync("/log-ind"), "/log-ind", ("email", "Anne.Holm@Horsens.example "));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (unknown.StatusCode, known.StatusCode));
        Assert.Equal(Receipt(await unknown.Content.ReadAsStringAsync()), Receipt(await known.Content.ReadAsStringAsync()));
        Assert.Equal("Hvis adressen er kendt, har vi sendt et link", Receipt(await known.Content.ReadAsStringAsync()));
        // The links go out after the answers.
        await LinkRequestsHandledAsync();
        Assert.Equal([[Anne], [Anne]], smtp.Received.Select(m => m.EnvelopeTo));
        Assert.Equal("Log ind i GrowthMonitor", smtp.Received.Last().Message.Subject);
    }

    [Fact]
    public async Task RequestLink_SixthRequestWithinAnHour_SameReceiptButNoMail()
    {
        await InviteAnneAsync();
        var browser = Browser();

        // The invitation's link counts too: 1 + 4 requests make the default 5 an hour, the last two send nothing.
        for (var i = 0; i < 6; i++)
        {
            var answer = await PostFormAsync(browser, await browser.GetAsync("/log-ind"), "/log-ind", ("email", Anne));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await LinkRequestsHandledAsync();
        Assert.Equal(5, smtp.Received.Count);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await PostFormAsync(browser, await browser.GetAsync("/log-ind"), "/log-ind", ("email", Anne));
        await LinkRequestsHandledAsync();
        Assert.Equal(6, smtp.Received.Count);
    }

    [Fact]
    public async Task Form_Get_DanishFormWithEmailFieldAndAntiforgeryTokenUnderTheServicesPolicy()
    {
        var answer = await Browser().GetAsync("/log-ind");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("default-src 'self'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await answer.Content.ReadAsStringAsync());
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        var form = page.QuerySelector("main form")!;
        Assert.Equal(("post", "/log-ind"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("E-mailadresse", page.QuerySelector("label[for=email]")?.TextContent);
        Assert.Equal("email", form.QuerySelector("input#email")?.GetAttribute("type"));
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[type=hidden]")?.GetAttribute("value")));
    }

    [Fact]
    public async Task RequestLink_OneClientOverItsHourlyLimit_429AndNoMail()
    {
        var browser = Browser();
        var form = await browser.GetAsync("/log-ind");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LinksPerClient; i++)
        {
            statuses.Add((await PostFormAsync(browser, form, "/log-ind", ("email", $"ukendt{i}@horsens.example"))).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, LinksPerClient), HttpStatusCode.TooManyRequests], statuses);
        await LinkRequestsHandledAsync();
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task RequestLink_WithoutAntiforgeryToken_BadRequestAndNoMail()
    {
        await InviteAnneAsync();

        var answer = await Browser().PostAsync("/log-ind", new FormUrlEncodedContent([new("email", Anne)]));

        await AssertRefusedAsync(answer, HttpStatusCode.BadRequest, "Formularen er udløbet");
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task SignOut_SignedIn_SessionEndsAndCookieIsCleared()
    {
        var link = await InviteAnneAsync();
        var browser = Browser();
        await PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/me");
        var antiforgery = me.GetProperty("antiforgeryToken").GetString();

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/log-ud");
        signOut.Headers.Add("X-CSRF-Token", antiforgery);
        var answer = await browser.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GrowthMonitor.Session=;", StringComparison.Ordinal));
        Assert.Equal(0L, await SessionsStoredAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Session_MembershipRemovedHereThenEndedByAnotherInstance_HereAtOnceThereWithinFiveSeconds()
    {
        var link = await InviteAnneAsync();
        var browser = Browser();
        var signedIn = await PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");
        var token = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GrowthMonitor.Session=", StringComparison.Ordinal)).Split(';')[0]["GrowthMonitor.Session=".Length..];
        async Task<int> GrantsAsync() => (await browser.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("grants").GetArrayLength();
        Assert.Equal(1, await GrantsAsync()); // the session and its grant are now kept in memory

        // Removed by an admin of this instance: her very next request has no grant.
        Assert.Equal(HttpStatusCode.NoContent, (await harness.OperatorClient().DeleteAsync($"/api/alliances/horsens/members/{Anne}")).StatusCode);
        Assert.Equal(0, await GrantsAsync());

        // Signed out on another instance: this one still knows her for at most five seconds, then asks PostgreSQL again.
        await using (var other = harness.Factory.WithWebHostBuilder(_ => { }))
        {
            await other.Services.GetRequiredService<Sessions>().EndAsync(token, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Pages_SignedIn_FramedForThePersonAndNeverServedSoToAVisitor()
    {
        var link = await InviteAnneAsync();
        var browser = Browser();
        await PostFormAsync(browser, await browser.GetAsync(link), "/log-ind/link");
        var visitor = Browser();
        // The page on the estimates is output-cached: a visitor's copy first, then the person's, then a visitor's again.
        var visitorsBefore = new HtmlParser().ParseDocument(await visitor.GetStringAsync("/skoen"));

        var front = new HtmlParser().ParseDocument(await browser.GetStringAsync("/"));
        var estimates = new HtmlParser().ParseDocument(await browser.GetStringAsync("/skoen"));
        var visitorsAfter = new HtmlParser().ParseDocument(await visitor.GetStringAsync("/skoen"));

        var shortcuts = front.QuerySelector("nav[aria-label=Genveje]")!.QuerySelectorAll("a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/mine-maal", shortcuts["Mine mål"]);
        Assert.DoesNotContain("Log ind", shortcuts.Keys);
        Assert.Equal("Logget ind som Anne Holm", front.QuerySelector("nav.signed-in li")?.TextContent);
        Assert.Equal("Logget ind som Anne Holm", estimates.QuerySelector("nav.signed-in li")?.TextContent);
        Assert.Equal("/log-ud", estimates.QuerySelector("nav.signed-in form")?.GetAttribute("action"));
        Assert.Null(visitorsBefore.QuerySelector("nav.signed-in"));
        Assert.Null(visitorsAfter.QuerySelector("nav.signed-in"));
        Assert.DoesNotContain("Anne Holm", visitorsAfter.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    private Task LinkRequestsHandledAsync() => SignInMails.LinkRequestsHandledAsync(harness.Database);

    private async Task<long> SessionsStoredAsync()
    {
        await using var connection = new NpgsqlConnection(harness.Database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM growthmonitor.sessions", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Adds Anne Holm to Horsens with the operator key and returns the link of the invitation that arrives.</summary>
    private async Task<string> InviteAnneAsync()
    {
        var added = await harness.OperatorClient().PostAsJsonAsync("/api/alliances/horsens/members", new { email = Anne, name = "Anne Holm", role = "contributor" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return LinkIn(smtp.Received.Single());
    }

    private async Task<string> RequestLinkAsync(HttpClient browser, string email, int expectedMails)
    {
        var answer = await PostFormAsync(browser, await browser.GetAsync("/log-ind"), "/log-ind", ("email", email));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await LinkRequestsHandledAsync();
        Assert.Equal(expectedMails, smtp.Received.Count);
        return LinkIn(smtp.Received.Last());
    }

    internal static string LinkIn(ReceivedEmail mail) => SignInMails.LinkIn(mail).PathAndQuery;

    /// <summary>Posts the page's form back with its hidden fields (the antiforgery token, the link's token) and <paramref name="fields"/>.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, HttpResponseMessage page, string action, params (string Name, string Value)[] fields)
    {
        var document = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var values = document.QuerySelectorAll("form input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await browser.PostAsync(action, new FormUrlEncodedContent(values));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage answer, HttpStatusCode status, string heading)
    {
        Assert.Equal(status, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await answer.Content.ReadAsStringAsync());
        Assert.Equal(heading, page.QuerySelector("h1")?.TextContent);
        Assert.Equal("/log-ind", page.QuerySelector("main a")?.GetAttribute("href"));
    }

    private static string? Receipt(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main p.lead")?.TextContent;

    /// <summary>A browser: keeps cookies, does not follow redirects, so that each answer can be checked.</summary>
    private HttpClient Browser() => harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
