namespace GrowthMonitor.Influx;

/// <summary>InfluxDB refused a request; <see cref="Exception.Message"/> carries InfluxDB's own explanation.</summary>
public class InfluxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// InfluxDB could not be reached or is not ready (connection refused, timeout, open circuit, 5xx, no database yet):
/// InfluxDB's state, not the request's fault, and worth retrying later.
/// </summary>
public sealed class InfluxUnavailableException(string message, Exception? inner = null) : InfluxException(message, inner);

/// <summary>
/// Some points of a write were not stored. Every other point was written before this was thrown, so one bad
/// value never costs the rest of the batch; <see cref="Problems"/> names each refusal.
/// </summary>
public sealed class InfluxWriteException(int pointsWritten, IReadOnlyList<string> problems)
    : InfluxException($"{problems.Count} problem(s) while writing; {pointsWritten} point(s) were written. {string.Join(" ", problems.Take(10))}{(problems.Count > 10 ? $" … and {problems.Count - 10} more." : string.Empty)}")
{
    public int PointsWritten { get; } = pointsWritten;

    public IReadOnlyList<string> Problems { get; } = problems;
}
