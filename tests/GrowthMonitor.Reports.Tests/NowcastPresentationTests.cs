using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Home;
using GrowthMonitor.Nowcasts;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The early estimate as readers see it: in the annual report (HTML, JSON, CSV, XLSX) and on the front page, always
/// worded as an estimate; and the page on how it is made with the method's record on a small data set worked out by hand.
/// "\u00A0" is the no-break space between a number and its % sign.
/// </summary>
public sealed partial class NowcastPresentationTests
{
    /// <summary>
    /// <see cref="SampleReports.WithNowcast"/>: 48.700 job, band 47.482,5–49.917,5 shown as whole jobs (47.483–49.918),
    /// from wage earners in 2025K3; the ends are judged Bagud and På sporet, so it is too close to call.
    /// </summary>
    private const string Wording =
        "Foreløbigt skøn for 2025: 48.700 job (80\u00A0%-interval 47.483–49.918), bygger på lønmodtagere efter bopælskommune 3. kvartal 2025. " +
        "Skønnets status: På sporet – men det er for tæt på til at sige: Bagud ved intervallets nedre grænse, På sporet ved den øvre. " +
        "Sådan laves skønnet, og så godt har det ramt.";

    [Fact]
    public async Task ReportHtml_TargetWithAnEstimateOfTheYear_WordedAsAnEstimateWithItsBandStatusAndLink()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.WithNowcast()));

        var section = page.QuerySelector("section.target")!;
        Assert.Contains("Foreløbigt skøn for 2025", section.QuerySelectorAll("h3").Select(h => h.TextContent));
        var estimate = Assert.Single(section.QuerySelectorAll("p.nowcast"));
        Assert.Equal(Wording, Text(estimate));
        Assert.Equal("status status-on_track", estimate.QuerySelector(".status")!.ClassName);
        Assert.Equal("/skoen", estimate.QuerySelector("a")!.GetAttribute("href"));
        // The overview says the status stands on the published figures alone.
        Assert.Contains("For ét af målene har Danmarks Statistik endnu ikke offentliggjort tallet for 2025.", Text(page.QuerySelector("#oversigt")!.ParentElement!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportHtml_NoBandAndEndsAgreeing_SaysWhyThereIsNoBandAndNothingAboutTooClose()
    {
        // 19 past errors, one short of the 20 a band needs.
        var report = SampleReports.WithNowcast();
        report = report with { Targets = [report.Targets[0] with { Nowcast = SampleReports.Nowcast2025 with { Low = null, High = null, StatusLow = null, StatusHigh = null, PastErrors = 19 } }] };

        var estimate = Assert.Single(Parse(await AnnualReportHtml.RenderAsync(report)).QuerySelectorAll("p.nowcast"));

        Assert.Equal(
            "Foreløbigt skøn for 2025: 48.700 job (uden interval: for få tidligere skøn), bygger på lønmodtagere efter bopælskommune 3. kvartal 2025. " +
            "Skønnets status: På sporet. Sådan laves skønnet, og så godt har det ramt.",
            Text(estimate));
    }

    [Fact]
    public async Task ReportHtml_NoEstimate_NoEstimateSection()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));

        Assert.Empty(page.QuerySelectorAll("p.nowcast"));
        Assert.DoesNotContain("skøn", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReportJson_Estimate_AsTheApiNamesItsFields()
    {
        var json = JsonSerializer.SerializeToElement(SampleReports.WithNowcast(), new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var target = json.GetProperty("targets")[0];
        var nowcast = target.GetProperty("nowcast");
        Assert.Equal((48_700d, 47_482.5, 49_917.5), (nowcast.GetProperty("value").GetDouble(), nowcast.GetProperty("low").GetDouble(), nowcast.GetProperty("high").GetDouble()));
        Assert.Equal(("wage-earners", 318), (nowcast.GetProperty("basedOn").GetProperty("indicator").GetString(), nowcast.GetProperty("pastErrors").GetInt32()));
        Assert.True(nowcast.GetProperty("tooCloseToCall").GetBoolean());
        Assert.Equal("Lønmodtagere efter bopælskommune", target.GetProperty("nowcastIndicatorTitle").GetString());
        Assert.False(JsonSerializer.SerializeToElement(SampleReports.Horsens(), new JsonSerializerOptions(JsonSerializerDefaults.Web)).GetProperty("targets")[0].TryGetProperty("nowcast", out _));
    }

    [Fact]
    public void ReportCsv_EstimateColumns_CodesAndNumbersForPrograms()
    {
        var text = System.Text.Encoding.UTF8.GetString(AnnualReportCsv.Write(SampleReports.WithNowcast(), CsvDialect.Danish)).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var row = lines[1].Split(';');
        string Cell(string name) => row[Array.IndexOf(header, name)];

        Assert.Equal(
            ["2025", "48700", "47482,5", "49917,5", "on_track", "off_track", "on_track", "true", "wage-earners", "2025K3", "318"],
            new[] { "nowcast_period", "nowcast_value", "nowcast_low", "nowcast_high", "nowcast_status", "nowcast_status_low", "nowcast_status_high", "nowcast_too_close_to_call", "nowcast_based_on", "nowcast_based_on_period", "nowcast_past_errors" }.Select(Cell));
        Assert.Equal("Foreløbigt skøn for 2025: 48.700 job (80\u00A0%-interval 47.483–49.918), bygger på lønmodtagere efter bopælskommune 3. kvartal 2025", Cell("nowcast"));
    }

    [Fact]
    public void ReportXlsx_EstimateColumns_DanishHeadersWordsAndNumbers()
    {
        var rows = SheetRows(AnnualReportXlsx.Write(SampleReports.WithNowcast()), "Mål");
        var header = rows.First(r => r.ContainsValue("Foreløbigt skøn"));
        var target = rows[rows.IndexOf(header) + 1];
        string Cell(string name) => target[header.Single(c => c.Value == name).Key];

        Assert.Equal(
            ["2025", "48700", "47482.5", "49917.5", "På sporet", "Bagud", "På sporet", "Ja", "Lønmodtagere efter bopælskommune", "2025K3", "318"],
            new[] { "Foreløbigt skøn for", "Foreløbigt skøn", "Skønnets nedre grænse (80 %)", "Skønnets øvre grænse (80 %)", "Skønnets status", "Status ved nedre grænse", "Status ved øvre grænse", "For tæt på til at sige", "Skønnet bygger på", "Skønnet bygger på periode", "Tidligere skøn bag intervallet" }.Select(Cell));
    }

    [Fact]
    public async Task FrontPage_TargetWithAnEstimate_ColumnWithTheWording()
    {
        var jobs = SampleReports.Target();
        var page = new FrontPage(SampleReports.GeneratedAt, SampleReports.GeneratedAt, [
            new FrontPageAlliance("horsens", "Vækstalliancen Horsens", ["615"], [new TargetSummary(jobs.Target, jobs.Evaluation, SampleReports.GeneratedAt)], [2025])
            {
                Nowcasts = new Dictionary<string, FrontPageNowcast> { ["horsens-jobs"] = new(SampleReports.Nowcast2025, "Lønmodtagere efter bopælskommune") },
            },
        ], [], null);

        var html = Parse(await FrontPageView.RenderAsync(page));

        var table = html.QuerySelector("table")!;
        Assert.Equal("Foreløbigt skøn", table.QuerySelectorAll("thead th").Last().TextContent);
        Assert.Equal(Wording, Text(table.QuerySelectorAll("tbody td").Last()));
        Assert.Contains(html.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/skoen");
    }

    [Fact]
    public async Task ExplanationPage_SmallDataSet_AccuracyTableWorkedOutByHand()
    {
        var page = Parse(await NowcastPageView.RenderAsync(SmallRecord()));

        Assert.Equal("Sådan laves de foreløbige skøn", page.Title);
        Assert.Equal(["Sådan regnes skønnet", "Intervallet: hvor meget skønnet plejer at ramme ved siden af", "Skønnets status", "Det kan skønnet ikke", "Sådan har skønnet ramt"],
            page.QuerySelectorAll("h2").Select(h => h.TextContent));
        var table = page.QuerySelector("table")!;
        // 2021: 100 × 55 / 50 = 110 against 110 (0); 2022: 110 × 60 / 55 = 120 against 121 (1, 1/121 = 0,826 %). Mean 0,5
        // job and 0,413 %. No change: 100 and 110 against 110 and 121: 10 and 11 (9,09 % both), mean 10,5 job. Last year's
        // change repeated only for 2022 (2019 is missing): 2 × 110 − 100 = 120 against 121: 1 job, 0,826 %. No band: two
        // past errors at most, fewer than 20.
        Assert.Equal(
            [["1. kvartal", "2", "0,5 job", "0,4\u00A0%", "0", "–", "10,5 job", "9,1\u00A0%", "1 job", "0,8\u00A0%"]],
            Rows(table));
        Assert.Contains(
            "Med tal for 1. kvartal har skønnet i gennemsnit ramt 0,4\u00A0% ved siden af, mod 9,1\u00A0% for \"ingen ændring\" og 0,8\u00A0% for \"sidste års ændring gentaget\".",
            Text(page.QuerySelector("main")!), StringComparison.Ordinal);
        Assert.Contains("Alle 1 område", Text(page.QuerySelector("main")!), StringComparison.Ordinal);
    }

    /// <summary>One area: jobs 100, 110, 121 in 2020–2022, wage earners 50, 55, 60 in the first quarters.</summary>
    internal static NowcastPage SmallRecord()
    {
        var annual = new Series(Frequency.Year, [new(Period.Parse("2020"), 100), new(Period.Parse("2021"), 110), new(Period.Parse("2022"), 121)]);
        var leading = new Series(Frequency.Quarter, [new(Period.Parse("2020K1"), 50), new(Period.Parse("2021K1"), 55), new(Period.Parse("2022K1"), 60)]);
        var areas = NowcastArea.Shared(new Dictionary<string, Series> { ["615"] = annual }, new Dictionary<string, Series> { ["615"] = leading });
        return new NowcastPage(SampleReports.GeneratedAt, [
            new NowcastPairing("jobs", "Job på arbejdssteder", "job", IndicatorSources.StatBank, "wage-earners", "Lønmodtagere efter bopælskommune", areas.Count, NowcastAccuracy.Of(areas)),
        ]);
    }

    /// <summary>Each row of a sheet by column letter: shared strings resolved, numbers as written (invariant).</summary>
    private static List<Dictionary<string, string>> SheetRows(byte[] workbook, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), isEditable: false);
        var part = document.WorkbookPart!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        return [.. ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().ToDictionary(
            cell => new string([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]),
            cell => cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                : cell.DataType?.Value == CellValues.InlineString || cell.DataType?.Value == CellValues.String ? cell.InnerText
                : cell.CellValue?.Text ?? ""))];
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static string Text(IElement element) => Spaces().Replace(element.TextContent, " ").Trim();

    /// <summary>Each body row's cells as seen: a missing figure is its visible dash.</summary>
    private static string[][] Rows(IElement table) =>
    [
        .. table.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell =>
        {
            var copy = (IElement)cell.Clone();
            foreach (var hidden in copy.QuerySelectorAll(".sr-only"))
            {
                hidden.Remove();
            }

            return Text(copy);
        }).ToArray()),
    ];

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();
}
