using System.Diagnostics;
using System.Runtime.InteropServices;
using GrowthMonitor.TestSupport;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The service published as the container image ships it (docker/Dockerfile): Release, framework-dependent, for this
/// machine's runtime identifier, with ReadyToRun code so that a cold process compiles little before it runs.
/// </summary>
public static class ReadyToRunPublish
{
    /// <summary>The publish arguments docker/Dockerfile uses, less its output folder and runtime identifier.</summary>
    public static readonly string[] Arguments = ["--configuration", "Release", "--self-contained", "false", "-p:PublishReadyToRun=true"];

    /// <summary>Publishes src/GrowthMonitor into <paramref name="directory"/> and returns the path of its GrowthMonitor.dll.</summary>
    public static async Task<string> PublishAsync(string directory)
    {
        var project = Path.Combine(RepositoryRoot.Path, "src", "GrowthMonitor", "GrowthMonitor.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["publish", project, .. Arguments, "--runtime", RuntimeInformation.RuntimeIdentifier, "--output", directory, "--nologo"])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var result = await ChildProcess.RunAsync(start);
        if (result.ExitCode != 0)
        {
            throw new BenchmarkException($"dotnet {string.Join(' ', start.ArgumentList)} exited with {result.ExitCode}:\n{result.Output}{result.Error}");
        }

        Console.WriteLine($"Published the service with ReadyToRun for {RuntimeInformation.RuntimeIdentifier} in {clock.Elapsed.TotalSeconds:0} s.");
        return Path.Combine(directory, "GrowthMonitor.dll");
    }
}
