using System.Text.Json.Serialization;

namespace GrowthMonitor.StatBank;

// Source-generated metadata: Refit 16 runs without reflection-based JSON.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<Subject>))]
[JsonSerializable(typeof(IReadOnlyList<TableSummary>))]
[JsonSerializable(typeof(TableInfo))]
[JsonSerializable(typeof(DataRequest))]
[JsonSerializable(typeof(StatBankErrorBody))]
internal sealed partial class StatBankJsonContext : JsonSerializerContext;

/// <summary>The body of every Statistics Denmark error (HTTP 400).</summary>
internal sealed record StatBankErrorBody(string? ErrorTypeCode, string? Message);
