using GrowthMonitor.Downloads;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Reports;

/// <summary>
/// The annual report as a Danish spreadsheet: one sheet with a row per target (the columns of
/// <see cref="ReportColumn.Targets"/> under their Danish headers), one with each target's areas next to their region
/// and Denmark, one with each target's path. Figures are numeric cells, area codes text next to their names, status
/// words those of the HTML report; each sheet names the source, and the targets sheet counts the targets by status.
/// </summary>
public static class AnnualReportXlsx
{
    public static byte[] Write(AnnualReport report)
    {
        var workbook = new XlsxWorkbook();
        var generated = $"Dannet {Danish.Timestamp(report.GeneratedAt).Text}";

        var columns = ReportColumn.Targets.Where(c => c.InSpreadsheet).ToList();
        var targets = workbook.AddSheet("Mål", [.. columns.Select(c => c.Width)])
            .Title(report.Title)
            .Row(report.Source)
            .Row(generated)
            .Blank();
        foreach (var count in report.StatusCounts)
        {
            targets.Row(Danish.StatusWord(count.Status), XlsxCell.Of(count.Count));
        }

        targets.Blank().Header([.. columns.Select(c => c.Header)]);
        foreach (var target in report.Targets)
        {
            targets.Row([.. columns.Select(c => Cell(c.Value(report, target)))]);
        }

        var areas = workbook.AddSheet("Områder", 44, 12, 24, 14, 10, 10, 12, 12, 12, 12)
            .Title($"Årets udvikling i områderne, {report.Year}")
            .Row(report.Source)
            .Blank()
            .Header("Mål", "Områdekode", "Område", "Niveau", "Fra", "Til", "Værdi fra", "Værdi til", "Ændring", "Ændring i pct.");
        foreach (var target in report.Targets)
        {
            foreach (var area in target.Comparison)
            {
                areas.Row(
                    target.Target.Title, area.Area, area.Name, Danish.LevelWord(area.Level), area.From?.ToString(), area.To?.ToString(),
                    XlsxCell.Of(area.FromValue), XlsxCell.Of(area.ToValue), XlsxCell.Of(area.Change), XlsxCell.Percentage(area.PercentChange));
            }
        }

        var paths = workbook.AddSheet("Forløb", 44, 10, 12, 12)
            .Title("Faktisk og forventet udvikling fra udgangspunktet til slutåret")
            .Row(report.Source)
            .Blank()
            .Header("Mål", "Periode", "Faktisk", "Forventet");
        foreach (var target in report.Targets)
        {
            foreach (var point in target.Chart)
            {
                paths.Row(target.Target.Title, point.Period.ToString(), XlsxCell.Of(point.Actual), XlsxCell.Of(point.Expected));
            }
        }

        return workbook.ToBytes();
    }

    private static XlsxCell Cell(ReportCell cell) => cell.Kind switch
    {
        ReportCellKind.Number => XlsxCell.Of(cell.Number),
        ReportCellKind.Ratio => XlsxCell.Ratio(cell.Number),
        ReportCellKind.Percent => XlsxCell.Percentage(cell.Number),
        ReportCellKind.Moment => XlsxCell.Of(cell.Moment is { } moment ? Danish.WallClock(moment) : null),
        ReportCellKind.Coded => XlsxCell.Of(cell.Word),
        _ => XlsxCell.Of(cell.Text),
    };
}
