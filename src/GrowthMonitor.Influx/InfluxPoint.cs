namespace GrowthMonitor.Influx;

/// <summary>One point of line protocol: measurement, tag set, fields and a timestamp.</summary>
/// <remarks>Tags and fields are lists rather than dictionaries so that building a point costs one small array each.</remarks>
public sealed record InfluxPoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, FieldValue>> Fields,
    DateTimeOffset Timestamp)
{
    public static InfluxPoint Create(string measurement, DateTimeOffset timestamp, (string Key, string Value)[] tags, params (string Key, FieldValue Value)[] fields) =>
        new(measurement,
            Array.ConvertAll(tags, t => KeyValuePair.Create(t.Key, t.Value)),
            Array.ConvertAll(fields, f => KeyValuePair.Create(f.Key, f.Value)),
            timestamp);
}

public enum FieldKind
{
    Float,
    Integer,
    Boolean,
    String,
}

/// <summary>A field value keeps its InfluxDB type, because a field must keep one type for the life of a shard.</summary>
public readonly record struct FieldValue
{
    private readonly double number;
    private readonly long integer;

    private FieldValue(FieldKind kind, double number = 0, long integer = 0, string? text = null)
    {
        Kind = kind;
        this.number = number;
        this.integer = integer;
        Text = text;
    }

    public FieldKind Kind { get; }

    public string? Text { get; }

    public double AsDouble => Kind == FieldKind.Float ? number : throw new InvalidOperationException($"Field is {Kind}, not Float.");

    public long AsInteger => Kind is FieldKind.Integer or FieldKind.Boolean ? integer : throw new InvalidOperationException($"Field is {Kind}, not Integer.");

    public static FieldValue Float(double value) => new(FieldKind.Float, number: value);

    public static FieldValue Integer(long value) => new(FieldKind.Integer, integer: value);

    public static FieldValue Boolean(bool value) => new(FieldKind.Boolean, integer: value ? 1 : 0);

    public static FieldValue String(string value) => new(FieldKind.String, text: value ?? throw new ArgumentNullException(nameof(value)));



    public override string ToString() => Kind switch
    {
        FieldKind.Float => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Integer => integer.ToString(System.Globalization.CultureInfo.InvariantCulture) + "i",
        FieldKind.Boolean => integer == 1 ? "true" : "false",
        _ => Text!,
    };
}

/// <summary>Building a point's fields from optional values: InfluxDB has no null, so a missing value is left out.</summary>
public static class FieldListExtensions
{
    public static void AddText(this List<KeyValuePair<string, FieldValue>> fields, string key, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            fields.Add(new(key, FieldValue.String(text)));
        }
    }

    /// <summary>Adds a float field when the value is a finite number; NaN and infinities have no line-protocol form.</summary>
    public static void AddNumber(this List<KeyValuePair<string, FieldValue>> fields, string key, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            fields.Add(new(key, FieldValue.Float(number)));
        }
    }
}
