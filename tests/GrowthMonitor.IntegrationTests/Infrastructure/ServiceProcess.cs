using System.Diagnostics;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>The built service run as its own process, the way an operator or cron runs it.</summary>
public static class ServiceProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>
    /// A well-formed connection string to a port where nothing listens: enough for a start that stops at the
    /// configuration check; a test that needs the database passes a real one.
    /// </summary>
    public const string NoDatabase = "Host=127.0.0.1;Port=1;Username=growthmonitor;Password=unused;Database=growthmonitor";

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(new Dictionary<string, string?>(environment) { ["Urls"] = environment.GetValueOrDefault("Urls") ?? "http://127.0.0.1:0" }, arguments);
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The service did not exit within 90 s: {string.Join(' ', arguments)}");
        }

        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>Starts the service with the given environment on top of the test runner's; the caller stops it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "GrowthMonitor.dll"), .. arguments])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ConnectionStrings__GrowthMonitor"] = NoDatabase;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return Process.Start(info)!;
    }
}
