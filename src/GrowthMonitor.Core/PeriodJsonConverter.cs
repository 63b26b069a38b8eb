using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>Writes periods as their Statistics Denmark code, the form users and Grafana already know.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period)
            ? period
            : throw new JsonException($"'{reader.GetString()}' is not a Statistics Denmark period code.");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
