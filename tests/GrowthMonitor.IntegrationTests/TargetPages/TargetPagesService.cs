using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.TargetPages;

/// <summary>
/// The service for the target pages' tests, on 15 September 2026 (the first half of 2026 has ended, the second holds
/// today): Hedensted with two collaboration groups, each a target with a yearly goal for 2026 on a manual half-year
/// count — "Uddannelse" 20 new apprentices, "Det gode erhvervsliv" 40 firms in the network — and its members: a
/// contributor of each group and a viewer. "Uddannelse" also has "Flere praktikanter", goals of 8 trainees in 2025
/// and 10 in 2026 up to its end in 2027, whose goals the page's form sets.
/// </summary>
public sealed class TargetPagesService(ServersFixture servers) : IAsyncLifetime
{
    public const string Education = "Uddannelse";

    public const string Business = "Det gode erhvervsliv";

    public const string ApprenticesTarget = "hedensted-apprentices";

    public const string NetworkTarget = "hedensted-network";

    public const string TraineesTarget = "hedensted-trainees";

    public static readonly Person Lone = new("lone.lund@hedensted.example", "Lone Lund", "contributor", [Education]);

    public static readonly Person Ole = new("ole.olsen@hedensted.example", "Ole Olsen", "contributor", [Business]);

    public static readonly Person Vibeke = new("vibeke.vang@hedensted.example", "Vibeke Vang", "viewer", []);

    public ShiftedTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 9, 15, 10, 0, 0, TimeSpan.Zero));

    public ServiceHarness Harness { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    /// <summary>Sends no cookies of its own and follows no redirects: each visitor's cookies go on each request.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <param name="settings">Extra settings (the browser tests' SMTP server); the service serves on Kestrel when <paramref name="kestrel"/>.</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        Harness = ServiceHarness.Create(servers, Catalog(), settings: settings, clock: Clock);
        if (kestrel)
        {
            Harness.Factory.OnKestrel().StartServer();
        }

        Operator = Harness.OperatorClient();
        Client = Harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        // Evaluated once, so that the pages read stored assessments as they do in production.
        await Harness.EvaluateAsync();
    }

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Operator?.Dispose();
        if (Harness is not null)
        {
            await Harness.DisposeAsync();
        }
    }

    /// <summary>Adds the person to Hedensted with the operator key.</summary>
    public async Task AddAsync(Person person)
    {
        using var added = await Operator.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = person.Email, name = person.Name, role = person.Role, focusAreas = person.FocusAreas });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    /// <summary>The person, added and signed in: a browser without JavaScript, as far as cookies and forms go.</summary>
    public async Task<Visitor> SignInAsync(Person person)
    {
        await AddAsync(person);
        var (token, _) = await Harness.Factory.Services.GetRequiredService<Sessions>().StartAsync(person.Email, null, @operator: false, CancellationToken.None);
        return new Visitor(Client, $"{SessionCookie.Name}={token}");
    }

    public Visitor Anonymous() => new(Client, null);

    private static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "apprentices", "title": "Nye lærlinge", "unit": "lærlinge", "source": "manual", "frequency": "half-year", "areas": ["766"] },
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "half-year", "areas": ["766"] },
            { "id": "trainees", "title": "Nye praktikanter", "unit": "praktikanter", "source": "manual", "frequency": "half-year", "areas": ["766"] }
          ],
          "alliances": [{ "id": "hedensted", "name": "Hedensted Erhvervsalliance", "areas": ["766"], "focusAreas": ["{{Business}}", "{{Education}}"] }],
          "targets": [
            { "id": "{{ApprenticesTarget}}", "alliance": "hedensted", "indicator": "apprentices", "areas": ["766"], "kind": "yearly-goal", "goals": { "2026": 20 },
              "focusArea": "{{Education}}", "title": "Flere lærlinge i 2026" },
            { "id": "{{NetworkTarget}}", "alliance": "hedensted", "indicator": "network-firms", "areas": ["766"], "kind": "yearly-goal", "goals": { "2026": 40 },
              "focusArea": "{{Business}}", "title": "Flere virksomheder i netværket" },
            { "id": "{{TraineesTarget}}", "alliance": "hedensted", "indicator": "trainees", "areas": ["766"], "kind": "yearly-goal", "goals": { "2025": 8, "2026": 10 },
              "endPeriod": "2027", "focusArea": "{{Education}}", "title": "Flere praktikanter" }
          ]
        }
        """)!.AsObject();
}

public sealed record Person(string Email, string Name, string Role, string[] FocusAreas);

/// <summary>
/// What a browser without JavaScript does on the pages: GET a page (keeping the antiforgery cookie it sets and the
/// token its forms carry), and POST a form with that token, the fields as typed.
/// </summary>
public sealed partial class Visitor(HttpClient client, string? sessionCookie)
{
    private string? antiforgeryCookie;
    private string? formToken;

    /// <summary>The token the forms of the page got last carry.</summary>
    public string? FormToken => formToken;

    /// <summary>Sends <paramref name="other"/>'s antiforgery cookie from now on, as a second person in the same browser would.</summary>
    public void UseAntiforgeryCookieOf(Visitor other) => antiforgeryCookie = other.antiforgeryCookie;

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        using var request = Request(HttpMethod.Get, path);
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)) is { } cookie)
        {
            antiforgeryCookie = cookie.Split(';')[0];
        }

        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } token)
        {
            formToken = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        return (response.StatusCode, html, response);
    }

    /// <summary>Posts the form's fields with the token of the page got last (none when <paramref name="withToken"/> is false).</summary>
    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        using var request = Request(HttpMethod.Post, path);
        request.Content = new FormUrlEncodedContent(withToken && formToken is not null ? fields.Append(new("__RequestVerificationToken", formToken)) : fields);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        // As a browser navigates: HTML first, so that errors come as the Danish page.
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var cookies = new[] { sessionCookie, antiforgeryCookie }.OfType<string>().ToList();
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies));
        }

        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
