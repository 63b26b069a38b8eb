using System.Globalization;
using System.Text;

namespace GrowthMonitor.Reports;

/// <summary>
/// The report's table of targets (<see cref="ReportColumn.Targets"/>) as CSV, one row per target, for programs and
/// scripts: invariant culture and comma separators, so every one of them reads it the same way.
/// </summary>
public static class AnnualReportCsv
{
    public static string Write(AnnualReport report)
    {
        var csv = new StringBuilder();
        AppendRow(csv, ReportColumn.Targets.Select(c => c.Name));
        foreach (var target in report.Targets)
        {
            AppendRow(csv, ReportColumn.Targets.Select(c => ReportColumn.CsvText(c.Value(report, target))));
        }

        return csv.ToString();
    }

    private static void AppendRow(StringBuilder csv, IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
    }

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never executes a cell.</summary>
    private static string Quote(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        var safe = cell[0] is '=' or '+' or '@' or '-' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + cell : cell;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
