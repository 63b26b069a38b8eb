using System.Text.Json.Serialization;

namespace GrowthMonitor.StatBank;

/// <summary>The metadata of one table from <c>/tableinfo</c>: variable ids, value ids and time periods.</summary>
public sealed record TableInfo(
    string Id,
    string Text,
    string Description,
    string Unit,
    string? SuppressedDataValue,
    [property: JsonConverter(typeof(DanishLocalTimeJsonConverter))] DateTimeOffset Updated,
    bool Active,
    IReadOnlyList<TableContact> Contacts,
    TableDocumentation? Documentation,
    TableFootnote? Footnote,
    IReadOnlyList<TableVariable> Variables)
{
    /// <summary>The variable holding the periods (its id is <c>Tid</c> in every table seen so far).</summary>
    [JsonIgnore]
    public TableVariable? TimeVariable => Variables.FirstOrDefault(variable => variable.Time);
}

/// <summary>
/// A variable of a table. <see cref="Elimination"/> says whether it may be left out of a data request (summed
/// over); BULK requests must give every variable anyway.
/// </summary>
public sealed record TableVariable(string Id, string Text, bool Elimination, bool Time, IReadOnlyList<TableValue> Values);

public sealed record TableValue(string Id, string Text);

public sealed record TableContact(string Name, string Phone, string Mail);

public sealed record TableDocumentation(string Id, string Url);

public sealed record TableFootnote(string Text, bool Mandatory);
