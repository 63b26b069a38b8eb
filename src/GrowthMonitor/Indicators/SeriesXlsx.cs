using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Indicators;

/// <summary>An indicator's figures as a Danish spreadsheet: area code (text) and name, period, value as a number.</summary>
public static class SeriesXlsx
{
    public static byte[] Write(SeriesResponse series, DataSource source)
    {
        var workbook = new XlsxWorkbook();
        var sheet = workbook.AddSheet("Tal", 12, 24, 10, 14)
            .Title(series.Title)
            .Row(series.Source)
            .Row("Tabel", source.Table)
            .Row("Tabel opdateret", XlsxCell.Of(source.Published is { } updated ? Danish.WallClock(updated) : null))
            .Blank()
            .Header("Områdekode", "Område", "Periode", series.Unit is { Length: > 0 } unit ? $"Antal {unit}" : "Værdi");
        foreach (var point in series.Points)
        {
            sheet.Row(point.Area, DanishAreas.NameOf(point.Area), point.Period.ToString(), XlsxCell.Of(point.Value));
        }

        return workbook.ToBytes();
    }
}
