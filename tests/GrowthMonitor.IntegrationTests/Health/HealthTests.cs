using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Health;

[Collection(ServersCollection.Name)]
public sealed class HealthTests(ServersFixture servers)
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

    private sealed record HealthBody(string Status, string[] Down, Dictionary<string, HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Status, string? Description);
}
