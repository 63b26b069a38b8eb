using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Security;

/// <summary>Operator keys (both forms), the audit trail, Security:ProtectReads, and who reaches the jobs dashboard.</summary>
[Collection(ServersCollection.Name)]
public sealed class AccessTests(ServersFixture servers)
{
    private const string OpsKey = "ops-laptop-key-0123456789abcdef";
    private const string RemoteClient = "203.0.113.9";

    [Fact]
    public async Task Evaluate_NamedAndUnnamedKeys_TheJobAndTheAuditLogNameTheOperatorNeverTheKey()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?> { ["Security:Keys:ops-laptop"] = OpsKey });
        await using var factory = harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddFakeLogging()));
        using var client = factory.CreateClient();

        var byName = await EvaluateAsync(client, OpsKey);
        var byPlace = await EvaluateAsync(client, ServiceHarness.ApiKey);

        var jobs = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal("on demand by ops-laptop", jobs.JobDetails(byName).Job.Args[0]);
        Assert.Equal("on demand by ApiKeys:0", jobs.JobDetails(byPlace).Job.Args[0]);
        var logs = factory.Services.GetFakeLogCollector();
        await Eventually.TrueAsync(() => logs.GetSnapshot().Count(r => r.Message.StartsWith("Operator ", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(10));
        Assert.Equal(
            ["Operator ops-laptop: POST /api/targets/evaluate answered 202", "Operator ApiKeys:0: POST /api/targets/evaluate answered 202"],
            logs.GetSnapshot().Where(r => r.Message.StartsWith("Operator ", StringComparison.Ordinal)).Select(r => r.Message));
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains(OpsKey) || r.Message.Contains(ServiceHarness.ApiKey));
    }

    [Fact]
    public async Task Evaluate_WrongKey_401ProblemAndNothingQueued()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?> { ["Security:Keys:ops-laptop"] = OpsKey });
        using var client = harness.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OpsKey[..^1]);

        using var response = await client.PostAsync("/api/targets/evaluate", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Missing or wrong API key", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        // No evaluation in any state (the minutely alert sweep may be queued meanwhile).
        var jobs = harness.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.DoesNotContain(
            jobs.EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job)
                .Concat(jobs.ProcessingJobs(0, 100).Select(j => j.Value.Job))
                .Concat(jobs.SucceededJobs(0, 100).Select(j => j.Value.Job))
                .Concat(jobs.FailedJobs(0, 100).Select(j => j.Value.Job)),
            job => job?.Type == typeof(GrowthMonitor.Targets.EvaluationJob));
    }

    [Fact]
    public async Task ProtectReads_On_TheReadApiNeedsAKeyWhileHealthAndDocsDoNot()
    {
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?> { ["Security:ProtectReads"] = "true" });
        using var anonymous = harness.Factory.CreateClient();
        using var operatorClient = harness.OperatorClient();

        string[] reads = ["/api/alliances", "/api/targets/horsens-jobs", "/api/indicators/jobs/series", "/api/alliances/horsens/reports/2024?format=html"];
        var refused = await Task.WhenAll(reads.Select(url => anonymous.GetAsync(url)));
        string[] open = ["/health/live", "/openapi/v1.json", "/docs/"];
        var answered = await Task.WhenAll(open.Select(url => anonymous.GetAsync(url)));
        using var withKey = await operatorClient.GetAsync("/api/alliances");
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.All(refused, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.All(answered, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        var security = document.RootElement.GetProperty("paths").GetProperty("/api/targets/{id}").GetProperty("get").GetProperty("security");
        Assert.True(security[0].TryGetProperty("ApiKey", out _), "The API reference does not say that reading needs the key.");
    }

    [Fact]
    public async Task Dashboard_FromElsewhereWithoutKey_401Problem()
    {
        await using var harness = OnKestrel();
        using var client = harness.Factory.CreateClient();

        using var local = await client.GetAsync("/hangfire");
        using var remote = await client.SendAsync(Remote("/hangfire"));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
        Assert.Contains("?key=", (await remote.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task Dashboard_FromElsewhereWithHeaderKey_Answers()
    {
        await using var harness = OnKestrel();
        using var client = harness.Factory.CreateClient();
        using var request = Remote("/hangfire/jobs/enqueued");
        request.Headers.Add("X-Api-Key", OpsKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GrowthMonitor jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_KeyInTheAddressOnce_ACookieThatIsNotTheKeyThenTheSameAddressWithoutIt()
    {
        await using var harness = OnKestrel();
        // A browser's steps one at a time: no redirect followed, no cookie kept but the one the test sends.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = harness.Factory.KestrelAddress };

        using var exchange = await client.SendAsync(Remote($"/hangfire/jobs/enqueued?page=2&key={OpsKey}"));
        var setCookie = Assert.Single(exchange.Headers.GetValues("Set-Cookie"));
        var cookie = setCookie.Split(';')[0];
        using var page = await client.SendAsync(Remote(exchange.Headers.Location!.OriginalString, cookie));
        using var forged = await client.SendAsync(Remote("/hangfire", "GrowthMonitor.Operator=" + new string('A', 64)));
        using var api = await client.SendAsync(Remote("/api/targets/evaluate", cookie, HttpMethod.Post));

        Assert.Equal(HttpStatusCode.SeeOther, exchange.StatusCode);
        Assert.Equal("/hangfire/jobs/enqueued?page=2", exchange.Headers.Location!.OriginalString);
        Assert.StartsWith("GrowthMonitor.Operator=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(OpsKey, setCookie);
        Assert.Contains("path=/hangfire", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode); // the cookie proves a key to the dashboard only
    }

    [Theory]
    [InlineData("cross-site", false)]
    [InlineData("same-site", false)]
    [InlineData("same-origin", true)]
    public async Task Dashboard_ChangeFromAnotherSitesPage_Refused(string fetchSite, bool reachesTheDashboard)
    {
        await using var harness = OnKestrel();
        using var client = harness.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = new FormUrlEncodedContent([new("jobs[]", "nope")]) };
        // With the token the dashboard's page carries, so that only where the request comes from can refuse it.
        await JobsDashboard.AddAntiforgeryAsync(client, request);
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        using var response = await client.SendAsync(request);

        Assert.True(reachesTheDashboard == response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Dashboard_NoKeysConfigured_FromElsewhere403LocalOnly()
    {
        await using var harness = OnKestrel(new() { ["Security:Keys:ops-laptop"] = null, ["Security:ApiKeys:0"] = null });
        using var client = harness.Factory.CreateClient();

        using var remote = await client.SendAsync(Remote("/hangfire"));

        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
        Assert.Equal("The jobs dashboard is local-only", (await remote.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    [Fact]
    public async Task Start_BadAccessAndLimitSettings_OneLineEachNamingTheKeyButNeverAKey()
    {
        const string shared = "shared-key-0123456789abcdef";
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Security__ApiKeys__0"] = "tiny-key",
            ["Security__Keys__ops"] = shared,
            ["Security__Keys__backup"] = shared,
            ["Security__Keys__-dash"] = "another-key-0123456789abcdef",
            ["RateLimiting__PermitLimit"] = "0",
            ["ForwardedHeaders__KnownProxies__0"] = "proxy.local",
            ["ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0/99",
            ["Cors__AllowedOrigins__0"] = "https://intranet.horsens.example/api",
            ["RequestLimits__MaxRequestBodySize"] = "10",
            ["Health__CacheDuration"] = "00:05:00",
        });

        Assert.Equal(2, exitCode);
        var keys = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line["Configuration error: ".Length..line.IndexOf(": ", "Configuration error: ".Length, StringComparison.Ordinal)])
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            ["Cors:AllowedOrigins:0", "ForwardedHeaders:KnownNetworks:0", "ForwardedHeaders:KnownProxies:0", "Health:CacheDuration", "RateLimiting:PermitLimit",
             "RequestLimits:MaxRequestBodySize", "Security:ApiKeys:0", "Security:Keys:-dash", "Security:Keys:backup"],
            keys);
        Assert.DoesNotContain("tiny-key", errors);
        Assert.DoesNotContain(shared, errors);
    }

    [Fact]
    public async Task Start_ProtectReadsWithoutKeys_ExitsNamingIt()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Security__ProtectReads"] = "true" });

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: Security:ProtectReads: needs at least one key", errors.Trim(), StringComparison.Ordinal);
    }

    private ServiceHarness OnKestrel(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Security:Keys:ops-laptop"] = OpsKey };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: all);
        harness.Factory.OnKestrel();
        return harness;
    }

    /// <summary>A request as a reverse proxy on this machine forwards it from a client elsewhere.</summary>
    private static HttpRequestMessage Remote(string url, string? cookie = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", RemoteClient);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    private static async Task<string> EvaluateAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/targets/evaluate");
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }
}
