using System.Net;
using System.Net.Sockets;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Commands;

/// <summary>Help as a process: it must work beside a running instance and before anything is configured.</summary>
public sealed class HelpCommandTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public async Task Help_PortTakenAndConfigurationBroken_PrintsUsageAndExitsZero(string argument)
    {
        // Another instance holds the port, and the settings would stop the service at start: help needs neither.
        using var running = new TcpListener(IPAddress.Loopback, 0);
        running.Start();
        var environment = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{((IPEndPoint)running.LocalEndpoint).Port}",
            ["Influx__Url"] = "not a url",
        };

        var result = await ServiceProcess.RunAsync(environment, argument);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage: GrowthMonitor", result.Output, StringComparison.Ordinal);
        Assert.Contains("ingest [--indicator ID]", result.Output);
        Assert.Equal("", result.Errors);
    }
}
