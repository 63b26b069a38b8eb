using System.Collections.Concurrent;
using System.Diagnostics;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>
/// The built service as a long-running process of its own on a free loopback port, as it runs in production, so that
/// a test can kill it (<c>kill -9</c>) and start another. Its output is kept for the failure message of a test.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private RunningService(Process process, ConcurrentQueue<string> output, Uri url)
    {
        this.process = process;
        this.output = output;
        Url = url;
        Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Url { get; }

    /// <summary>A client of the service's HTTP API; add <c>X-Api-Key</c> per request where an endpoint needs it.</summary>
    public HttpClient Client { get; }

    /// <summary>What the process wrote to stdout and stderr so far (warnings and errors: the tests' log level).</summary>
    public string Output => string.Join('\n', output);

    /// <summary>Starts the service with <paramref name="environment"/> (configuration as environment variables) and waits until it serves HTTP.</summary>
    public static async Task<RunningService> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var url = new Uri($"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}");
        var process = ServiceProcess.Start(new Dictionary<string, string?>(environment) { ["Urls"] = url.ToString() });
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new RunningService(process, output, url);
        try
        {
            await Eventually.TrueAsync(async () => process.HasExited || (await service.Client.GetAsync("/health/live")).IsSuccessStatusCode, Eventually.BackgroundWork);
            if (process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"The service exited with {process.ExitCode} at start:\n{service.Output}");
            }
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary><c>kill -9</c>: the process ends at once, without stopping Hangfire, closing connections or finishing a request.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        Client.Dispose();
        process.Dispose();
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
