using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Configuration;

/// <summary>Where the service listens follows .NET's own settings; 127.0.0.1:5080 is only the default.</summary>
[Collection(ServersCollection.Name)]
public sealed class ListenUrlTests(ServersFixture servers)
{
    [Fact]
    public async Task Start_AspNetCoreUrls_ListensThere()
    {
        var port = ExternalProcess.FreeLoopbackPort();

        await AssertListensAsync(port, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
    }

    [Fact]
    public async Task Start_UrlsArgument_ListensThere()
    {
        var port = ExternalProcess.FreeLoopbackPort();

        await AssertListensAsync(port, new Dictionary<string, string?>(), "--urls", $"http://127.0.0.1:{port}");
    }

    private async Task AssertListensAsync(int port, Dictionary<string, string?> environment, params string[] arguments)
    {
        // InfluxDB need not answer for the process to serve /health/live.
        environment["Influx__Url"] = $"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}";
        environment["ConnectionStrings__GrowthMonitor"] = await servers.Postgres.CreateDatabaseAsync();
        using var service = ServiceProcess.Start(environment, arguments);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.TrueAsync(async () => (await client.GetAsync("/health/live")).IsSuccessStatusCode, Eventually.BackgroundWork);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }
}
