using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>Who makes a request in the access matrix: nobody, five people with roles in two alliances, a machine key, an operator key.</summary>
public enum Caller
{
    Anonymous,
    Viewer,
    ContributorA,
    ContributorB,
    AdminX,
    AdminY,
    ScopedKey,
    OperatorKey,
}

/// <summary>
/// One service for the whole access matrix, on the real PostgreSQL and InfluxDB and a real SMTP server: Hedensted
/// (alliance X, focus areas A and B) and Horsens (alliance Y), a manual indicator with targets in both alliances, the
/// people made members through the members API with the operator key and signed in with sessions from our own
/// session store, and a Hedensted machine key for focus area A.
/// </summary>
public sealed class AccessMatrixFixture(ServersFixture servers) : IAsyncLifetime
{
    public const string X = "hedensted";
    public const string Y = "horsens";
    public const string FocusA = "Det gode arbejdsliv";
    public const string FocusB = "Det gode erhvervsliv";
    public const string Manual = "network-firms";
    public const string TargetA = "hedensted-network";
    public const string AlertRoute = "email:horsens:erhverv@horsens.example";

    /// <summary>The people, each with their one grant as <see cref="Permissions.MayDo"/> words it.</summary>
    public static readonly IReadOnlyDictionary<Caller, (string Alliance, string Email, string Name, string Role, string[] FocusAreas, string Grant)> People =
        new Dictionary<Caller, (string, string, string, string, string[], string)>
        {
            [Caller.Viewer] = (X, "vera.lund@hedensted.example", "Vera Lund", "viewer", [], "viewer in hedensted"),
            [Caller.ContributorA] = (X, "anders.holm@hedensted.example", "Anders Holm", "contributor", [FocusA], $"contributor in hedensted for {FocusA}"),
            [Caller.ContributorB] = (X, "bente.krog@hedensted.example", "Bente Krog", "contributor", [FocusB], $"contributor in hedensted for {FocusB}"),
            [Caller.AdminX] = (X, "henrik.dahl@hedensted.example", "Henrik Dahl", "admin", [], "admin in hedensted"),
            [Caller.AdminY] = (Y, "yvonne.berg@horsens.example", "Yvonne Berg", "admin", [], "admin in horsens"),
        };

    public const string KeyName = "regneark";
    public const string KeyGrant = $"contributor in hedensted for {FocusA}";

    private readonly Dictionary<Caller, (string Header, string Value)[]> credentials = [];
    private int cells;

    public ServiceHarness Harness { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    /// <summary>Sends no cookies of its own and follows no redirects: each caller's credentials go on each request.</summary>
    public HttpClient Client { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Harness = ServiceHarness.Create(servers, Catalog(), settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "GrowthMonitor <vaekst@hedensted.example>",
        });
        Harness.StatBank.Add(HorsensScenario.Erhv2());
        Client = Harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        Operator = Harness.OperatorClient();
        credentials[Caller.Anonymous] = [];
        credentials[Caller.OperatorKey] = [("X-Api-Key", ServiceHarness.ApiKey)];
        using (var key = await Operator.PostAsJsonAsync($"/api/alliances/{X}/keys", new { name = KeyName, role = "contributor", focusAreas = new[] { FocusA } }))
        {
            Assert.Equal(HttpStatusCode.Created, key.StatusCode);
            credentials[Caller.ScopedKey] = [("X-Api-Key", (string)(await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!)];
        }

        var sessions = Harness.Factory.Services.GetRequiredService<Sessions>();
        foreach (var (caller, person) in People)
        {
            using var added = await Operator.PostAsJsonAsync($"/api/alliances/{person.Alliance}/members",
                new { email = person.Email, name = person.Name, role = person.Role, focusAreas = person.FocusAreas });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var (token, _) = await sessions.StartAsync(person.Email, null, @operator: false, CancellationToken.None);
            credentials[caller] = await SignedInAsync(token);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Operator.Dispose();
        await Harness.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>A number no other cell uses: names a cell's member, key, note or figure.</summary>
    public int NextCell() => Interlocked.Increment(ref cells);

    public async Task<HttpResponseMessage> SendAsync(Caller caller, HttpRequestMessage request)
    {
        foreach (var (header, value) in credentials[caller])
        {
            request.Headers.Add(header, value);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The grant of a caller in the words a refusal uses; null for nobody and the operator.</summary>
    public static string? GrantOf(Caller caller) =>
        caller == Caller.ScopedKey ? KeyGrant : People.TryGetValue(caller, out var person) ? person.Grant : null;

    /// <summary>What a signed-in browser sends: the session cookie, the antiforgery cookie and the token from GET /api/me.</summary>
    private async Task<(string, string)[]> SignedInAsync(string sessionToken)
    {
        var session = $"{SessionCookie.Name}={sessionToken}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", session);
        using var me = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var antiforgeryCookie = me.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
        return [("Cookie", $"{session}; {antiforgeryCookie}"), (AccessSetup.AntiforgeryHeader, token)];
    }

    private static JsonObject Catalog()
    {
        var catalog = JsonNode.Parse($$"""
            {
              "indicators": [
                { "id": "{{Manual}}", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766", "615"] },
                { "id": "apprentices", "title": "Lærlinge", "unit": "lærlinge", "source": "manual", "frequency": "year", "areas": ["766"] }
              ],
              "alliances": [
                { "id": "{{X}}", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["{{FocusA}}", "{{FocusB}}"],
                  "contacts": [{ "name": "Erhvervschef", "email": "erhverv@hedensted.example" }] },
                { "id": "{{Y}}", "name": "Vækstalliancen Horsens", "areas": ["615"],
                  "contacts": [{ "name": "Erhvervsdirektør", "email": "erhverv@horsens.example" }] }
              ],
              "targets": [
                { "id": "{{TargetA}}", "alliance": "{{X}}", "indicator": "{{Manual}}", "areas": ["766"], "kind": "annual-increase", "amount": 10,
                  "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{FocusA}}" },
                { "id": "hedensted-apprentices", "alliance": "{{X}}", "indicator": "apprentices", "areas": ["766"], "kind": "annual-increase", "amount": 5,
                  "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{FocusB}}" },
                { "id": "horsens-network", "alliance": "{{Y}}", "indicator": "{{Manual}}", "areas": ["615"], "kind": "annual-increase", "amount": 10,
                  "baselinePeriod": "2022", "endPeriod": "2030" }
              ]
            }
            """)!.AsObject();
        // A fetched indicator too, for the operator's refresh.
        catalog["indicators"]!.AsArray().Add(ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }));
        return catalog;
    }
}
