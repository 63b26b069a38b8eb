using System.Diagnostics;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// A throwaway <c>influxd</c> with everything under one temp directory and both ports on loopback. Fault tests stop it
/// and start it again on the same port with its data, or freeze it.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private readonly string executable;
    private readonly string directory;
    private readonly string config;
    private Process process;

    private InfluxServer(string executable, string directory, string config, Uri url, string rpcAddress)
    {
        this.executable = executable;
        this.directory = directory;
        this.config = config;
        Url = url;
        RpcAddress = rpcAddress;
        process = Start();
    }

    public Uri Url { get; }

    /// <summary>Where <c>influxd backup</c> and <c>influxd restore</c> reach the server (its bind-address).</summary>
    public string RpcAddress { get; }

    /// <summary>The online backup of docs/operations.md: <c>influxd backup -portable -db … -host …</c>.</summary>
    public Task BackupAsync(string database, string folder) =>
        ExternalProcess.RunAsync(executable, ["backup", "-portable", "-db", database, "-host", RpcAddress, folder]);

    /// <summary>The restore of docs/operations.md into a database of the same name, which must not exist.</summary>
    public Task RestoreAsync(string database, string folder) =>
        ExternalProcess.RunAsync(executable, ["restore", "-portable", "-db", database, "-host", RpcAddress, folder]);

    /// <param name="compactAtOnce">
    /// Snapshot and fully compact shards after a second without writes instead of hours, so that the disk a database
    /// takes can be measured as it would settle.
    /// </param>
    public static async Task<InfluxServer> StartAsync(bool compactAtOnce = false)
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
              {(compactAtOnce ? "cache-snapshot-write-cold-duration = \"1s\"\n  compact-full-write-cold-duration = \"1s\"" : "")}
            [http]
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        var server = new InfluxServer(influxd, directory, config, new Uri($"http://127.0.0.1:{httpPort}/"), $"127.0.0.1:{rpcPort}");
        await server.WaitUntilAnswersAsync();
        return server;
    }

    /// <summary>Kills the server as a crash would (SIGKILL): connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Starts a stopped server again on the same ports with the data it had written (its write-ahead log replayed).</summary>
    public async Task StartAgainAsync()
    {
        process = Start();
        await WaitUntilAnswersAsync();
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): the kernel still accepts connections and requests, nothing answers them, as with
    /// a server stuck on its disk; <see cref="ThawAsync"/> (SIGCONT) lets it answer what waited.
    /// </summary>
    public Task FreezeAsync() => ExternalProcess.RunAsync("kill", ["-s", "STOP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public Task ThawAsync() => ExternalProcess.RunAsync("kill", ["-s", "CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>Bytes a database takes on disk: its shards and its write-ahead log.</summary>
    public long DiskBytes(string database) =>
        new[] { Path.Combine(directory, "data", database), Path.Combine(directory, "wal", database) }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Sum(f => new FileInfo(f).Length);

    private Process Start() =>
        ExternalProcess.StartServer(executable, ["run", "-config", config, "-pidfile", Path.Combine(directory, "influxd.pid")], Path.Combine(directory, "influxd.log"));

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
