using System.Diagnostics;
using System.Globalization;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// What Linux says in <c>/proc</c> about processes and the machine. Read directly: <see cref="Process"/> re-reads every
/// thread's stat file on each refresh, which at 50 samples a second would itself cost noticeable CPU.
/// </summary>
public static class ProcFs
{
    // USER_HZ, the unit of CPU times in /proc: 100 on every Linux architecture .NET runs on.
    private const double ClockTicksPerSecond = 100;

    /// <summary>User plus system CPU time of a process, or null once it is gone.</summary>
    public static TimeSpan? CpuTime(int pid) =>
        Stat(pid) is { } fields ? TimeSpan.FromSeconds((Tick(fields[11]) + Tick(fields[12])) / ClockTicksPerSecond) : null;

    /// <summary>
    /// CPU time of a server and its worker processes (PostgreSQL forks a backend per connection): its own, that of its
    /// children that have ended (counted into it when reaped), and that of those still running.
    /// </summary>
    public static TimeSpan TreeCpuTime(int pid)
    {
        var own = Stat(pid) ?? throw new BenchmarkException($"Process {pid} has exited.");
        var pidText = pid.ToString(CultureInfo.InvariantCulture);
        var running = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.GetFileName(d))
            .Where(name => name.All(char.IsAsciiDigit))
            .Select(name => Stat(int.Parse(name, CultureInfo.InvariantCulture)))
            .Where(fields => fields is not null && fields[1] == pidText)
            .Sum(fields => Ticks(fields!, 11, 12, 13, 14));
        return TimeSpan.FromSeconds((Ticks(own, 11, 12, 13, 14) + running) / ClockTicksPerSecond);
    }

    /// <summary>VmHWM, the process's peak resident set, or null once it has exited.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : Tick(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }

    /// <summary>The process named <paramref name="name"/> that this process started, e.g. the throwaway influxd.</summary>
    public static int FindOwnChild(string name)
    {
        var children = Process.GetProcessesByName(name);
        try
        {
            return children.Select(p => p.Id).FirstOrDefault(pid => Stat(pid) is { } fields && Tick(fields[1]) == Environment.ProcessId) is var pid and > 0
                ? pid
                : throw new BenchmarkException($"No {name} process started by this benchmark was found.");
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }

    /// <summary>
    /// CPU time the whole machine spent on processes, all cores together: user, nice and system time from
    /// <c>/proc/stat</c>, plus steal, which is capacity the hypervisor gave to someone else. Interrupt time is left out:
    /// it is mostly the loopback traffic of the run itself and belongs to no process.
    /// </summary>
    public static TimeSpan MachineBusyTime()
    {
        // cpu  user nice system idle iowait irq softirq steal …
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromSeconds((Tick(ticks[1]) + Tick(ticks[2]) + Tick(ticks[3]) + Tick(ticks[8])) / ClockTicksPerSecond);
    }

    /// <summary>
    /// The fields of <c>/proc/PID/stat</c> after the command name (which may hold spaces and parentheses), so that
    /// index 0 is field 3 (state), 1 the parent id, 11 and 12 user and system time, 13 and 14 those of reaped children.
    /// </summary>
    private static string[]? Stat(int pid) => Read($"/proc/{pid}/stat") is { } stat ? stat[(stat.LastIndexOf(')') + 2)..].Split(' ') : null;

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Tick(string number) => long.Parse(number, CultureInfo.InvariantCulture);

    private static long Ticks(string[] fields, params int[] indexes) => indexes.Sum(i => Tick(fields[i]));
}
