using System.Text.Json;
using System.Text.Json.Serialization;

namespace GrowthMonitor.Influx;

internal sealed record QueryResponse(IReadOnlyList<StatementResult>? Results, string? Error);

internal sealed record StatementResult(
    [property: JsonPropertyName("statement_id")] int StatementId,
    IReadOnlyList<SeriesResult>? Series,
    string? Error);

internal sealed record SeriesResult(string? Name, Dictionary<string, string>? Tags, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]>? Values);

internal sealed record ErrorResponse(string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class InfluxJsonContext : JsonSerializerContext;
