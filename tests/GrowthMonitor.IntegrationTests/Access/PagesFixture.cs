using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// The service for the tests of the upload and members pages, on the real PostgreSQL and InfluxDB, a real SMTP server
/// and a clock at 1 November 2025 (2025 is the last year a yearly figure can be entered for): Hedensted with two focus
/// areas and Horsens, a manual indicator with a target in each, and the people of <see cref="People"/>, made members
/// with the operator key. One per test class.
/// </summary>
public sealed class PagesFixture(ServersFixture servers) : IAsyncLifetime
{
    public const string Hedensted = "hedensted";
    public const string Horsens = "horsens";
    public const string FocusA = "Det gode arbejdsliv";
    public const string FocusB = "Det gode erhvervsliv";

    /// <summary>Hedensted (766, focus area A) and Horsens (615) both enter figures of it.</summary>
    public const string Network = "network-firms";

    /// <summary>Hedensted's only (766, focus area B).</summary>
    public const string Apprentices = "apprentices";

    public const string Admin = "henrik.dahl@hedensted.example";
    public const string ContributorA = "anders.holm@hedensted.example";
    public const string ContributorB = "bente.krog@hedensted.example";
    public const string HorsensContributor = "yvonne.berg@horsens.example";

    public static readonly IReadOnlyList<(string Alliance, string Email, string Name, string Role, string[] FocusAreas)> People =
    [
        (Hedensted, Admin, "Henrik Dahl", "admin", []),
        (Hedensted, ContributorA, "Anders Holm", "contributor", [FocusA]),
        (Hedensted, ContributorB, "Bente Krog", "contributor", [FocusB]),
        (Horsens, HorsensContributor, "Yvonne Berg", "contributor", []),
    ];

    public ShiftedTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public ServiceHarness Harness { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Harness = ServiceHarness.Create(servers, Catalog(), settings: Smtp.ServiceSettings(), clock: Clock);
        Operator = Harness.OperatorClient();
        foreach (var person in People)
        {
            using var added = await Operator.PostAsJsonAsync($"/api/alliances/{person.Alliance}/members",
                new { email = person.Email, name = person.Name, role = person.Role, focusAreas = person.FocusAreas });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        await Harness.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>A browser without JavaScript, signed in as <paramref name="email"/> with a session from the service's own store.</summary>
    public async Task<PageBrowser> SignInAsync(string email)
    {
        var (token, _) = await Harness.Factory.Services.GetRequiredService<Sessions>().StartAsync(email, null, @operator: false, CancellationToken.None);
        return new PageBrowser(Anonymous(), $"{SessionCookie.Name}={token}");
    }

    /// <summary>A client that sends no cookies of its own and follows no redirects.</summary>
    public HttpClient Anonymous() => Harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public IReadOnlyList<ReceivedEmail> MailTo(string email) => [.. Smtp.Received.Where(m => m.EnvelopeTo.Contains(email))];

    private static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "{{Network}}", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766", "615"] },
            { "id": "{{Apprentices}}", "title": "Lærlinge", "unit": "lærlinge", "source": "manual", "frequency": "year", "areas": ["766"] }
          ],
          "alliances": [
            { "id": "{{Hedensted}}", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["{{FocusA}}", "{{FocusB}}"] },
            { "id": "{{Horsens}}", "name": "Vækstalliancen Horsens", "areas": ["615"] }
          ],
          "targets": [
            { "id": "hedensted-network", "alliance": "{{Hedensted}}", "indicator": "{{Network}}", "areas": ["766"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{FocusA}}" },
            { "id": "hedensted-apprentices", "alliance": "{{Hedensted}}", "indicator": "{{Apprentices}}", "areas": ["766"], "kind": "annual-increase", "amount": 5,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{FocusB}}" },
            { "id": "horsens-network", "alliance": "{{Horsens}}", "indicator": "{{Network}}", "areas": ["615"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030" }
          ]
        }
        """)!.AsObject();
}

/// <summary>
/// What a browser without JavaScript does on the pages: GETs them with the session cookie, and posts their forms with the
/// antiforgery cookie and the token of the form's hidden field, as the last page it got carried them.
/// </summary>
public sealed partial class PageBrowser(HttpClient client, string session) : IDisposable
{
    private string? antiforgeryCookie;

    /// <summary>The last page's HTML.</summary>
    public string Html { get; private set; } = "";

    /// <summary>Where the last answer redirected to.</summary>
    public string? LastLocation { get; private set; }

    /// <summary>A download's bytes (the template); fails unless it is 200.</summary>
    public async Task<byte[]> GetBytesAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", session);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), Token()]);
        return PostAsync(path, content);
    }

    public Task<HttpResponseMessage> PostFileAsync(string path, string field, string fileName, byte[] file)
    {
        var content = new MultipartFormDataContent();
        var (name, value) = Token();
        content.Add(new StringContent(value), name);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, field, fileName);
        return PostAsync(path, content);
    }

    public void Dispose() => client.Dispose();

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        request.Headers.Add("Cookie", antiforgeryCookie is null ? session : $"{session}; {antiforgeryCookie}");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)) is { } cookie)
        {
            antiforgeryCookie = cookie.Split(';')[0];
        }

        LastLocation = response.Headers.Location?.OriginalString;
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    private KeyValuePair<string, string> Token() => HiddenToken().Match(Html) is { Success: true } match
        ? KeyValuePair.Create(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value))
        : throw new Xunit.Sdk.XunitException("The last page has no form token.");

    [GeneratedRegex("""<input type="hidden" name="(__RequestVerificationToken[^"]*)" value="([^"]+)" """)]
    private static partial Regex HiddenToken();
}
