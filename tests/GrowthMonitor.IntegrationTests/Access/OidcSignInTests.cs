using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// Sign-in with the organisation's OpenID Connect provider, end to end: the service on Kestrel, a real provider
/// (<see cref="OidcTestServer"/>) on another loopback port, and a client that follows every redirect between the two
/// with one cookie jar, as a browser does. The provider says who signs in; the members table what they may do.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OidcSignInTests(ServersFixture servers) : IAsyncLifetime
{
    private const string OperatorRole = "GrowthMonitor.Operator";

    private const string Mette = "mette.lund@hedensted.example";

    private readonly CookieContainer cookies = new();
    private OidcTestServer provider = null!;
    private ServiceHarness harness = null!;
    private WebApplicationFactory<Program> service = null!;
    private Uri serviceAddress = null!;
    private HttpClient browser = null!;

    public async Task InitializeAsync() => provider = await OidcTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        browser?.Dispose();
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        await provider.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ContributorOfAFocusArea_MeShowsNameAddressAndGrantAndAFigureInTheGrantIsStored()
    {
        StartService();
        using var operatorClient = OperatorClient();
        using var added = await operatorClient.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = Mette, name = "Mette Lund", role = "contributor", focusAreas = new[] { MembersApiTests.Group } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        provider.Person = new OidcPerson("mette-1", "Mette.Lund@Hedensted.example", EmailVerified: true, "Mette Lund (Hedensted Kommune)");

        using var signedIn = await browser.GetAsync("/log-ind/oidc");

        Assert.Equal((HttpStatusCode.OK, "/"), (signedIn.StatusCode, signedIn.RequestMessage!.RequestUri!.AbsolutePath));
        Assert.Equal("/log-ind/oidc/callback", Assert.Single(provider.RedirectUris).AbsolutePath);
        var me = await browser.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal(("Mette Lund (Hedensted Kommune)", Mette, false), ((string?)me!["name"], (string?)me["email"], (bool?)me["operator"]));
        var grant = Assert.Single(me["grants"]!.AsArray())!;
        Assert.Equal("hedensted", (string?)grant["alliance"]);
        Assert.Equal([MembersApiTests.Group], grant["focusAreas"]!.AsArray().Select(a => (string?)a));

        using var own = await PutFigureAsync((string)me["antiforgeryToken"]!, "766");
        using var horsens = await PutFigureAsync((string)me["antiforgeryToken"]!, "615");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, horsens.StatusCode);
        var change = Assert.Single((await operatorClient.GetFromJsonAsync<JsonArray>("/api/indicators/network-firms/values/audit"))!)!;
        Assert.Equal(("766", 12d), ((string?)change["area"], (double?)change["new"]));
        Assert.Contains($"Mette Lund (Hedensted Kommune) <{Mette}>", change.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        // Neither the client secret nor the session's token is in the log.
        var session = cookies.GetAllCookies().Single(c => c.Name == "GrowthMonitor.Session").Value;
        var logged = service.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logged, r => r.Message == "Signed in through the organisation's OpenID Connect provider (operator: False)");
        Assert.DoesNotContain(logged, r => r.Message.Contains(OidcTestServer.ClientSecret, StringComparison.Ordinal) || r.Message.Contains(session, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_PersonWithoutMembership_SignedInWithNoGrantsAndAWriteIs403()
    {
        StartService();
        provider.Person = new OidcPerson("jens-2", "jens.berg@hedensted.example", EmailVerified: null, "Jens Berg");

        using var signedIn = await browser.GetAsync("/log-ind/oidc");
        var me = await browser.GetFromJsonAsync<JsonObject>("/api/me");
        using var write = await PutFigureAsync((string)me!["antiforgeryToken"]!, "766");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(("Jens Berg", "jens.berg@hedensted.example", false), ((string?)me["name"], (string?)me["email"], (bool?)me["operator"]));
        Assert.Empty(me["grants"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Empty((await OperatorClient().GetFromJsonAsync<JsonArray>("/api/indicators/network-firms/values/audit"))!);
    }

    [Fact]
    public async Task SignIn_HolderOfTheOperatorRole_IsOperatorAndAnotherRoleIsNot()
    {
        StartService(OperatorRole);
        provider.Person = new OidcPerson("it-3", "it.drift@hedensted.example", EmailVerified: true, "IT-drift", "GrowthMonitor.Reader", OperatorRole);

        await browser.GetAsync("/log-ind/oidc");
        var me = await browser.GetFromJsonAsync<JsonObject>("/api/me");
        using var alerts = await browser.GetAsync("/api/alerts");
        using var other = SignedOutBrowser();
        provider.Person = new OidcPerson("reader-4", "laeser@hedensted.example", EmailVerified: true, "Læser", "GrowthMonitor.Reader");
        await other.GetAsync("/log-ind/oidc");
        using var otherAlerts = await other.GetAsync("/api/alerts");

        Assert.Equal(true, (bool?)me!["operator"]);
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherAlerts.StatusCode);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("mette.lund@hedensted.example", false)]
    public async Task SignIn_NoVerifiedAddressFromTheProvider_RefusedWithDanishPageAndNoSession(string? email, bool? verified)
    {
        StartService();
        provider.Person = new OidcPerson("anon-5", email, verified, "Uden Adresse");

        using var refused = await browser.GetAsync("/log-ind/oidc");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Du kan ikke logges ind", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("/log-ind", page.QuerySelector("main a")?.GetAttribute("href"));
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "GrowthMonitor.Session");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task SignIn_ProviderRefusesTheClientSecret_DanishFailurePageNoSessionAndNoSecretLogged()
    {
        const string WrongSecret = "not-the-registered-secret-8d2e41";
        StartService(clientSecret: WrongSecret);
        provider.Person = new OidcPerson("jens-2", "jens.berg@hedensted.example", EmailVerified: true, "Jens Berg");

        using var refused = await browser.GetAsync("/log-ind/oidc");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Log ind lykkedes ikke", new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "GrowthMonitor.Session");
        var logged = service.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logged, r => r.Message.StartsWith("OpenID Connect sign-in failed: ", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, r => r.Message.Contains(WrongSecret, StringComparison.Ordinal) || r.Exception?.ToString().Contains(WrongSecret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void RolesOf_RepeatedClaimsAndOneClaimHoldingAJsonArray_EveryRole()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new("roles", "GrowthMonitor.Reader"),
            new("roles", "[\"GrowthMonitor.Operator\",\"Intranet.Editor\"]", Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray),
            new("groups", "Hedensted"),
        ]));

        Assert.Equal(["GrowthMonitor.Reader", "GrowthMonitor.Operator", "Intranet.Editor"], OidcSignIn.RolesOf(principal, "roles"));
    }

    [Fact]
    public async Task Challenge_ReturnUrlOfThisServiceOrAnother_BackAtItOrAtTheFrontPage()
    {
        StartService();
        provider.Person = new OidcPerson("jens-2", "jens.berg@hedensted.example", EmailVerified: true, "Jens Berg");

        using var local = await browser.GetAsync("/log-ind/oidc?returnUrl=%2Fapi%2Fme");
        using var elsewhere = await SignedOutBrowser().GetAsync("/log-ind/oidc?returnUrl=%2F%2Fevil.example%2F");

        Assert.Equal("/api/me", local.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Jens Berg", (string?)(await local.Content.ReadFromJsonAsync<JsonObject>())!["name"]);
        Assert.Equal((serviceAddress.Host, "/"), (elsewhere.RequestMessage!.RequestUri!.Host, elsewhere.RequestMessage.RequestUri.AbsolutePath));
    }

    [Fact]
    public async Task Form_AuthoritySet_OffersTheOrganisationsSignIn()
    {
        StartService();

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/log-ind"));

        Assert.Equal("Log ind med din organisation", page.QuerySelector("main a[href='/log-ind/oidc']")?.TextContent);
        Assert.NotNull(page.QuerySelector("main form input#email"));
    }

    [Fact]
    public async Task Form_NoAuthority_OnlyTheEmailLinkAndNoChallenge()
    {
        StartService(authority: false);

        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/log-ind"));
        using var challenge = await browser.GetAsync("/log-ind/oidc");

        Assert.DoesNotContain("Log ind med din organisation", page.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main a[href='/log-ind/oidc']"));
        Assert.NotNull(page.QuerySelector("main form input#email"));
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
        Assert.Empty(provider.RedirectUris);
    }

    [Fact]
    public async Task Start_InvalidOidcSection_ExitsWithOneLinePerProblem()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Authentication__Oidc__Authority"] = "http://login.hedensted.example/tenant/v2.0",
            ["Authentication__Oidc__Scopes__0"] = "profile",
            ["Authentication__Oidc__ClientSecret"] = OidcTestServer.ClientSecret,
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                "Configuration error: Authentication:Oidc:Authority: must be the provider's https URL (http only on this machine), not 'http://login.hedensted.example/tenant/v2.0'",
                "Configuration error: Authentication:Oidc:ClientId: is required with Authority: the application's id registered with the provider",
                "Configuration error: Authentication:Oidc:Scopes: must include openid",
            ],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain(OidcTestServer.ClientSecret, errors, StringComparison.Ordinal);
    }

    /// <summary>
    /// The service on Kestrel (the provider sends the browser back to a real port), its log captured, configured for the
    /// test provider unless <paramref name="authority"/> says otherwise; <see cref="browser"/> talks to it.
    /// </summary>
    private void StartService(string? operatorRole = null, bool authority = true, string clientSecret = OidcTestServer.ClientSecret)
    {
        harness = ServiceHarness.Create(servers, MembersApiTests.Catalog(), settings: authority
            ? new Dictionary<string, string?>
            {
                ["Authentication:Oidc:Authority"] = provider.Authority.ToString(),
                ["Authentication:Oidc:ClientId"] = OidcTestServer.ClientId,
                ["Authentication:Oidc:ClientSecret"] = clientSecret,
                ["Authentication:Oidc:OperatorRole"] = operatorRole,
            }
            : null);
        service = GrowthMonitorFactory.OnKestrel(harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddFakeLogging())));
        serviceAddress = service.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).First();
        browser = Browser(cookies);
    }

    /// <summary>Follows redirects to the provider and back, keeping the cookies of both, as a browser does.</summary>
    private HttpClient Browser(CookieContainer jar) => new(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
    {
        BaseAddress = serviceAddress,
    };

    /// <summary>Another person's browser, with its own cookies.</summary>
    private HttpClient SignedOutBrowser() => Browser(new CookieContainer());

    private HttpClient OperatorClient()
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceHarness.ApiKey);
        return client;
    }

    /// <summary>Enters 12 firms for 2024 in <paramref name="area"/> with the session cookie and its antiforgery token.</summary>
    private async Task<HttpResponseMessage> PutFigureAsync(string antiforgery, string area)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/indicators/network-firms/values")
        {
            Content = JsonContent.Create(new { values = new[] { new { area, period = "2024", value = 12 } } }),
        };
        put.Headers.Add("X-CSRF-Token", antiforgery);
        return await browser.SendAsync(put);
    }
}
