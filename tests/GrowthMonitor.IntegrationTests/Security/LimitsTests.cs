using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.AspNetCore.Mvc;

namespace GrowthMonitor.IntegrationTests.Security;

/// <summary>
/// Abuse: rate limits per client (after trusted proxies only), request size limits, security headers, CORS. Served on
/// Kestrel over loopback, as in production, so that client addresses and Kestrel's limits are real.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class LimitsTests(ServersFixture servers)
{
    [Fact]
    public async Task RateLimit_OverPermitLimit_429ProblemWithRetryAfterWhileHealthAnswers()
    {
        await using var harness = Start(new() { ["RateLimiting:PermitLimit"] = "3", ["RateLimiting:Window"] = "00:01:00" });
        using var client = harness.Factory.CreateClient();

        List<HttpStatusCode> statuses = [];
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/api/alliances")).StatusCode);
        }

        using var refused = await client.GetAsync("/api/alliances");
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_FromTheLocalProxy_EachClientHasItsOwnLimit()
    {
        // No ForwardedHeaders settings: a proxy on this machine (loopback, where the test connects from) is trusted.
        await using var harness = Start(new() { ["RateLimiting:PermitLimit"] = "2", ["RateLimiting:Window"] = "00:01:00" });
        using var client = harness.Factory.CreateClient();

        var first = await StatusesAsync(client, "203.0.113.1", "203.0.113.1", "203.0.113.1");
        var second = await StatusesAsync(client, "203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task ForwardedFor_FromAnAddressThatIsNoConfiguredProxy_IsIgnored()
    {
        // A configured proxy replaces the loopback default, so the test's own address is now an ordinary client.
        await using var harness = Start(new()
        {
            ["RateLimiting:PermitLimit"] = "2",
            ["RateLimiting:Window"] = "00:01:00",
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        });
        using var client = harness.Factory.CreateClient();

        var statuses = await StatusesAsync(client, "203.0.113.1", "203.0.113.2", "203.0.113.3");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedFor_ChainFromTheLocalProxy_TheClientIsTheFirstAddressNoProxyVouchesFor()
    {
        // The local proxy (loopback, trusted) appends the client's address to what the client sent: the entry before
        // it is the client's own claim, and two requests from one client share its limit whatever they claim.
        await using var harness = Start(new() { ["RateLimiting:PermitLimit"] = "2", ["RateLimiting:Window"] = "00:01:00" });
        using var client = harness.Factory.CreateClient();

        var statuses = await StatusesAsync(client, "10.1.1.1, 203.0.113.1", "10.2.2.2, 203.0.113.1", "10.3.3.3, 203.0.113.1", "10.3.3.3, 203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task ForwardedFor_EveryoneTrustedByAspNetCoreSetting_OnlyTheNearestEntryBelieved()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, as docker/compose.proxy.yml sets behind Caddy.
        await using var harness = Start(new()
        {
            ["ForwardedHeaders_Enabled"] = "true",
            ["RateLimiting:PermitLimit"] = "2",
            ["RateLimiting:Window"] = "00:01:00",
        });
        using var client = harness.Factory.CreateClient();

        var statuses = await StatusesAsync(client, "10.1.1.1, 203.0.113.1", "10.2.2.2, 203.0.113.1", "10.3.3.3, 203.0.113.1", "203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Body_OverTheLimit_413Problem()
    {
        await using var harness = Start(new() { ["RequestLimits:MaxRequestBodySize"] = "1024" });
        using var client = harness.OperatorClient();
        var padding = new string('x', 2_000);

        using var tooLarge = await client.PostAsync("/api/alerts/test", new StringContent($$"""{"route": "{{padding}}"}""", Encoding.UTF8, "application/json"));
        using var small = await client.PostAsync("/api/alerts/test", new StringContent($$"""{"route": "{{padding[..900]}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, small.StatusCode); // read, and no such route
    }

    [Fact]
    public async Task Url_OverTheRequestLineLimit_414FromKestrel()
    {
        await using var harness = Start();
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/targets?x=" + new string('a', 9_000));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Headers_EveryResponse_NoSniffingFramingOrReferrerAndAPolicy()
    {
        await using var harness = Start();
        using var client = harness.Factory.CreateClient();
        (string Method, string Path, HttpStatusCode Expected)[] requests =
        [
            ("GET", "/api/alliances", HttpStatusCode.OK), ("GET", "/api/targets/nope", HttpStatusCode.NotFound),
            ("POST", "/api/targets/evaluate", HttpStatusCode.Unauthorized), ("DELETE", "/api/targets", HttpStatusCode.MethodNotAllowed),
            ("GET", "/no-such-page", HttpStatusCode.NotFound), ("GET", "/health/live", HttpStatusCode.OK),
            ("GET", "/openapi/v1.json", HttpStatusCode.OK), ("GET", "/hangfire", HttpStatusCode.OK),
        ];
        const string Policy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        List<string> violations = [];

        foreach (var (method, path, expected) in requests)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            var headers = (response.StatusCode, Header(response, "X-Content-Type-Options"), Header(response, "X-Frame-Options"),
                Header(response, "Referrer-Policy"), Header(response, "Content-Security-Policy"));
            if (headers != (expected, "nosniff", "DENY", "no-referrer", Policy))
            {
                violations.Add($"{method} {path}: {headers}");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task Headers_Docs_TheInlineScriptCarriesThisResponsesNonce()
    {
        await using var harness = Start();
        using var client = harness.Factory.CreateClient();

        using var first = await client.GetAsync("/docs/");
        using var second = await client.GetAsync("/docs/");

        var nonce = ScriptSourceNonce().Match(Header(first, "Content-Security-Policy")).Groups[1].Value;
        Assert.True(nonce.Length >= 16, "The policy names no nonce.");
        Assert.Contains($"<script type=\"module\" nonce=\"{nonce}\">", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain(nonce, Header(second, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Cors_NothingConfigured_NoOtherSiteMayRead()
    {
        await using var harness = Start();
        using var client = harness.Factory.CreateClient();

        using var read = await client.SendAsync(WithOrigin(HttpMethod.Get, "https://evil.example"));
        using var preflight = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_AllowedOrigin_MayReadAndSendTheKeyOthersMayNot()
    {
        await using var harness = Start(new() { ["Cors:AllowedOrigins:0"] = "https://intranet.horsens.example" });
        using var client = harness.Factory.CreateClient();

        using var allowed = await client.SendAsync(WithOrigin(HttpMethod.Get, "https://intranet.horsens.example"));
        using var preflight = await client.SendAsync(Preflight("https://intranet.horsens.example"));
        using var other = await client.SendAsync(WithOrigin(HttpMethod.Get, "https://evil.example"));

        Assert.Equal("https://intranet.horsens.example", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("https://intranet.horsens.example", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("x-api-key", Header(preflight, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private ServiceHarness Start(Dictionary<string, string?>? settings = null)
    {
        var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: settings);
        harness.Factory.OnKestrel();
        return harness;
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, params string[] forwardedFor)
    {
        List<HttpStatusCode> statuses = [];
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/alliances");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static HttpRequestMessage WithOrigin(HttpMethod method, string origin)
    {
        var request = new HttpRequestMessage(method, "/api/alliances");
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = WithOrigin(HttpMethod.Options, origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");

    [GeneratedRegex("script-src 'self' 'nonce-([^']+)'")]
    private static partial Regex ScriptSourceNonce();
}
