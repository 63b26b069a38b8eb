using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GrowthMonitor.TestSupport;

/// <summary>Starting and running the server binaries the tests use, as another user where PostgreSQL needs it.</summary>
public static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(file, arguments, asUser)) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    /// <summary>
    /// Starts a long-running server with its output going to a log file kept for diagnosis (appended to, so that a
    /// server started again keeps the lines of its earlier life).
    /// </summary>
    public static Process StartServer(string file, IEnumerable<string> arguments, string logFile)
    {
        var info = StartInfo(file, arguments, asUser: null);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        return process;
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FindExecutable(string name, IEnumerable<string> extraDirectories, string installHint)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{name}' was not found. {installHint} (scripts/test installs it).");
    }

    private static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? asUser)
    {
        var info = new ProcessStartInfo(asUser is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(asUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The server exited and its log was closed while a last line was in flight.
            }
        }
    }
}
