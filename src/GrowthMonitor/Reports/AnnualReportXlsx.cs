using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Reports.Html;

namespace GrowthMonitor.Reports;

/// <summary>
/// The annual report as a Danish spreadsheet: one sheet with a row per target, one with each target's areas next to
/// their region and Denmark, one with each target's path. Figures are numeric cells, area codes text next to their
/// names, status words those of the HTML report; each sheet names the source, and the targets sheet counts the
/// targets by status and gives, per target, the pace its goal needs, why it has no verdict, the table each figure comes
/// from, when Statistics Denmark last published it and how long after the period's end.
/// </summary>
public static class AnnualReportXlsx
{
    public static byte[] Write(AnnualReport report)
    {
        var workbook = new XlsxWorkbook();
        var generated = $"Dannet {Danish.Timestamp(report.GeneratedAt).Text}";

        var targets = workbook.AddSheet("Mål", 44, 28, 14, 30, 12, 10, 12, 12, 13, 12, 11, 14, 11, 13, 14, 10, 17, 12, 12, 13, 12, 14, 14, 60, 24, 20, 60, 20)
            .Title(Danish.ReportTitle(report))
            .Row(report.Source)
            .Row(generated)
            .Blank();
        foreach (var count in report.StatusCounts)
        {
            targets.Row(Danish.StatusWord(count.Status), XlsxCell.Of(count.Count));
        }

        targets.Blank()
            .Header("Mål", "Indikator", "Enhed", "Områder", "Status", "Periode", "Faktisk", "Forventet", "Udgangspunkt", "Afvigelse",
                "Fremdrift", "Fremskrevet til slutår", "Målet nås", "Årets ændring", "Forventet ændring", "Kildetabel", "Tabel opdateret",
                "Tabellens seneste periode", "Dage fra periodens udgang til offentliggørelse", "Mål i slutåret", "Slutperiode",
                "Nødvendig ændring pr. år", "Nødvendig ændring pr. år i pct.", "Årsag", "Indsatsområde", "Ansvarlig", "Opfølgning", "Opfølgning skrevet af");
        foreach (var (target, evaluation, year, source, note) in report.Targets.Select(t => (t.Target, t.Evaluation, t.YearChange, t.Source, t.Note)))
        {
            targets.Row(
                target.Title,
                target.IndicatorTitle,
                target.Unit,
                string.Join(", ", target.Areas.Select(code => $"{code} {DanishAreas.NameOf(code)}")),
                Danish.StatusWord(evaluation.Status),
                evaluation.EvaluatedPeriod?.ToString(),
                XlsxCell.Of(evaluation.Actual),
                XlsxCell.Of(evaluation.Expected),
                XlsxCell.Of(evaluation.Baseline),
                XlsxCell.Of(evaluation.Gap),
                XlsxCell.Ratio(evaluation.Progress),
                XlsxCell.Of(evaluation.Projection?.ProjectedAtEnd),
                evaluation.Projection?.ReachedIn?.ToString(),
                XlsxCell.Of(year?.Change),
                XlsxCell.Of(year?.ExpectedChange),
                source?.Table,
                XlsxCell.Of(source?.Published is { } published ? Danish.WallClock(published) : null),
                source?.LatestPeriod?.ToString(),
                XlsxCell.Of(source?.LagDays is { } lag ? Math.Round(lag) : null),
                XlsxCell.Of(evaluation.Pace?.Goal),
                evaluation.Pace?.By.ToString(),
                XlsxCell.Of(evaluation.Pace?.PerYear),
                XlsxCell.Percentage(evaluation.Pace?.PercentPerYear),
                Danish.Reason(evaluation, target.BaselinePeriod.Year) ?? evaluation.Reason,
                target.FocusArea,
                target.Owner,
                note?.Text,
                note?.Author);
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
}
