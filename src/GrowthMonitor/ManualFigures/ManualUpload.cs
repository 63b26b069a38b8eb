using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Http;
using GrowthMonitor.Presentation;
using SheetRow = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace GrowthMonitor.ManualFigures;

/// <summary>One figure entered by hand, and where the upload gave it (a CSV line, or a JSON entry).</summary>
public sealed record ManualValue(string Area, Period Period, double Value, string Where);

/// <summary>How an upload of figures is written.</summary>
public enum UploadFormat
{
    Json,
    Csv,

    /// <summary>A workbook as Excel saves it: the first sheet, a header row, numbers as numeric cells or as Danish text.</summary>
    Xlsx,
}

/// <summary>
/// One row of an upload as read and checked: where it is (<paramref name="Number"/> is the line or row, or the JSON
/// entry's index), what it gave, the figure it holds when it is good, and why not when it is bad. A row with an area
/// and a period and no value is <paramref name="Blank"/> when blanks are skipped (a template's rows left empty). Each
/// problem is said in English for the API and in Danish for the upload page.
/// </summary>
public sealed record UploadRow(int Number, string Where, string? Area, string? Period, string? ValueText, ManualValue? Value, IReadOnlyList<FieldProblem> Problems, bool Blank = false);

/// <summary>Every row of an upload, and what is wrong with the file as a whole (no header, not a workbook, no figures).</summary>
public sealed record UploadReading(IReadOnlyList<UploadRow> Rows, IReadOnlyList<string> FileProblems)
{
    public IReadOnlyList<ManualValue> Values => [.. Rows.Select(r => r.Value).OfType<ManualValue>()];

    /// <summary>Every problem, each prefixed with where it is, the file's first.</summary>
    public IReadOnlyList<string> Problems => [.. FileProblems, .. Rows.SelectMany(r => r.Problems.Select(p => $"{r.Where}: {p.English}"))];
}

/// <summary>
/// Reads and checks an upload of figures for a manual indicator, all of it before anything is written: JSON
/// <c>{"values": [{"area", "period", "value"}]}</c> with values as JSON numbers, CSV with the header
/// <c>area;period;value</c> as Danish Excel saves it (<c>;</c> or <c>,</c>, numbers as Danes write them, UTF-8 with or
/// without BOM, quotes), or an XLSX workbook with the same header on its first sheet (numbers as numeric cells, or as
/// text written as Danes write them). The columns may also be named in Danish: <c>område;periode;værdi</c>. A figure's
/// period may not lie after the current one, nor its value below zero unless the indicator allows it. Each problem
/// names its line.
/// </summary>
public static class ManualUpload
{
    public const string AreaField = "area";

    public const string PeriodField = "period";

    public const string ValueField = "value";

    /// <summary>The first year a figure may be entered for; a typo such as 1024 is caught here, not by InfluxDB.</summary>
    public const int FirstYear = 1900;

    private static readonly FieldProblem ValueMissing = new(ValueField, "value is missing", "Værdien mangler.");

    /// <summary>The most an XLSX sheet may unpack to: a workbook of figures is kilobytes, and a zip bomb is refused before it is read.</summary>
    public const long MaxXlsxPartBytes = 32 * 1024 * 1024;

    /// <summary>The column names, English (the API's) and Danish (the page's template).</summary>
    private static readonly string[] AreaNames = ["area", "område"];
    private static readonly string[] PeriodNames = ["period", "periode"];
    private static readonly string[] ValueNames = ["value", "værdi"];

    /// <param name="current">The period of the indicator's frequency that holds today: the last one figures may be entered for.</param>
    public static (IReadOnlyList<ManualValue> Values, IReadOnlyList<string> Problems) Read(byte[] body, bool csv, IndicatorDefinition indicator, Period current)
    {
        var reading = ReadRows(body, csv ? UploadFormat.Csv : UploadFormat.Json, indicator, current);
        return (reading.Values, reading.Problems);
    }

    /// <summary>Every row with its figure or its problems; with <paramref name="skipBlankValues"/>, rows without a value are left out, not refused.</summary>
    /// <param name="current">The period of the indicator's frequency that holds today: the last one figures may be entered for.</param>
    public static UploadReading ReadRows(byte[] body, UploadFormat format, IndicatorDefinition indicator, Period current, bool skipBlankValues = false)
    {
        List<Row> rows;
        try
        {
            rows = format switch
            {
                UploadFormat.Csv => CsvRows(body),
                UploadFormat.Xlsx => TableRows(XlsxLines(body), "row", null),
                _ => JsonRows(body),
            };
        }
        catch (FormatException e)
        {
            return new([], [e.Message]);
        }

        List<UploadRow> checkedRows = [];
        var seen = new Dictionary<(string, Period), Row>();
        foreach (var row in rows)
        {
            if (skipBlankValues && string.IsNullOrEmpty(row.ValueText) && row.Value is null)
            {
                checkedRows.Add(new UploadRow(row.Number, row.Where, row.Area, row.Period, row.ValueText, null, [], Blank: true));
                continue;
            }

            var rowProblems = CheckWhere(indicator, current, row.Area, row.Period, out var period).ToList();
            rowProblems.AddRange(row.Problems);
            if (CheckValue(indicator, row.Value, row.ValueText) is { } sign)
            {
                rowProblems.Add(sign);
            }

            if (rowProblems.Count == 0 && !seen.TryAdd((row.Area!, period!.Value), row))
            {
                var first = seen[(row.Area!, period.Value)];
                rowProblems.Add(new(PeriodField, $"{row.Area} {row.Period} is given twice (first at {first.Where})", $"{row.Area} {row.Period} står der to gange (første gang i række {first.Number})."));
            }

            checkedRows.Add(new UploadRow(row.Number, row.Where, row.Area, row.Period, row.ValueText,
                rowProblems.Count == 0 ? new ManualValue(row.Area!, period!.Value, row.Value!.Value, row.Where) : null, rowProblems));
        }

        return new(checkedRows, checkedRows.All(r => r.Blank) ? ["The upload holds no figures."] : []);
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
                string.IsNullOrEmpty(area)
                    ? "Vælg et af indikatorens områder."
                    : $"{area} er ikke {(indicator.AllAreasSelected ? "en områdekode fra Danmarks Statistik som 766" : $"et af indikatorens områder ({string.Join(", ", indicator.AreaValues)})")}."));
        }

        parsedPeriod = null;
        if (!Period.TryParse(period, out var parsed))
        {
            problems.Add(new(PeriodField, $"period '{period}' is not a period code such as 2024, 2024H1, 2024K1 or 2024M01",
                string.IsNullOrEmpty(period) ? "Vælg en periode på listen." : $"{period} er ikke en periodekode som 2024, 2024H1, 2024K1 eller 2024M01."));
        }
        else if (parsed.Year < FirstYear)
        {
            problems.Add(new(PeriodField, $"period '{period}' is before {FirstYear}", $"{period} ligger før {FirstYear}; vælg en periode fra {FirstYear} eller senere."));
        }
        else if (parsed.Frequency != current.Frequency)
        {
            problems.Add(new(PeriodField, $"period '{period}' is not a {Wire.Frequency.Of(current.Frequency)} period, as the indicator's are",
                $"{period} er ikke en af indikatorens perioder (som {current})."));
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
    private sealed record Row(int Number, string? Area, string? Period, string? ValueText, double? Value, string Where, IReadOnlyList<FieldProblem> Problems);

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

            return [.. entries.EnumerateArray().Select((entry, i) => JsonRow(entry, i))];
        }

        // JSON numbers stay JSON numbers: "12" is a string, whatever it holds, and never read as Danish or English.
        static Row JsonRow(JsonElement entry, int index)
        {
            var where = $"values[{index}]";
            var value = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var given) ? given : default;
            var text = value.ValueKind == JsonValueKind.Undefined ? null : value.GetRawText();
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                return new Row(index, Text(entry, "area"), Text(entry, "period"), text, number, where, []);
            }

            var problem = value.ValueKind switch
            {
                JsonValueKind.String => new FieldProblem(ValueField, $"value {text} is a JSON string; a value must be a JSON number, without quotes", $"Værdien {text} er en tekst; den skal være et JSON-tal uden anførselstegn."),
                JsonValueKind.Undefined or JsonValueKind.Null => ValueMissing,
                _ => new FieldProblem(ValueField, $"value {text} is not a finite JSON number", $"Værdien {text} er ikke et endeligt JSON-tal."),
            };
            return new Row(index, Text(entry, "area"), Text(entry, "period"), text, null, where, [problem]);
        }

        static string? Text(JsonElement entry, string name) =>
            entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
    }

    /// <summary>The rows of a CSV upload (<see cref="Csv.Read"/>, the downloads' own CSV), by the header's column names.</summary>
    private static List<Row> CsvRows(byte[] body)
    {
        var lines = Csv.Read(body);
        return TableRows([.. lines.Select(l => new TableLine(l.Number, l.Text, [.. l.Fields.Select(f => new TableField(f, null))]))], "line", Csv.SeparatorOf(lines[0].Text));
    }

    /// <summary>A cell of a CSV line or a sheet's row: its text, and its number when the sheet stored one (a CSV has only text).</summary>
    private readonly record struct TableField(string Text, double? Number);

    private sealed record TableLine(int Number, string Text, IReadOnlyList<TableField> Fields);

    /// <summary>The rows of a table whose first line is the header, by the header's column names; values as numbers or Danish text.</summary>
    /// <param name="separator">The CSV's separator, for the hint on a decimal comma in a comma-separated file; null for a sheet.</param>
    private static List<Row> TableRows(IReadOnlyList<TableLine> lines, string unit, char? separator)
    {
        var header = lines.Count > 0 ? lines[0] : throw new FormatException($"{unit} 1: the header must name the columns area;period;value, and the file is empty.");
        var columns = header.Fields.Select(c => c.Text.Trim().ToLowerInvariant()).ToList();
        int IndexOf(string[] names) => columns.FindIndex(names.Contains);
        var (area, period, value) = (IndexOf(AreaNames), IndexOf(PeriodNames), IndexOf(ValueNames));
        if (area < 0 || period < 0 || value < 0)
        {
            throw new FormatException($"{unit} {header.Number}: the header must name the columns area;period;value, not '{(header.Text.Length > 80 ? header.Text[..80] + "…" : header.Text)}'.");
        }

        List<Row> rows = [];
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Fields;
            TableField? Field(int index) => index < fields.Count ? fields[index] with { Text = fields[index].Text.Trim() } : null;
            var given = Field(value);
            List<FieldProblem> problems = [];
            double? number = null;
            if (given is { Number: { } stored } && double.IsFinite(stored))
            {
                number = stored;
            }
            else if (string.IsNullOrEmpty(given?.Text))
            {
                problems.Add(ValueMissing);
            }
            else if (Danish.TryReadNumber(given.Value.Text, out var parsed, out var problem))
            {
                number = parsed;
            }
            else
            {
                problems.Add(new(ValueField, $"value '{given.Value.Text}' {problem.English}", $"{given.Value.Text} kan ikke læses som et tal. {problem.Danish}"));
            }

            // "766,2024,12,5" is 12 and a stray 5 to a reader that stops at the header's columns.
            if (fields.Skip(columns.Count).Any(f => !string.IsNullOrWhiteSpace(f.Text)))
            {
                problems.Add(new(
                    ValueField,
                    $"it has {fields.Count} fields where the header has {columns.Count}" + (separator == ',' ? "; in a comma-separated file a decimal comma needs quotes (\"12,5\")" : ""),
                    $"Rækken har {fields.Count} felter, men overskriften har {columns.Count}" + (separator == ',' ? "; i en fil med komma mellem felterne skal et decimaltal stå i anførselstegn (\"12,5\")." : ".")));
            }

            rows.Add(new Row(line.Number, Field(area)?.Text, Field(period)?.Text, given?.Text, number, $"{unit} {line.Number}", problems));
        }

        return rows;
    }

    /// <summary>
    /// The rows of an XLSX workbook's first sheet, as Excel saves it: text as shared or inline strings, numbers as
    /// numeric cells (an area code 766 or a year 2024 typed into a cell becomes a number too, and is read back as its
    /// digits), blank cells left out. Rows without any text are skipped, as blank lines of a CSV are.
    /// </summary>
    private static List<TableLine> XlsxLines(byte[] body)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(body, writable: false), isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or ArgumentException)
        {
            throw new FormatException("The file is not an XLSX workbook; save it from Excel as \"Excel-projektmappe (*.xlsx)\" or as CSV.");
        }

        using (document)
        {
            var workbook = document.WorkbookPart;
            var first = workbook?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || first?.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart sheet)
            {
                throw new FormatException("The workbook has no sheet.");
            }

            if (Unpacked(sheet) > MaxXlsxPartBytes || (workbook.SharedStringTablePart is { } sharedPart && Unpacked(sharedPart) > MaxXlsxPartBytes))
            {
                throw new FormatException($"The workbook unpacks to more than {MaxXlsxPartBytes / 1024 / 1024} MB; a sheet of figures is far smaller.");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            List<TableLine> lines = [];
            foreach (var row in sheet.Worksheet?.Descendants<SheetRow>() ?? [])
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)(lines.Count + 1));
                List<TableField> fields = [];
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : fields.Count;
                    while (fields.Count < column)
                    {
                        fields.Add(new TableField("", null));
                    }

                    fields.Add(CellField(cell, shared));
                }

                if (fields.Any(f => f.Text.Length > 0))
                {
                    lines.Add(new TableLine(number, string.Join(";", fields.Select(f => f.Text)), fields));
                }
            }

            return lines;
        }

        static long Unpacked(OpenXmlPart part)
        {
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            return stream.Length;
        }
    }

    private static TableField CellField(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return new TableField(int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : "", null);
        }

        if (type == CellValues.InlineString)
        {
            return new TableField(cell.InlineString?.InnerText ?? "", null);
        }

        if ((type is null || type == CellValues.Number) && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // 766 and 2024 read back as the digits typed; a figure keeps its number, whatever its display format.
            return new TableField(number.ToString("R", CultureInfo.InvariantCulture), number);
        }

        return new TableField(raw, null);
    }

    /// <summary>The zero-based column of a reference such as "C7".</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var letter in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(letter) - 'A' + 1);
        }

        return Math.Max(column - 1, 0);
    }
}
