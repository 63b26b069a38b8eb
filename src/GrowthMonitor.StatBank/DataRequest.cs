using System.Text.Json.Serialization;

namespace GrowthMonitor.StatBank;

/// <summary>
/// A <c>POST /data</c> request. Values are always requested as codes (<c>valuePresentation: "Code"</c>), so body
/// cells are ids such as <c>615</c>, and periods come in ascending order.
/// </summary>
/// <param name="Table">Table id, e.g. <c>ERHV2</c>.</param>
/// <param name="Variables">Variable codes with the value codes to fetch (<c>*</c> for all).</param>
/// <param name="Format">BULK streams without a cell limit but needs every variable; CSV allows elimination but
/// is refused above 1,000,000 cells (<see cref="StatBankRequestLimitException"/>).</param>
public sealed record DataRequest(
    string Table,
    [property: JsonPropertyOrder(1)] IReadOnlyList<DataVariable> Variables,
    DataFormat Format = DataFormat.Bulk)
{
    /// <summary>Response language; null means <see cref="StatBankOptions.Language"/>.</summary>
    [JsonPropertyName("lang")]
    public string? Language { get; init; }

    public string ValuePresentation => "Code";

    public string TimeOrder => "Ascending";
}

public sealed record DataVariable(string Code, IReadOnlyList<string> Values);

[JsonConverter(typeof(JsonStringEnumConverter<DataFormat>))]
public enum DataFormat
{
    [JsonStringEnumMemberName("BULK")]
    Bulk,

    [JsonStringEnumMemberName("CSV")]
    Csv,
}
