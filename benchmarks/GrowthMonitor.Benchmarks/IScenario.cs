using System.Diagnostics;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Benchmarks;

/// <summary>One way of getting a <see cref="BenchTable"/> into InfluxDB, run as a child process into a fresh database.</summary>
public interface IScenario
{
    string Name { get; }

    ProcessStartInfo Start(BenchTable table, string database);

    /// <summary>The points the run wrote and the seconds it took by its own clock, which leaves out process start.</summary>
    Task<(long Points, double Seconds)> ReadTimingAsync(ChildResult child, InfluxClient database);
}
