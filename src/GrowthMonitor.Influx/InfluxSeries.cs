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

    public JsonElement this[string column]
    {
        get
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == column)
                {
                    return values[i];
                }
            }

            throw new KeyNotFoundException($"No column '{column}' in [{string.Join(", ", columns)}].");
        }
    }

    public double? GetDouble(string column)
    {
        var value = this[column];
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }

    public long? GetInt64(string column)
    {
        var value = this[column];
        return value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
    }

    public bool? GetBoolean(string column)
    {
        var value = this[column];
        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
    }

    public string? GetString(string column)
    {
        var value = this[column];
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    public override string ToString() => string.Join(", ", columns.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{c}={values[i]}")));
}
