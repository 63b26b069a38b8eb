using System.Diagnostics;

namespace GrowthMonitor.IntegrationTests.Configuration;

/// <summary>Starts the built service as its own process, the way an operator does, with broken configuration.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Start_SeveralBadValues_ExitsWithOneLinePerProblemNamingTheKey()
    {
        var (exitCode, errors) = await RunServiceAsync(new()
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
        var (exitCode, errors) = await RunServiceAsync(new() { ["Influx__Databse"] = "growth" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Databse", errors);
    }

    private static async Task<(int ExitCode, string Errors)> RunServiceAsync(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GrowthMonitor.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("The service kept running although its configuration is broken.");
        }

        return (process.ExitCode, await errors);
    }
}
