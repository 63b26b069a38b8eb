using System.Text;

namespace GrowthMonitor.Influx;

/// <summary>
/// An InfluxQL statement with bound parameters (<c>$name</c> in the text). Values from outside go into
/// <see cref="Parameters"/>, never into <see cref="Text"/>; identifiers that cannot be bound go through
/// <see cref="InfluxQl.Identifier"/>.
/// </summary>
public sealed record InfluxQuery(string Text, IReadOnlyDictionary<string, object>? Parameters = null);

public static class InfluxQl
{
    /// <summary>The earliest time InfluxDB can store: it keeps nanoseconds since 1970 in a signed 64-bit integer.</summary>
    public static readonly DateTimeOffset MinTime = DateTimeOffset.UnixEpoch.AddTicks(long.MinValue / TimeSpan.NanosecondsPerTick);

    /// <summary>The latest time InfluxDB can store (2262-04-11).</summary>
    public static readonly DateTimeOffset MaxTime = DateTimeOffset.UnixEpoch.AddTicks(long.MaxValue / TimeSpan.NanosecondsPerTick);

    public static bool IsStorable(DateTimeOffset time) => time >= MinTime && time <= MaxTime;

    /// <summary>Quotes an identifier (measurement, tag or field name) so that any content stays one identifier.</summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length + 2).Append('"');
        foreach (var c in name)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c == '\n' ? ' ' : c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An RFC 3339 time literal value for a bound parameter.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
