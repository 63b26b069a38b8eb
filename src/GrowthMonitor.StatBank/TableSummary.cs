using System.Text.Json.Serialization;

namespace GrowthMonitor.StatBank;

/// <summary>
/// A table from <c>/tables</c>. <see cref="Variables"/> are the variable <em>texts</em> (e.g. <c>område</c>), not
/// ids; periods stay strings because some tables use codes such as <c>2019:2020</c> that are no calendar period.
/// </summary>
public sealed record TableSummary(
    string Id,
    string Text,
    string Unit,
    [property: JsonConverter(typeof(DanishLocalTimeJsonConverter))] DateTimeOffset Updated,
    string FirstPeriod,
    string LatestPeriod,
    bool Active,
    IReadOnlyList<string> Variables);
