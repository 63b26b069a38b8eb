using GrowthMonitor.Downloads;

namespace GrowthMonitor.Reports;

/// <summary>
/// The report's table of targets (<see cref="ReportColumn.Targets"/>) as CSV, one row per target, in a
/// <see cref="CsvDialect"/>: the column names, codes and ISO 8601 moments are the same in every dialect, so programs
/// read each column the same way; only the separator and the decimal mark follow the dialect.
/// </summary>
public static class AnnualReportCsv
{
    /// <summary>Computed figures (ratios, paces) are written with at most this many decimals: 0.8524, 516.6667.</summary>
    public const int Decimals = 4;

    public static byte[] Write(AnnualReport report, CsvDialect dialect) => Csv.Write(
        dialect,
        ReportColumn.Targets.Select(c => c.Name),
        report.Targets.Select(target => ReportColumn.Targets.Select(c => Cell(c.Value(report, target)))));

    /// <summary>Codes for programs, numbers as numbers, moments in ISO 8601.</summary>
    private static CsvCell Cell(ReportCell cell) => cell.Kind switch
    {
        ReportCellKind.Moment => CsvCell.Of(cell.Moment?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        ReportCellKind.Text or ReportCellKind.Coded => CsvCell.Of(cell.Text),
        _ => CsvCell.Of(cell.Number, Decimals),
    };
}
