using System.Diagnostics;

namespace GrowthMonitor.Benchmarks;

/// <summary>What a finished child process printed and what it cost.</summary>
public sealed record ChildResult(int ExitCode, string Output, string Error, TimeSpan Wall, long PeakResidentBytes, TimeSpan Cpu);

/// <summary>Runs a child process to its end while sampling what it costs.</summary>
public static class ChildProcess
{
    // Peak resident memory (VmHWM) and CPU time vanish from /proc when a process exits, so they are sampled while it
    // runs; VmHWM only grows and a run's peak is reached long before its end, so the last sample holds it.
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static async Task<ChildResult> RunAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        var (peak, cpu) = (0L, TimeSpan.Zero);
        while (!exited.IsCompleted)
        {
            if (clock.Elapsed > RunTimeout)
            {
                process.Kill(entireProcessTree: true);
                throw new BenchmarkException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {RunTimeout.TotalMinutes} minutes.");
            }

            // Either read fails once the process has exited; the previous sample then stands.
            peak = Math.Max(peak, ProcFs.PeakResidentBytes(process.Id) ?? 0);
            cpu = ProcFs.CpuTime(process.Id) ?? cpu;
            await Task.WhenAny(exited, Task.Delay(SampleInterval));
        }

        await exited;
        return new ChildResult(process.ExitCode, await output, await error, clock.Elapsed, peak, cpu);
    }
}
