using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// One table of <see cref="StatBankFake"/>: its geography variable and areas, the other variables (each pinned to
/// one value by a request), the time variable <c>Tid</c> with its periods, and the figure for each area and period.
/// </summary>
public sealed class FakeTable(string id, string areaVariable, IReadOnlyList<string> areas, IReadOnlyList<string> periods, IReadOnlyDictionary<string, IReadOnlyList<string>> otherVariables)
{
    /// <summary>The time variable's column in a data body; <c>/tableinfo</c> calls the variable <c>Tid</c>.</summary>
    internal const string TimeColumn = "TID";

    private const string TimeVariable = "Tid";

    /// <summary>Thousands separated as Statistics Denmark's Danish messages write them: 1.000.000.</summary>
    private static readonly NumberFormatInfo DanishNumbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    public string Id { get; } = id;

    /// <summary>Danish local time without offset, as <c>/tableinfo</c> writes it.</summary>
    public DateTime Updated { get; set; } = new(2025, 3, 25, 8, 0, 0);

    public List<string> Periods { get; } = [.. periods];

    /// <summary>A recorded <c>/tableinfo</c> body to serve byte for byte instead of the generated one.</summary>
    public string? RecordedTableInfo { get; init; }

    /// <summary>The figure served for (area, period), null for a missing value (<c>..</c>). Tests change it to simulate revisions.</summary>
    public Func<string, string, decimal?> Values { get; set; } = (_, _) => 1;

    /// <summary>
    /// Requests in a non-streaming format (CSV) for more cells than this are refused with <c>REQUEST-LIMIT</c>, as
    /// Statistics Denmark refuses them over 1,000,000; BULK streams and has no limit.
    /// </summary>
    public long CellLimit { get; init; } = 1_000_000;

    /// <summary>The whole table as a data body: every area and period, each other variable at its first value.</summary>
    public TableBody Body() => Body(new TableSelection(areas, [.. otherVariables.Values.Select(values => values[0])], Periods));

    internal TableBody Body(TableSelection selection) =>
        new(Header(), selection.Areas, selection.Pinned, selection.Periods, Values);

    internal static Refusal NoSuchTable(string id) => new("EXTRACT-NOTFOUND", $"Tabel findes ikke: {id}");

    /// <summary>A data request's values by variable code, upper-cased as the columns of a data body are.</summary>
    internal static Dictionary<string, List<string>> RequestedValues(JsonNode request) =>
        request["variables"]?.AsArray().ToDictionary(
            variable => ((string)variable!["code"]!).ToUpperInvariant(),
            variable => variable!["values"]!.AsArray().Select(value => (string)value!).ToList()) ?? [];

    /// <summary>The table as <c>/tables</c> lists it.</summary>
    internal JsonObject Summary() => new()
    {
        ["id"] = Id,
        ["text"] = "Syntetisk tabel",
        ["unit"] = "Antal",
        ["updated"] = Updated.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        ["firstPeriod"] = Periods[0],
        ["latestPeriod"] = Periods[^1],
        ["active"] = true,
        ["variables"] = new JsonArray([.. Variables().Select(v => (JsonNode)v.Id.ToLowerInvariant())]),
    };

    internal string TableInfoJson(JsonSerializerOptions json)
    {
        if (RecordedTableInfo is not null)
        {
            return RecordedTableInfo;
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["text"] = "Syntetisk tabel",
            ["description"] = "Syntetisk tabel til tests",
            ["unit"] = "Antal",
            ["suppressedDataValue"] = "0",
            ["updated"] = Updated.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["active"] = true,
            ["contacts"] = new JsonArray(),
            ["documentation"] = null,
            ["footnote"] = null,
            ["variables"] = new JsonArray([.. Variables().Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Id,
                ["text"] = v.Id.ToLowerInvariant(),
                ["elimination"] = v.Id != TimeVariable,
                ["time"] = v.Id == TimeVariable,
                ["values"] = new JsonArray([.. v.Values.Select(value => (JsonNode)new JsonObject { ["id"] = value, ["text"] = value })]),
            })]),
        }.ToJsonString(json);
    }

    /// <summary>
    /// What a data request asks of this table, in the table's order, or why it is refused: the errors Statistics
    /// Denmark gives for an unknown variable or value and for too many cells, and what the fake does not serve.
    /// </summary>
    internal bool TrySelect(JsonNode request, [NotNullWhen(true)] out TableSelection? selection, [NotNullWhen(false)] out Refusal? refusal)
    {
        (selection, refusal) = (null, null);
        var format = (string?)request["format"];
        var presentation = (string?)request["valuePresentation"];
        if (format is not ("BULK" or "CSV") || presentation != "Code")
        {
            refusal = new("REQUEST-INVALID", $"The fake serves BULK or CSV with valuePresentation Code, not {format} with {presentation}.");
            return false;
        }

        var requested = RequestedValues(request);
        var variables = Variables();
        if (requested.Keys.FirstOrDefault(code => !variables.Any(v => v.Id.Equals(code, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            refusal = new("EXTRACT-NOTFOUND", $"Variablen {unknown} findes ikke i tabellen {Id}");
            return false;
        }

        List<IReadOnlyList<string>> chosen = [];
        foreach (var (variable, values) in variables)
        {
            if (!requested.TryGetValue(variable.ToUpperInvariant(), out var asked))
            {
                refusal = new("REQUEST-INVALID", $"The fake eliminates no variable (BULK cannot); {variable} must be given.");
                return false;
            }

            if (asked is not ["*"] && asked.FirstOrDefault(value => !values.Contains(value)) is { } missing)
            {
                refusal = new("EXTRACT-NOTFOUND", $"Værdien {missing} findes ikke for variablen {variable}");
                return false;
            }

            chosen.Add(asked is ["*"] ? values : [.. values.Where(asked.Contains)]);
        }

        var pinned = chosen[1..^1];
        if (pinned.FindIndex(values => values.Count != 1) is var several and >= 0)
        {
            refusal = new("REQUEST-INVALID", $"The fake serves one value of each variable besides {areaVariable} and {TimeVariable}; {variables[several + 1].Id} asked for {pinned[several].Count}.");
            return false;
        }

        var cells = chosen.Aggregate(1L, (product, values) => product * values.Count);
        if (format == "CSV" && cells > CellLimit)
        {
            refusal = new("REQUEST-LIMIT", string.Create(DanishNumbers,
                $"Forespørgslen på op mod {cells:N0} celler er over begrænsningen på {CellLimit:N0} celler for denne filtype. Anvend BULK eller andet streaming format i stedet."));
            return false;
        }

        selection = new TableSelection(chosen[0], [.. pinned.Select(values => values[0])], chosen[^1]);
        return true;
    }

    /// <summary>The variables in <c>/tableinfo</c> order: the area first, the time last.</summary>
    private List<(string Id, IReadOnlyList<string> Values)> Variables() =>
        [(areaVariable, areas), .. otherVariables.Select(v => (v.Key, v.Value)), (TimeVariable, Periods)];

    /// <summary>The header row, with the byte order mark Statistics Denmark starts every data body with.</summary>
    private byte[] Header() => Encoding.UTF8.GetBytes(
        $"\uFEFF{string.Join(';', Variables().Select(v => v.Id == TimeVariable ? TimeColumn : v.Id.ToUpperInvariant()))};INDHOLD\r\n");
}

/// <summary>The rows a data request selects: areas and periods in table order, one value of each other variable.</summary>
internal sealed record TableSelection(IReadOnlyList<string> Areas, IReadOnlyList<string> Pinned, IReadOnlyList<string> Periods);
