using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace GrowthMonitor.IntegrationTests.Health;

[Collection(ServersCollection.Name)]
public sealed class HealthTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Ready_InfluxAndPostgresUp_Answers200()
    {
        await using var factory = GrowthMonitorFactory.Create(servers, await servers.Postgres.CreateDatabaseAsync());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();
        Assert.Equal("Healthy", body!.Status);
        Assert.Empty(body.Down);
        Assert.Contains("PostgreSQL", body.Checks["hangfire-storage"].Description);
    }

    [Fact]
    public async Task Ready_InfluxDown_Answers503NamingInflux()
    {
        var closedPort = ExternalProcess.FreeLoopbackPort();
        await using var factory = GrowthMonitorFactory.Create(servers, extra: new Dictionary<string, string?> { ["Influx:Url"] = $"http://127.0.0.1:{closedPort}" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();
        Assert.Equal(["influxdb"], body!.Down);
        Assert.Contains("InfluxDB", body.Checks["influxdb"].Description);
        Assert.Equal("Healthy", body.Checks["hangfire-storage"].Status);
    }

    [Fact]
    public async Task Live_InfluxDown_StillAnswers200()
    {
        var closedPort = ExternalProcess.FreeLoopbackPort();
        await using var factory = GrowthMonitorFactory.Create(servers, extra: new Dictionary<string, string?> { ["Influx:Url"] = $"http://127.0.0.1:{closedPort}" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_BurstOf500Requests_ProbesEachStoreAtMostAFewTimes()
    {
        var probes = new ConcurrentDictionary<string, int>();
        await using var factory = CountingProbes(GrowthMonitorFactory.Create(servers, await servers.Postgres.CreateDatabaseAsync()), probes);
        using var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => client.GetAsync("/health/ready")));

        output.WriteLine($"500 requests in {clock.ElapsedMilliseconds} ms; probes: {string.Join(", ", probes.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // One probe per store per 3-second interval (Health:CacheDuration), however many ask at once.
        Assert.InRange(probes["hangfire-storage"], 1, 3);
        Assert.InRange(probes["influxdb"], 1, 3);
    }

    [Fact]
    public async Task Ready_CachingOff_EveryRequestProbes()
    {
        var probes = new ConcurrentDictionary<string, int>();
        await using var factory = CountingProbes(
            GrowthMonitorFactory.Create(servers, await servers.Postgres.CreateDatabaseAsync(), extra: new Dictionary<string, string?> { ["Health:CacheDuration"] = "00:00:00" }),
            probes);
        using var client = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        Assert.Equal(5, probes["hangfire-storage"]);
    }

    /// <summary>The service with every health check counted where it really probes, beneath the service's cache.</summary>
    private static WebApplicationFactory<Program> CountingProbes(GrowthMonitorFactory factory, ConcurrentDictionary<string, int> probes) =>
        factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.Configure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var create = registration.Factory;
                var name = registration.Name;
                registration.Factory = provider => new CountedCheck(create(provider), () => probes.AddOrUpdate(name, 1, (_, count) => count + 1));
            }
        })));

    private sealed class CountedCheck(IHealthCheck check, Action counted) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            counted();
            return check.CheckHealthAsync(context, cancellationToken);
        }
    }

    private sealed record HealthBody(string Status, string[] Down, Dictionary<string, HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Status, string? Description);
}
