using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrowthMonitor.Influx;

namespace GrowthMonitor.IntegrationTests.Dashboards;

/// <summary>One dashboard JSON file of the repository's <c>dashboards/</c> folder.</summary>
public sealed record DashboardFile(string Path, JsonObject Json)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string? Uid => (string?)Json["uid"];

    public string? Title => (string?)Json["title"];

    /// <summary>Every panel, including those nested in collapsed rows.</summary>
    public IEnumerable<JsonObject> Panels => Flatten(Json["panels"] as JsonArray);

    public IEnumerable<JsonObject> Variables => (Json["templating"]?["list"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>Every query target of every panel, as the panel sends it.</summary>
    public IEnumerable<PanelQuery> Queries =>
        from panel in Panels
        from target in (panel["targets"] as JsonArray ?? []).OfType<JsonObject>()
        select new PanelQuery(this, panel, target);

    private static IEnumerable<JsonObject> Flatten(JsonArray? panels)
    {
        foreach (var panel in (panels ?? []).OfType<JsonObject>())
        {
            yield return panel;
            foreach (var nested in Flatten(panel["panels"] as JsonArray))
            {
                yield return nested;
            }
        }
    }
}

/// <summary>One option of a dashboard variable: what queries get, and what the list shows.</summary>
public sealed record VariableOption(string? Value, string? Text);

/// <summary>One target (query) of a panel.</summary>
public sealed record PanelQuery(DashboardFile Dashboard, JsonObject Panel, JsonObject Target)
{
    public int PanelId => (int)Panel["id"]!;

    public string PanelType => (string?)Panel["type"] ?? "";

    public string RefId => (string?)Target["refId"] ?? "";

    public bool RawQuery => (bool?)Target["rawQuery"] ?? false;

    public string Query => (string?)Target["query"] ?? "";

    public string ResultFormat => (string?)Target["resultFormat"] ?? "time_series";

    /// <summary>A stable name for assertions: dashboard uid, panel id and refId.</summary>
    public string Key => $"{Dashboard.Uid}/{PanelId}/{RefId}";

    public override string ToString() => $"{Dashboard.FileName} panel {PanelId} \"{(string?)Panel["title"]}\" query {RefId}";
}

public static class GrafanaDashboards
{
    public const string DataSourceUid = "growthmonitor-influx";

    /// <summary>The checkout's root: the first folder upwards from the test binaries that holds GrowthMonitor.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GrowthMonitor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GrowthMonitor.sln above {AppContext.BaseDirectory}.");
    }

    public static string Folder => Path.Combine(RepositoryRoot(), "dashboards");

    /// <summary>Every dashboard JSON file under <c>dashboards/</c>, parsed (a file that is not JSON throws).</summary>
    public static IReadOnlyList<DashboardFile> Load() =>
        [.. Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new DashboardFile(path, JsonNode.Parse(File.ReadAllText(path))?.AsObject()
                ?? throw new InvalidOperationException($"{path} is empty.")))];

    public static DashboardFile Load(string fileName) =>
        Load().SingleOrDefault(d => d.FileName == fileName) ?? throw new FileNotFoundException($"No dashboard {fileName} under {Folder}.");

    /// <summary>A query variable's InfluxQL: older dashboards store a string, newer Grafana an object with <c>query</c>.</summary>
    public static string VariableQuery(JsonObject variable) => variable["query"] switch
    {
        JsonValue value => (string)value!,
        JsonObject query => (string?)query["query"] ?? "",
        _ => "",
    };

    /// <summary>
    /// The options Grafana offers for a query variable: the tag value of SHOW TAG VALUES, the first field after the time
    /// of a SELECT, the first column otherwise, filtered by the variable's regex; the named groups <c>value</c> and
    /// <c>text</c> split an option into what queries get and what the list shows, else the first group (or the whole
    /// match) is both, as in Grafana.
    /// </summary>
    public static IReadOnlyList<VariableOption> VariableOptions(JsonObject variable, string query, IReadOnlyList<InfluxSeries> result)
    {
        var trimmed = query.TrimStart();
        var column = trimmed.StartsWith("SHOW TAG VALUES", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var values = result.SelectMany(s => s.Rows.Select(r => r[s.Columns[column]].GetString())).Distinct().ToList();
        var regex = JavaScriptRegex((string?)variable["regex"]);
        if (regex is null)
        {
            return [.. values.Select(v => new VariableOption(v, v))];
        }

        List<VariableOption> options = [];
        foreach (var value in values)
        {
            var match = regex.Match(value ?? "");
            if (!match.Success)
            {
                continue;
            }

            var captured = match.Groups.Count > 1 ? (match.Groups[1].Success ? match.Groups[1].Value : null) : value;
            var optionValue = match.Groups["value"] is { Success: true } named ? named.Value : captured;
            options.Add(new VariableOption(optionValue, match.Groups["text"] is { Success: true } text ? text.Value : optionValue));
        }

        return options;
    }

    /// <summary>A Grafana variable regex (<c>/pattern/flags</c>, or a bare pattern) as a .NET regex.</summary>
    public static Regex? JavaScriptRegex(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.StartsWith('/') && text.LastIndexOf('/') is var end and > 0)
        {
            var flags = text[(end + 1)..];
            return new Regex(text[1..end], flags.Contains('i', StringComparison.Ordinal) ? RegexOptions.IgnoreCase : RegexOptions.None);
        }

        return new Regex(text);
    }
}

/// <summary>
/// Replaces Grafana's macros and template variables in an InfluxQL query the way Grafana's InfluxDB data source does
/// before it sends the query: <c>$timeFilter</c> becomes <c>time &gt;= …ms and time &lt;= …ms</c>, <c>$__interval</c>
/// the given interval, and a variable used inside a regex literal (<c>=~ /^$area$/</c>, <c>FROM /^$indicator$/</c>)
/// is regex-escaped, a multi-value one as <c>(a|b)</c>. A multi-value variable outside a regex, an unknown variable or
/// a format Grafana would apply differently fails, because the query would reach InfluxDB broken.
/// </summary>
public sealed partial class GrafanaInterpolator(DateTimeOffset from, DateTimeOffset to, string interval = "1d")
{
    private readonly Dictionary<string, (IReadOnlyList<string> Values, bool Multi, IReadOnlyList<string> Texts)> variables = new(StringComparer.Ordinal);

    public void Set(string name, IReadOnlyList<string> values, bool multi, IReadOnlyList<string>? texts = null) => variables[name] = (values, multi, texts ?? values);

    public string Interpolate(string query)
    {
        var regexLiterals = RegexLiteral().Matches(query).Select(m => (Start: m.Index, End: m.Index + m.Length)).ToList();
        var text = Reference().Replace(query, match =>
        {
            var name = match.Groups["name"].Value;
            if (Macro(name) is { } macro)
            {
                return macro;
            }

            if (!variables.TryGetValue(name, out var variable))
            {
                throw new InvalidOperationException($"{match.Value} is neither a Grafana macro nor a template variable of the dashboard (or it is used before it is defined).");
            }

            // raw: the value as it is, even inside a regex; text: what the list shows (titles, links).
            switch (match.Groups["format"] is { Success: true } format ? format.Value : null)
            {
                case null:
                    break;
                case "raw":
                    return Assert.Single(variable.Values);
                case "text":
                    return string.Join(" + ", variable.Texts);
                default:
                    throw new InvalidOperationException($"The test does not emulate Grafana's '{match.Groups["format"].Value}' format of {match.Value}.");
            }

            var inRegex = regexLiterals.Any(r => match.Index > r.Start && match.Index < r.End);
            if (variable.Multi)
            {
                return inRegex
                    ? "(" + string.Join("|", variable.Values.Select(EscapeRegex)) + ")"
                    : throw new InvalidOperationException($"Multi-value variable {match.Value} is used outside a regex literal; Grafana would send '(a|b)' there.");
            }

            var value = Assert.Single(variable.Values);
            return inRegex && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? EscapeRegex(value) : value;
        });
        Assert.DoesNotMatch(Leftover(), text);
        return text;
    }

    private string? Macro(string name) => name switch
    {
        "timeFilter" or "__timeFilter" => $"time >= {from.ToUnixTimeMilliseconds()}ms and time <= {to.ToUnixTimeMilliseconds()}ms",
        "__interval" or "interval" => interval,
        "__from" => from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        "__to" => to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Grafana's <c>escapeRegex</c>: a backslash before each of <c>\ ^ $ * + ? . ( ) | [ ] { } /</c>.</summary>
    public static string EscapeRegex(string value) => EscapeRegexCharacters().Replace(value, @"\$0");

    [GeneratedRegex(@"\$\{(?<name>\w+)(?::(?<format>\w+))?\}|\[\[(?<name>\w+)(?::(?<format>\w+))?\]\]|\$(?<name>\w+)")]
    private static partial Regex Reference();

    /// <summary>A regex literal where InfluxQL allows one: after <c>=~</c>, <c>!~</c> or <c>FROM</c>.</summary>
    [GeneratedRegex(@"(?<=(?:=~|!~|\bFROM)\s*)/(?:\\.|[^/\\])*/", RegexOptions.IgnoreCase)]
    private static partial Regex RegexLiteral();

    [GeneratedRegex(@"[\\^$*+?.()|\[\]{}/]")]
    private static partial Regex EscapeRegexCharacters();

    /// <summary>Anything that still looks like a variable after interpolation.</summary>
    [GeneratedRegex(@"\$\{|\$\w|\[\[")]
    private static partial Regex Leftover();
}
