using System.Globalization;
using System.Text.Json;

namespace GrowthMonitor.Influx;

/// <summary>One series of an InfluxQL result: its name, GROUP BY tags, columns and rows.</summary>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<InfluxRow> Rows)
{
    public string Tag(string key) => Tags.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Series '{Name}' has no tag '{key}'.");
}

/// <summary>A result row; times are read as Unix seconds because the client always queries with <c>epoch=s</c>.</summary>
public sealed class InfluxRow(IReadOnlyList<string> columns, JsonElement[] values)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(this["time"].GetInt64());

    public JsonElement this[string column] =>
        Find(column) ?? throw new KeyNotFoundException($"No column '{column}' in [{string.Join(", ", columns)}].");

    // The Get methods answer null for a missing column too: SELECT * only lists fields that were ever written.
    public double? GetDouble(string column) => Find(column) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public long? GetInt64(string column) => Find(column) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : null;

    public bool? GetBoolean(string column) => Find(column) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public string? GetString(string column) => Find(column) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } value => value.GetRawText(),
    };

    private JsonElement? Find(string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return values[i];
            }
        }

        return null;
    }

    public override string ToString() => string.Join(", ", columns.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{c}={values[i]}")));
}
