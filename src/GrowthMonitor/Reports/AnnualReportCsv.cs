using System.Globalization;
using System.Text;
using GrowthMonitor.Core;

namespace GrowthMonitor.Reports;

/// <summary>
/// The report's key figures as CSV, one row per target, for pasting into the annual report's spreadsheet.
/// Invariant culture and comma separators, so every spreadsheet and script reads it the same way.
/// </summary>
public static class AnnualReportCsv
{
    private static readonly string[] Header =
    [
        "alliance", "year", "target", "title", "indicator", "kind", "direction", "status", "evaluated_period", "actual", "expected",
        "baseline", "gap", "progress", "projected_at_end", "reached_in", "year_from", "year_to", "year_change", "year_change_percent",
        "expected_year_change", "source", "goal", "goal_period", "pace_per_year", "pace_percent_per_year", "reason_code", "reason",
        "missing_period", "missing_areas", "source_table", "source_published", "source_latest_period", "source_lag_days",
        "focus_area", "owner", "indicator_source", "note_period", "note", "note_author", "note_at",
    ];

    public static string Write(AnnualReport report)
    {
        var csv = new StringBuilder();
        AppendRow(csv, Header);
        foreach (var target in report.Targets)
        {
            AppendRow(csv,
            [
                report.Alliance, Number(report.Year), target.Target.Id, target.Target.Title, target.Target.Indicator, Wire.Kind.Of(target.Target.Kind), Wire.Direction.Of(target.Target.Direction),
                Wire.Status.Of(target.Evaluation.Status), target.Evaluation.EvaluatedPeriod?.ToString(), Number(target.Evaluation.Actual), Number(target.Evaluation.Expected),
                Number(target.Evaluation.Baseline), Number(target.Evaluation.Gap), Number(target.Evaluation.Progress), Number(target.Evaluation.Projection?.ProjectedAtEnd),
                target.Evaluation.Projection?.ReachedIn?.ToString(), target.YearChange?.From.ToString(), target.YearChange?.To.ToString(),
                Number(target.YearChange?.Change), Number(target.YearChange?.PercentChange), Number(target.YearChange?.ExpectedChange),
                report.Source, Number(target.Evaluation.Pace?.Goal), target.Evaluation.Pace?.By.ToString(), Number(target.Evaluation.Pace?.PerYear),
                Number(target.Evaluation.Pace?.PercentPerYear), target.Evaluation.ReasonCode is { } code ? Wire.Reason.Of(code) : null, target.Evaluation.Reason,
                target.Evaluation.Missing?.Period.ToString(), target.Evaluation.Missing is { } missing ? string.Join(' ', missing.Areas) : null,
                target.Source?.Table, target.Source?.Published?.ToString("O", CultureInfo.InvariantCulture), target.Source?.LatestPeriod?.ToString(),
                Number(target.Source?.LagDays), target.Target.FocusArea, target.Target.Owner, target.Target.IndicatorSource,
                target.Note?.Period.ToString(), target.Note?.Text, target.Note?.Author, target.Note?.At.ToString("O", CultureInfo.InvariantCulture),
            ]);
        }

        return csv.ToString();
    }

    private static string? Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Number(int value) => value.ToString(CultureInfo.InvariantCulture);

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
