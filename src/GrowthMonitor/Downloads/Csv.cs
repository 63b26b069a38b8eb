using System.Globalization;
using System.Text;
using GrowthMonitor.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Downloads;

/// <summary>
/// How a CSV download is written. <see cref="Danish"/>, the default, is what Danish Excel opens in columns and saves
/// again, and what the upload of figures entered by hand reads (ManualUpload): <c>;</c>-separated, decimal comma,
/// UTF-8 with BOM. <see cref="Rfc4180"/> is the comma/point CSV for programs. Both end lines with CRLF and write
/// numbers without thousands separators (<c>41900</c>, <c>12,5</c> or <c>12.5</c>), so no reader mistakes a group
/// separator for a decimal mark.
/// </summary>
public sealed record CsvDialect(string Name, char Separator, bool ByteOrderMark, CultureInfo Numbers)
{
    public static readonly CsvDialect Danish = new("danish", ';', ByteOrderMark: true, Presentation.Danish.Culture);

    public static readonly CsvDialect Rfc4180 = new("rfc4180", ',', ByteOrderMark: false, CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<CsvDialect> All = [Danish, Rfc4180];

    /// <summary>The dialect <c>?dialect=</c> names (<see cref="Danish"/> without one); null for a name that is none.</summary>
    public static CsvDialect? Choose(string? name) =>
        name is null ? Danish : All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ProblemHttpResult Unsupported() => Problems.BadRequest(
        "Invalid dialect",
        $"dialect must be {string.Join(" or ", All.Select(d => d.Name))}.",
        $"CSV-dialekten skal være {string.Join(" eller ", All.Select(d => d.Name))}.");
}

/// <summary>One CSV cell: text as it is, or a number written in the dialect's numbers with at most <see cref="MaxDecimals"/> decimals.</summary>
public readonly record struct CsvCell(string? Text, double? Number, int MaxDecimals)
{
    /// <summary>Every digit a stored figure has: a downloaded figure uploaded again is the same figure.</summary>
    public const int AllDecimals = 15;

    public static CsvCell Of(string? text) => new(text, null, 0);

    public static CsvCell Of(double? number, int maxDecimals = AllDecimals) => new(null, number, maxDecimals);
}

/// <summary>A line of a CSV file read by <see cref="Csv.Read"/>: its number in the file (the header is line 1), its text and its fields.</summary>
public sealed record CsvLine(int Number, string Text, IReadOnlyList<string> Fields);

/// <summary>
/// The service's one owner of CSV: the downloads are written here and the upload of figures entered by hand is read
/// here, so a downloaded file is read back as it was written.
/// </summary>
public static class Csv
{
    public static byte[] Write(CsvDialect dialect, IEnumerable<string> header, IEnumerable<IEnumerable<CsvCell>> rows)
    {
        var csv = new StringBuilder();
        AppendRow(csv, dialect, header.Select(CsvCell.Of));
        foreach (var row in rows)
        {
            AppendRow(csv, dialect, row);
        }

        var text = Encoding.UTF8.GetBytes(csv.ToString());
        return dialect.ByteOrderMark ? [.. Encoding.UTF8.Preamble, .. text] : text;
    }

    /// <summary>
    /// The lines of a CSV as Danish Excel saves it, or as a program writes it: UTF-8 with or without BOM, the
    /// separator of the header's dialect (<c>;</c> when the header has one, else <c>,</c>), quoted fields that may hold
    /// the separator and doubled quotes, CRLF or LF; blank lines are skipped. The first line is the header.
    /// </summary>
    /// <exception cref="FormatException">The file is not UTF-8.</exception>
    public static IReadOnlyList<CsvLine> Read(byte[] file)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException("The CSV is not UTF-8; save it from Excel as \"CSV UTF-8\".");
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var separator = SeparatorOf(lines[0]);
        return [.. lines
            .Select((line, index) => (line, index))
            .Where(l => l.index == 0 || !string.IsNullOrWhiteSpace(l.line))
            .Select(l => new CsvLine(l.index + 1, l.line, Fields(l.line, separator)))];
    }

    /// <summary>The separator of a file whose header is <paramref name="header"/>: Danish Excel's <c>;</c> when it has one, else <c>,</c>.</summary>
    public static char SeparatorOf(string header) =>
        header.Contains(CsvDialect.Danish.Separator, StringComparison.Ordinal) ? CsvDialect.Danish.Separator : CsvDialect.Rfc4180.Separator;

    private static void AppendRow(StringBuilder csv, CsvDialect dialect, IEnumerable<CsvCell> cells) =>
        csv.AppendJoin(dialect.Separator, cells.Select(cell => cell.Number is { } number
            ? Presentation.Danish.PlainNumber(number, cell.MaxDecimals, dialect.Numbers)
            : Quote(cell.Text, dialect.Separator))).Append("\r\n");

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never executes a cell.</summary>
    private static string Quote(string? cell, char separator)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        var safe = cell[0] is '=' or '+' or '@' or '-' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + cell : cell;
        return safe.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>The fields of one CSV line; a quoted field may hold the separator and doubled quotes.</summary>
    private static List<string> Fields(string line, char separator)
    {
        List<string> fields = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
