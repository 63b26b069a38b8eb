using System.Globalization;
using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;

namespace GrowthMonitor.ManualFigures;

/// <summary>One figure entered by hand, and where the upload gave it (a CSV line, or a JSON entry).</summary>
public sealed record ManualValue(string Area, Period Period, double Value, string Where);

/// <summary>
/// Reads and checks an upload of figures for a manual indicator, all of it before anything is written: JSON
/// <c>{"values": [{"area", "period", "value"}]}</c>, or CSV with the header <c>area;period;value</c> as Danish Excel
/// saves it (<c>;</c> or <c>,</c>, decimal comma, UTF-8 with or without BOM, quotes). Each problem names its line.
/// </summary>
public static class ManualUpload
{
    /// <summary>Years a figure may be entered for; a typo such as 20244 or 1024 is caught here, not by InfluxDB.</summary>
    public const int FirstYear = 1900;

    public const int LastYear = 2200;

    public static (IReadOnlyList<ManualValue> Values, IReadOnlyList<string> Problems) Read(byte[] body, bool csv, IndicatorDefinition indicator, Frequency frequency)
    {
        List<(string? Area, string? Period, string? Value, string Where)> rows;
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
        foreach (var (area, periodCode, text, where) in rows)
        {
            var rowProblems = new List<string>();
            if (area is null || !Known(indicator, area))
            {
                rowProblems.Add($"area '{area}' is not {(indicator.AllAreasSelected ? "a Statistics Denmark area code such as 766" : $"one of the indicator's areas ({string.Join(", ", indicator.AreaValues)})")}");
            }

            Period? period = null;
            if (!Period.TryParse(periodCode, out var parsed))
            {
                rowProblems.Add($"period '{periodCode}' is not a period code such as 2024, 2024H1, 2024K1 or 2024M01");
            }
            else if (parsed.Year is < FirstYear or > LastYear)
            {
                rowProblems.Add($"period '{periodCode}' is outside the years {FirstYear}–{LastYear}");
            }
            else if (parsed.Frequency != frequency)
            {
                rowProblems.Add($"period '{periodCode}' is not a {Wire.Frequency.Of(frequency)} period, as the indicator's are");
            }
            else
            {
                period = parsed;
            }

            var value = Number(text);
            if (value is null)
            {
                rowProblems.Add($"value '{text}' is not a finite number");
            }

            if (rowProblems.Count == 0 && !seen.TryAdd((area!, period!.Value), where))
            {
                rowProblems.Add($"{area} {periodCode} is given twice (first at {seen[(area!, period.Value)]})");
            }

            problems.AddRange(rowProblems.Select(p => $"{where}: {p}"));
            if (rowProblems.Count == 0)
            {
                values.Add(new ManualValue(area!, period!.Value, value!.Value, where));
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add("The upload holds no figures.");
        }

        return (values, problems);
    }

    private static bool Known(IndicatorDefinition indicator, string area) =>
        indicator.AllAreasSelected ? DanishAreas.Find(area) is not null : indicator.AreaValues.Contains(area);

    /// <summary>A number as Danish Excel or a program writes it: 118, 118.5, 118,5 or 1.234,5.</summary>
    private static double? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var invariant = text.Contains(',', StringComparison.Ordinal) ? text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : text;
        return double.TryParse(invariant.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
    }

    private static List<(string?, string?, string?, string)> JsonRows(byte[] body)
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

            return [.. entries.EnumerateArray().Select((entry, i) => (
                Text(entry, "area"),
                Text(entry, "period"),
                entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var value) ? value.ToString() : null,
                $"values[{i}]"))];
        }

        static string? Text(JsonElement entry, string name) =>
            entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
    }

    /// <summary>The rows of a CSV upload (<see cref="Csv.Read"/>, the downloads' own CSV), by the header's column names.</summary>
    private static List<(string?, string?, string?, string)> CsvRows(byte[] body)
    {
        var lines = Csv.Read(body);
        var header = lines[0];
        var columns = header.Fields.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var (area, period, value) = (columns.IndexOf("area"), columns.IndexOf("period"), columns.IndexOf("value"));
        if (area < 0 || period < 0 || value < 0)
        {
            throw new FormatException($"line 1: the header must name the columns area;period;value, not '{(header.Text.Length > 80 ? header.Text[..80] + "…" : header.Text)}'.");
        }

        return [.. lines.Skip(1).Select(line =>
        {
            string? Field(int index) => index < line.Fields.Count ? line.Fields[index].Trim() : null;
            return (Field(area), Field(period), Field(value), $"line {line.Number}");
        })];
    }
}
