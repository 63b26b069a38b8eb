using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Configuration;

/// <summary>Starts the built service as its own process, the way an operator does, with broken configuration.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Start_SeveralBadValues_ExitsWithOneLinePerProblemNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Influx__Url"] = "not-a-url",
            ["Influx__Database"] = "bad name",
            ["Influx__Username"] = "admin",
            ["Influx__BatchSize"] = "0",
        });

        Assert.Equal(2, exitCode);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("Configuration error: Influx:", line));
        Assert.Contains(lines, l => l.Contains("Influx:Url") && l.Contains("not-a-url"));
        Assert.Contains(lines, l => l.Contains("Influx:Database"));
        Assert.Contains(lines, l => l.Contains("Influx:Password"));
        Assert.Contains(lines, l => l.Contains("Influx:BatchSize"));
    }

    [Fact]
    public async Task Start_MisspelledKey_ExitsNamingIt()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Influx__Databse"] = "growth" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Databse", errors);
    }
}
