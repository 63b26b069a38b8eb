using System.Diagnostics;

namespace GrowthMonitor.TestSupport;

/// <summary>A throwaway <c>influxd</c> with everything under one temp directory and both ports on loopback.</summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private InfluxServer(Process process, string directory, Uri url)
    {
        this.process = process;
        this.directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<InfluxServer> StartAsync()
    {
        var influxd = ExternalProcess.FindExecutable("influxd", ["/usr/bin"], "Install InfluxDB: sudo apt-get install influxdb");
        var directory = Directory.CreateTempSubdirectory("growthmonitor-influx-").FullName;
        var httpPort = ExternalProcess.FreeLoopbackPort();
        var rpcPort = ExternalProcess.FreeLoopbackPort();
        var config = Path.Combine(directory, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{directory}/meta"
            [data]
              dir = "{directory}/data"
              wal-dir = "{directory}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        var process = ExternalProcess.StartServer(influxd, ["run", "-config", config, "-pidfile", Path.Combine(directory, "influxd.pid")], Path.Combine(directory, "influxd.log"));
        var server = new InfluxServer(process, directory, new Uri($"http://127.0.0.1:{httpPort}/"));
        await server.WaitUntilAnswersAsync();
        return server;
    }

    private async Task WaitUntilAnswersAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync("ping");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        var log = await File.ReadAllTextAsync(Path.Combine(directory, "influxd.log"));
        await DisposeAsync();
        throw new InvalidOperationException($"influxd did not answer /ping within 30 s. Its log:\n{log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
