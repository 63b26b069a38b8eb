using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.ManualFigures;

/// <summary>One figure entered by hand, and where the upload gave it (a CSV line, or a JSON entry).</summary>
public sealed record ManualValue(string Area, Period Period, double Value, string Where);

/// <summary>
/// Reads and checks an upload of figures for a manual indicator, all of it before anything is written: JSON
/// <c>{"values": [{"area", "period", "value"}]}</c> with values as JSON numbers, or CSV with the header
/// <c>area;period;value</c> as Danish Excel saves it (<c>;</c> or <c>,</c>, numbers as Danes write them, UTF-8 with or
/// without BOM, quotes). A figure's period may not lie after the current one, nor its value below zero unless the
/// indicator allows it. Each problem names its line.
/// </summary>
public static class ManualUpload
{
    public const string AreaField = "area";

    public const string PeriodField = "period";

    public const string ValueField = "value";

    /// <summary>The first year a figure may be entered for; a typo such as 1024 is caught here, not by InfluxDB.</summary>
    public const int FirstYear = 1900;

    /// <param name="current">The period of the indicator's frequency that holds today: the last one figures may be entered for.</param>
    public static (IReadOnlyList<ManualValue> Values, IReadOnlyList<string> Problems) Read(byte[] body, bool csv, IndicatorDefinition indicator, Period current)
    {
        List<Row> rows;
        try
        {
            rows = csv ? CsvRows(body) : JsonRows(body);
        }
        catch (FormatException e)
        {
            return ([], [e.Message]);
        }

        List<ManualValue> values = [];
        List<string> problems = [];
        var seen = new Dictionary<(string, Period), string>();
        foreach (var row in rows)
        {
            var rowProblems = CheckWhere(indicator, current, row.Area, row.Period, out var period).Select(p => p.English).ToList();
            rowProblems.AddRange(row.Problems);
            if (CheckValue(indicator, row.Value, row.ValueText) is { } sign)
            {
                rowProblems.Add(sign.English);
            }

            if (rowProblems.Count == 0 && !seen.TryAdd((row.Area!, period!.Value), row.Where))
            {
                rowProblems.Add($"{row.Area} {row.Period} is given twice (first at {seen[(row.Area!, period.Value)]})");
            }

            problems.AddRange(rowProblems.Select(p => $"{row.Where}: {p}"));
            if (rowProblems.Count == 0)
            {
                values.Add(new ManualValue(row.Area!, period!.Value, row.Value!.Value, row.Where));
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add("The upload holds no figures.");
        }

        return (values, problems);
    }

    /// <summary>
    /// The area and period of one figure, as every way of entering figures checks them (an upload, the API, the target
    /// page's form): a known area, and a period of the indicator's frequency from <see cref="FirstYear"/> up to
    /// <paramref name="current"/>. Each problem is said in English for the API and in Danish beside a form's field.
    /// </summary>
    public static IReadOnlyList<FieldProblem> CheckWhere(IndicatorDefinition indicator, Period current, string? area, string? period, out Period? parsedPeriod)
    {
        List<FieldProblem> problems = [];
        if (area is null || !Known(indicator, area))
        {
            problems.Add(new(AreaField,
                $"area '{area}' is not {(indicator.AllAreasSelected ? "a Statistics Denmark area code such as 766" : $"one of the indicator's areas ({string.Join(", ", indicator.AreaValues)})")}",
                "Vælg et af indikatorens områder."));
        }

        parsedPeriod = null;
        if (!Period.TryParse(period, out var parsed))
        {
            problems.Add(new(PeriodField, $"period '{period}' is not a period code such as 2024, 2024H1, 2024K1 or 2024M01", "Vælg en periode på listen."));
        }
        else if (parsed.Year < FirstYear)
        {
            problems.Add(new(PeriodField, $"period '{period}' is before {FirstYear}", $"Vælg en periode fra {FirstYear} eller senere."));
        }
        else if (parsed.Frequency != current.Frequency)
        {
            problems.Add(new(PeriodField, $"period '{period}' is not a {Wire.Frequency.Of(current.Frequency)} period, as the indicator's are", "Vælg en af indikatorens perioder på listen."));
        }
        else if (parsed > current)
        {
            problems.Add(new(PeriodField, $"period '{period}' is after the current period, {current}: figures are entered once their period has begun",
                $"Tal for {Danish.Period(parsed)} kan først indtastes, når perioden er begyndt."));
        }
        else
        {
            parsedPeriod = parsed;
        }

        return problems;
    }

    /// <summary>A value below zero for an indicator that takes none; null when the value is fine (or missing: its reading says why).</summary>
    public static FieldProblem? CheckValue(IndicatorDefinition indicator, double? value, string? valueText) =>
        value < 0 && !indicator.AllowNegative
            ? new(ValueField,
                $"value '{valueText}' is below zero, and indicator '{indicator.Id}' takes no negative figures (\"allowNegative\": true in the catalog allows them)",
                "Tallet kan ikke være negativt for denne indikator.")
            : null;

    private static bool Known(IndicatorDefinition indicator, string area) =>
        indicator.AllAreasSelected ? DanishAreas.Find(area) is not null : indicator.AreaValues.Contains(area);

    /// <summary>
    /// A row as the upload gave it, its value already read (CSV and JSON write numbers differently): the value as
    /// given, the number (null when there is none, and <paramref name="Problems"/> say why) and what else is wrong with
    /// the row as a whole.
    /// </summary>
    private sealed record Row(string? Area, string? Period, string? ValueText, double? Value, string Where, IReadOnlyList<string> Problems);

    private static List<Row> JsonRows(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("values", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The body must be {\"values\": [{\"area\": \"766\", \"period\": \"2024\", \"value\": 118}]}.");
            }

            return [.. entries.EnumerateArray().Select((entry, i) => JsonRow(entry, $"values[{i}]"))];
        }

        // JSON numbers stay JSON numbers: "12" is a string, whatever it holds, and never read as Danish or English.
        static Row JsonRow(JsonElement entry, string where)
        {
            var value = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var given) ? given : default;
            var text = value.ValueKind == JsonValueKind.Undefined ? null : value.GetRawText();
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                return new Row(Text(entry, "area"), Text(entry, "period"), text, number, where, []);
            }

            var problem = value.ValueKind switch
            {
                JsonValueKind.String => $"value {text} is a JSON string; a value must be a JSON number, without quotes",
                JsonValueKind.Undefined or JsonValueKind.Null => "value is missing",
                _ => $"value {text} is not a finite JSON number",
            };
            return new Row(Text(entry, "area"), Text(entry, "period"), text, null, where, [problem]);
        }

        static string? Text(JsonElement entry, string name) =>
            entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
    }

    /// <summary>The rows of a CSV upload (<see cref="Csv.Read"/>, the downloads' own CSV), by the header's column names.</summary>
    private static List<Row> CsvRows(byte[] body)
    {
        var lines = Csv.Read(body);
        var header = lines[0];
        var separator = Csv.SeparatorOf(header.Text);
        var columns = header.Fields.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var (area, period, value) = (columns.IndexOf("area"), columns.IndexOf("period"), columns.IndexOf("value"));
        if (area < 0 || period < 0 || value < 0)
        {
            throw new FormatException($"line 1: the header must name the columns area;period;value, not '{(header.Text.Length > 80 ? header.Text[..80] + "…" : header.Text)}'.");
        }

        List<Row> rows = [];
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Fields;
            string? Field(int index) => index < fields.Count ? fields[index].Trim() : null;
            var given = Field(value);
            List<string> problems = [];
            double? number = null;
            if (string.IsNullOrEmpty(given))
            {
                problems.Add("value is missing");
            }
            else if (Danish.TryParseNumber(given, out var parsed, out var problem))
            {
                number = parsed;
            }
            else
            {
                problems.Add($"value '{given}' {problem}");
            }

            // "766,2024,12,5" is 12 and a stray 5 to a reader that stops at the header's columns.
            if (fields.Skip(columns.Count).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                problems.Add($"it has {fields.Count} fields where the header has {columns.Count}" + (separator == ',' ? "; in a comma-separated file a decimal comma needs quotes (\"12,5\")" : ""));
            }

            rows.Add(new Row(Field(area), Field(period), given, number, $"line {line.Number}", problems));
        }

        return rows;
    }
}
