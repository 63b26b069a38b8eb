using System.Diagnostics;
using System.Text.Json;
using GrowthMonitor.Commands;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace GrowthMonitor.IntegrationTests.Deployment;

/// <summary>
/// <c>healthcheck</c>, the container image's HEALTHCHECK: a second process of the service binary that asks a running
/// service (here a real one, started as a process on a free loopback port) for <c>/health/ready</c>.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class HealthCheckCommandTests(ServersFixture servers) : IDisposable
{
    private readonly string catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(catalogPath);

    [Fact]
    public async Task HealthCheck_ServiceReady_ExitsZero()
    {
        await using var service = await StartServiceAsync(servers.Influx.Url);

        // As in the container: the configured binding is the wildcard address, which the command asks on loopback.
        var result = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = $"http://0.0.0.0:{service.Port}" }, HealthCheckCommand.Name);

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.Equal($"ready: http://127.0.0.1:{service.Port}/health/ready", result.Output.Trim());
    }

    [Fact]
    public async Task HealthCheck_InfluxDown_ExitsOneNamingIt()
    {
        await using var service = await StartServiceAsync(new Uri($"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}"));

        var result = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = service.Url }, HealthCheckCommand.Name);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"not ready: {service.Url}/health/ready answered 503; down: influxdb", result.Errors.Trim());
    }

    [Fact]
    public async Task HealthCheck_UrlOption_AsksThatServiceInsteadOfTheConfiguredOne()
    {
        await using var service = await StartServiceAsync(servers.Influx.Url);
        var nothingThere = $"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}";

        var asked = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = nothingThere }, HealthCheckCommand.Name, "--url", service.Url);
        var configured = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = nothingThere }, HealthCheckCommand.Name);

        Assert.True(asked.ExitCode == 0, asked.Errors);
        Assert.Equal(1, configured.ExitCode);
        Assert.StartsWith($"not ready: {nothingThere}/health/ready did not answer:", configured.Errors.Trim());
    }

    [Fact]
    public async Task HealthCheck_BadArguments_UsageAndExit64()
    {
        var result = await ServiceProcess.RunAsync(new Dictionary<string, string?>(), HealthCheckCommand.Name, "--url", "not-a-url");

        Assert.Equal(CommandLine.Usage, result.ExitCode);
        Assert.Contains("Usage", result.Errors);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/health/ready")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://*", "http://127.0.0.1/health/ready")]
    [InlineData("https://[::]:8443;http://[::]:5080", "http://[::1]:5080/health/ready")]
    [InlineData("https://0.0.0.0:8443", "https://127.0.0.1:8443/health/ready")]
    [InlineData(" http://growthmonitor.internal:5080/ ", "http://growthmonitor.internal:5080/health/ready")]
    public void ReadinessUrl_Binding_ReadyEndpointOnLoopbackForWildcards(string urls, string expected) =>
        Assert.Equal(expected, HealthCheckCommand.ReadinessUrl(urls).AbsoluteUri);

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:5080/health/ready")]
    [InlineData("", "", "http://127.0.0.1:5080/health/ready")]
    [InlineData(null, "8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://127.0.0.1:5090", "8080", "http://127.0.0.1:5090/health/ready")]
    public void ReadinessUrl_Configuration_WhereTheServiceListens(string? urls, string? httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = urls, ["HTTP_PORTS"] = httpPorts }).Build();

        Assert.Equal(expected, HealthCheckCommand.ReadinessUrl(configuration).AbsoluteUri);
    }

    [Fact]
    public void ReadinessUrl_KestrelEndpoints_TheirHttpEndpointWinsOverUrls()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:5090",
            ["Kestrel:Endpoints:Secure:Url"] = "https://0.0.0.0:8443",
            ["Kestrel:Endpoints:Plain:Url"] = "http://0.0.0.0:8080",
        }).Build();

        Assert.Equal("http://127.0.0.1:8080/health/ready", HealthCheckCommand.ReadinessUrl(configuration).AbsoluteUri);
    }

    [Fact]
    public async Task HealthCheck_OnlyHttpsPortsConfigured_OneLineAskingForUrl()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = "", ["ASPNETCORE_HTTPS_PORTS"] = "8443" }, HealthCheckCommand.Name);

        Assert.Equal(64, exitCode);
        Assert.Equal($"Neither Kestrel:Endpoints, Urls nor ASPNETCORE_HTTP_PORTS names an http address to ask; give one with {HealthCheckCommand.Name} --url.", errors.Trim());
    }

    [Fact]
    public async Task HealthCheck_NoAddressConfigured_AsksTheServicesDefaultAddress()
    {
        // The service listens on its default address then; whether something answers there on this machine does not matter.
        var result = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Urls"] = "" }, HealthCheckCommand.Name);

        Assert.Contains("http://127.0.0.1:5080/health/ready", result.Output + result.Errors, StringComparison.Ordinal);
    }

    private async Task<RunningService> StartServiceAsync(Uri influxUrl)
    {
        await File.WriteAllTextAsync(catalogPath, Targets.HorsensScenario.Catalog().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var port = ExternalProcess.FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GrowthMonitor.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Influx__Url"] = influxUrl.ToString();
        info.Environment["Influx__Database"] = ServersFixture.NewInfluxDatabase();
        info.Environment["Catalog__Path"] = catalogPath;
        info.Environment["StatBank__BaseUrl"] = "http://127.0.0.1:9/v1/"; // never asked: nothing is ingested
        info.Environment["Ingestion__IngestNewIndicatorsAtStart"] = "false";
        info.Environment["ConnectionStrings__GrowthMonitor"] = await servers.Postgres.CreateDatabaseAsync();
        var service = new RunningService(Process.Start(info)!, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            await Eventually.TrueAsync(async () => (await http.GetAsync($"{service.Url}/health/live")).IsSuccessStatusCode, Eventually.BackgroundWork);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The service as a long-running process; stopped (the whole tree) when disposed.</summary>
    private sealed class RunningService : IAsyncDisposable
    {
        private readonly Process process;

        public RunningService(Process process, int port)
        {
            this.process = process;
            Port = port;
            // Drained so that a chatty service never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Port { get; }

        public string Url => $"http://127.0.0.1:{Port}";

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
