using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace GrowthMonitor.Influx;

/// <summary>
/// Serialises points to InfluxDB line protocol with millisecond precision (<see cref="Precision"/>) into a reusable
/// UTF-8 buffer.
/// </summary>
/// <remarks>
/// Escaping follows what InfluxDB 1.x reads back unchanged: in measurements a backslash escapes comma and space,
/// in tag keys, tag values and field keys it escapes comma, equals sign and space; any other backslash is literal
/// and written as is. String field values escape double quote and backslash. Values that line protocol cannot carry
/// (line breaks outside string fields, empty names, a trailing backslash, NaN, infinity) are refused with
/// <see cref="InvalidPointException"/> before anything is written, so nothing is silently altered.
/// </remarks>
public sealed class LineProtocolWriter
{
    private static readonly SearchValues<char> MeasurementSpecials = SearchValues.Create(", ");
    private static readonly SearchValues<char> KeySpecials = SearchValues.Create(",= ");
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\");

    /// <summary>The <c>precision</c> a write of this writer's lines must name.</summary>
    public const string Precision = "ms";

    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);

    public int PointCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => buffer.WrittenMemory;

    public void Clear()
    {
        buffer.ResetWrittenCount();
        PointCount = 0;
    }

    /// <summary>Checks the point fully, then appends it as one line.</summary>
    public void Write(InfluxPoint point)
    {
        Validate(point);
        WriteName(point.Measurement, MeasurementSpecials);
        // Index loops: enumerating through the list interfaces would allocate an enumerator per point.
        for (var i = 0; i < point.Tags.Count; i++)
        {
            var (key, value) = point.Tags[i];
            WriteByte((byte)',');
            WriteName(key, KeySpecials);
            WriteByte((byte)'=');
            WriteName(value, KeySpecials);
        }

        for (var i = 0; i < point.Fields.Count; i++)
        {
            var (key, value) = point.Fields[i];
            WriteByte(i == 0 ? (byte)' ' : (byte)',');
            WriteName(key, KeySpecials);
            WriteByte((byte)'=');
            WriteFieldValue(value);
        }

        WriteByte((byte)' ');
        WriteInteger(point.Timestamp.ToUnixTimeMilliseconds());
        WriteByte((byte)'\n');
        PointCount++;
    }

    public static void Validate(InfluxPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        CheckName(point, point.Measurement, NamePart.Measurement, null);
        if (point.Measurement.StartsWith('#'))
        {
            throw new InvalidPointException(point, $"measurement '{point.Measurement}' starts with '#', which line protocol reads as a comment");
        }

        for (var i = 0; i < point.Tags.Count; i++)
        {
            var (key, value) = point.Tags[i];
            CheckName(point, key, NamePart.TagKey, null);
            CheckName(point, value, NamePart.TagValue, key);
        }

        if (point.Fields.Count == 0)
        {
            throw new InvalidPointException(point, "a point needs at least one field");
        }

        for (var i = 0; i < point.Fields.Count; i++)
        {
            var (key, value) = point.Fields[i];
            CheckName(point, key, NamePart.FieldKey, null);
            if (value.Kind == FieldKind.Float && !double.IsFinite(value.AsDouble))
            {
                throw new InvalidPointException(point, $"field '{key}' is {value.AsDouble}; InfluxDB stores only finite numbers");
            }
        }
    }

    private enum NamePart
    {
        Measurement,
        TagKey,
        TagValue,
        FieldKey,
    }

    /// <summary>Checks one name; the message is built only when it fails, as this runs for every part of every point.</summary>
    private static void CheckName(InfluxPoint point, string name, NamePart part, string? tagKey)
    {
        var problem = string.IsNullOrEmpty(name) ? "is empty"
            : name.AsSpan().IndexOfAny('\n', '\r') >= 0 ? $"'{name.ReplaceLineEndings(" ")}' contains a line break, which line protocol cannot carry there"
            : name[^1] == '\\' ? $"'{name}' ends with a backslash, which InfluxDB would read as escaping the next separator"
            : part is NamePart.TagKey or NamePart.FieldKey && name == "time" ? "'time' is reserved by InfluxDB"
            : null;
        if (problem is not null)
        {
            var what = part switch
            {
                NamePart.Measurement => "measurement",
                NamePart.TagKey => "tag key",
                NamePart.TagValue => $"value of tag '{tagKey}'",
                _ => "field key",
            };
            throw new InvalidPointException(point, $"{what} {problem}");
        }
    }

    private void WriteName(string value, SearchValues<char> specials)
    {
        var span = value.AsSpan();
        var next = span.IndexOfAny(specials);
        while (next >= 0)
        {
            WriteUtf8(span[..next]);
            WriteByte((byte)'\\');
            WriteByte((byte)span[next]);
            span = span[(next + 1)..];
            next = span.IndexOfAny(specials);
        }

        WriteUtf8(span);
    }

    private void WriteFieldValue(FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Float:
                WriteFloat(value.AsDouble);
                break;
            case FieldKind.Integer:
                WriteInteger(value.AsInteger);
                WriteByte((byte)'i');
                break;
            case FieldKind.Boolean:
                WriteUtf8(value.AsInteger == 1 ? "true" : "false");
                break;
            default:
                WriteByte((byte)'"');
                WriteEscapedString(value.Text!);
                WriteByte((byte)'"');
                break;
        }
    }

    private void WriteEscapedString(string text)
    {
        var span = text.AsSpan();
        var next = span.IndexOfAny(StringSpecials);
        while (next >= 0)
        {
            WriteUtf8(span[..next]);
            WriteByte((byte)'\\');
            WriteByte((byte)span[next]);
            span = span[(next + 1)..];
            next = span.IndexOfAny(StringSpecials);
        }

        WriteUtf8(span);
    }

    private void WriteFloat(double value)
    {
        var target = buffer.GetSpan(32);
        if (!Utf8Formatter.TryFormat(value, target, out var written))
        {
            throw new InvalidOperationException($"Could not format {value}.");
        }

        buffer.Advance(written);
    }

    private void WriteInteger(long value)
    {
        var target = buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, target, out var written);
        buffer.Advance(written);
    }

    private void WriteByte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var target = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, target));
    }
}

/// <summary>A point that line protocol cannot represent; the message says which part and why.</summary>
public sealed class InvalidPointException(InfluxPoint point, string problem)
    : ArgumentException($"Cannot write point to '{point.Measurement}' at {point.Timestamp:O}: {problem}.")
{
    public InfluxPoint Point { get; } = point;
}
