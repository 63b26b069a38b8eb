using System.Globalization;

namespace GrowthMonitor.Influx;

/// <summary>InfluxDB refused a request; <see cref="Exception.Message"/> carries InfluxDB's own explanation.</summary>
public class InfluxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// InfluxDB could not be reached or is not ready (connection refused, timeout, open circuit, 5xx, no database yet):
/// InfluxDB's state, not the request's fault, and worth retrying later.
/// </summary>
public sealed class InfluxUnavailableException(string message, Exception? inner = null) : InfluxException(message, inner);

/// <summary>
/// A query asked about a time InfluxDB cannot store (before 1677-09-21 or after 2262-04-11): the caller's mistake,
/// refused before any request is made, where InfluxDB itself would answer with an error about its own limits.
/// </summary>
public sealed class InfluxTimeRangeException(string parameter, DateTimeOffset time)
    : InfluxException(string.Create(CultureInfo.InvariantCulture, $"'{parameter}' is {time:yyyy-MM-dd}, outside the times InfluxDB can store ({InfluxQl.MinTime:yyyy-MM-dd} to {InfluxQl.MaxTime:yyyy-MM-dd})."));

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
