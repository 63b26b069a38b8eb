using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GrowthMonitor.Core;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The rendered page, parsed with an HTML5 parser as a browser would parse it. Expected figures are worked out by hand
/// in the comments; "\u00A0" is the no-break space the report puts between a number and its % sign.
/// </summary>
public sealed partial class AnnualReportHtmlTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";

    [Fact]
    public void Culture_DaDk_FormatsNumbersTheDanishWay()
    {
        // The report names da-DK explicitly; this fails first, and clearly, on a host running with InvariantGlobalization.
        var danish = CultureInfo.GetCultureInfo("da-DK");

        Assert.Equal(("61.710", "0,5", "juli"), (61710.ToString("#,##0", danish), 0.5.ToString("0.0", danish), danish.DateTimeFormat.MonthNames[6]));
    }

    [Fact]
    public async Task Render_Page_IsDanishHtml5WithOneHeadingOneAndOneSectionPerTarget()
    {
        var html = await AnnualReportHtml.RenderAsync(SampleReports.Horsens());
        var page = Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal("da", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Årsrapport 2024: Vækstalliancen Horsens", page.Title);
        Assert.Equal("Årsrapport 2024: Vækstalliancen Horsens", Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        Assert.Equal(
            ["Oversigt", "500 flere job om året i Horsens Kommune", "Jobvækst i Horsens mindst 0,5 procentpoint over landsgennemsnittet"],
            page.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.All(page.QuerySelectorAll("section.target"), section =>
        {
            Assert.Equal("H2", section.FirstElementChild!.TagName);
            Assert.Empty(section.QuerySelectorAll("h1, h4, h5, h6"));
        });
    }

    [Fact]
    public async Task Render_Overview_OneRowPerTargetWithStatusWordAndDanishFigures()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));
        var table = TableCaptioned(page, "Status for alle mål ved udgangen af 2024");

        Assert.Equal(["Mål", "Status", "Seneste periode", "Faktisk", "Forventet", "Fremdrift"], Headers(table));
        Assert.Equal(
        [
            ["500 flere job om året i Horsens Kommune", "I risiko", "2024", "47.720 job", "47.850 job", "87\u00A0%"],
            ["Jobvækst i Horsens mindst 0,5 procentpoint over landsgennemsnittet", "På sporet", "2024", "47.720 job", "47.697 job", "103\u00A0%"],
        ], Rows(table));

        var link = table.QuerySelector("tbody a")!;
        Assert.Equal("#maal-1", link.GetAttribute("href"));
        Assert.Equal("500 flere job om året i Horsens Kommune", page.GetElementById("maal-1")!.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task Render_Target_SummarisesInPlainDanish()
    {
        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens())).GetElementById("maal-1")!);

        // Progress (47.720 − 46.850) / (47.850 − 46.850) = 0,87; the year 47.230 → 47.720 is +490, 490 / 47.230 = +1,04 %.
        Assert.Contains("Målet er en stigning på 500 job om året fra basisåret 2022 til 2030.", text, StringComparison.Ordinal);
        Assert.Contains("Horsens Kommune havde 47.720 job i 2024 mod forventet 47.850. Målet er i risiko (fremdrift 87\u00A0%).", text, StringComparison.Ordinal);
        Assert.Contains("Fra 2023 til 2024 steg tallet med 490 job (+1,0\u00A0%). Målet forudsatte en stigning på 500 job.", text, StringComparison.Ordinal);
        Assert.Contains("Med den nuværende udvikling (+430 job om året) forventes 50.310 job i 2030; målet nås først i 2032, efter slutåret 2030.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RelativeTarget_NamesTheBenchmark()
    {
        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens())).GetElementById("maal-2")!);

        Assert.Contains("Målet er, at tallet hvert år vokser 0,5 procentpoint mere end i hele landet, fra basisåret 2022 til 2030.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(61_710, "61.710 job")]
    [InlineData(1_234_567.4, "1.234.567 job")]
    [InlineData(100.5, "101 job")]
    [InlineData(2.35, "2,4 job")]
    [InlineData(-1_250, "-1.250 job")]
    [InlineData(-0.04, "0 job")]
    public async Task Render_Actual_DanishThousandsAndDecimalSeparators(double actual, string expected)
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.Target().Revise(evaluation: e => e with { Actual = actual }))));

        Assert.Equal(expected, Rows(TableCaptioned(page, "Status for alle mål ved udgangen af 2024"))[0][3]);
    }

    [Theory]
    [InlineData(0.85, "85\u00A0%")]
    [InlineData(1.0, "100\u00A0%")]
    [InlineData(0.004, "0\u00A0%")]
    [InlineData(-0.4, "-40\u00A0%")]
    [InlineData(12.345, "1.235\u00A0%")]
    public async Task Render_Progress_WholePercent(double progress, string expected)
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.Target().Revise(evaluation: e => e with { Progress = progress }))));

        Assert.Equal(expected, Rows(TableCaptioned(page, "Status for alle mål ved udgangen af 2024"))[0][5]);
    }

    [Theory]
    [InlineData("2024", "2024")]
    [InlineData("2024H1", "1. halvår 2024")]
    [InlineData("2024K3", "3. kvt. 2024")]
    [InlineData("2024M07", "juli 2024")]
    [InlineData("2024M12", "december 2024")]
    public async Task Render_Period_DanishWords(string code, string expected)
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.Target().Revise(evaluation: e => e with { EvaluatedPeriod = Period.Parse(code) }))));

        Assert.Equal(expected, Rows(TableCaptioned(page, "Status for alle mål ved udgangen af 2024"))[0][2]);
        Assert.Contains($"havde 48.100 job i {expected} mod", Text(page.GetElementById("maal-1")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TargetStatus.OnTrack, "På sporet", "Målet er på sporet")]
    [InlineData(TargetStatus.AtRisk, "I risiko", "Målet er i risiko")]
    [InlineData(TargetStatus.OffTrack, "Bagud", "Målet er bagud")]
    [InlineData(TargetStatus.NoData, "Ingen data", "Målet kan ikke vurderes")]
    public async Task Render_Status_WordInEveryBadgeAndSentence(TargetStatus status, string word, string sentence)
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.Target().Revise(evaluation: e => e with { Status = status }))));

        // The overview's row and the target's section; the counts at the top list every status.
        var badges = page.QuerySelectorAll("span.status").Where(b => b.Closest("ul.status-counts") is null).ToList();
        Assert.Equal(2, badges.Count);
        Assert.All(badges, badge =>
        {
            Assert.Equal(word, badge.TextContent);
            Assert.Contains("status-" + Wire.Status.Of(status), badge.ClassList);
        });
        Assert.Contains(sentence, Text(page.GetElementById("maal-1")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_HostileModelText_IsEncodedAndInert()
    {
        var target = SampleReports.Target().Revise(
            info: i => i with
            {
                Title = Hostile,
                IndicatorTitle = Hostile,
                Unit = Hostile,
            },
            evaluation: e => e with
            {
                Reason = Hostile,
            }) with
        {
            Comparison = [new AreaComparison("615", Hostile, AreaLevel.Municipality, null, null, null, null, null, null)],
        };
        var report = SampleReports.With(target) with { AllianceName = Hostile, Areas = [new ReportArea("615", Hostile, AreaLevel.Municipality)] };

        var html = await AnnualReportHtml.RenderAsync(report);
        var page = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.QuerySelectorAll("script, img, [onerror]"));
        Assert.Equal(Hostile, page.QuerySelector("#maal-1 h2")!.TextContent);
        Assert.Equal($"Årsrapport 2024: {Hostile}", page.Title);
        Assert.Contains(Hostile, page.QuerySelector("svg title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Hostile, page.QuerySelector("svg .unit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Hostile, page.QuerySelector("span[lang=en]")!.TextContent);
    }

    [Fact]
    public async Task Render_Chart_IsLabelledImageWithDashedExpectedPath()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));
        var svg = page.QuerySelector("#maal-1 svg")!;

        Assert.Equal("img", svg.GetAttribute("role"));
        var title = page.GetElementById(svg.GetAttribute("aria-labelledby")!)!;
        Assert.Equal("title", title.LocalName);
        Assert.Equal("Job på arbejdssteder: faktisk og forventet udvikling 2022–2030", title.TextContent);
        Assert.Equal(
            "Linjediagram. Faktisk: fra 46.850 job i 2022 til 47.720 job i 2024. " +
            "Forventet forløb: fra 46.850 job i 2022 til 50.850 job i 2030. Alle tal står i tabellen under diagrammet.",
            page.GetElementById(svg.GetAttribute("aria-describedby")!)!.TextContent);

        // The expected line is told apart by its dashes (in the stylesheet) and by name, not by colour alone.
        Assert.Single(svg.QuerySelectorAll("path.expected"));
        Assert.Contains(".chart .expected {", page.QuerySelector("style")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", Regex.Match(page.QuerySelector("style")!.TextContent, @"\.chart \.expected \{[^}]*\}").Value, StringComparison.Ordinal);
        Assert.Equal(["Faktisk", "Forventet (mål)", "Faktisk", "Forventet"], svg.QuerySelectorAll(".legend text, .end-labels text").Select(t => t.TextContent));

        // Axes carry tick labels: the years along x, Danish numbers along y.
        Assert.Equal(["2022", "2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030"], svg.QuerySelectorAll(".x-axis text").Select(t => t.TextContent));
        Assert.Contains("48.000", svg.QuerySelectorAll(".y-axis text").Select(t => t.TextContent));
    }

    [Fact]
    public async Task Render_ChartDataTable_FollowsChartWithEveryPoint()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));
        var figure = page.QuerySelector("#maal-1 figure")!;
        var table = figure.NextElementSibling!.QuerySelector("table")!;

        Assert.StartsWith("Tal bag diagrammet:", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Periode", "Faktisk", "Forventet"], Headers(table));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(table.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));

        // 46.850 + 500 a year; actual figures up to 2024, then no figure (read out as "intet tal").
        Assert.Equal(
        [
            ["2022", "46.850", "46.850"], ["2023", "47.230", "47.350"], ["2024", "47.720", "47.850"],
            ["2025", "intet tal", "48.350"], ["2026", "intet tal", "48.850"], ["2027", "intet tal", "49.350"],
            ["2028", "intet tal", "49.850"], ["2029", "intet tal", "50.350"], ["2030", "intet tal", "50.850"],
        ], Rows(table, spoken: true));
    }

    [Fact]
    public async Task Render_Comparison_MunicipalityRegionAndDenmark()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));
        var table = page.QuerySelector("#maal-1-sammenligning")!.ParentElement!;

        Assert.Equal(["Område", "Niveau", "Fra", "Til", "Ændring", "Ændring i %"], Headers(table));

        // 490 / 47.230 = 1,04 %; 4.600 / 652.300 = 0,71 %; 12.400 / 3.009.400 = 0,41 %.
        Assert.Equal(
        [
            ["Horsens", "Kommune", "47.230 (2023)", "47.720 (2024)", "+490", "+1,0\u00A0%"],
            ["Region Midtjylland", "Region", "652.300 (2023)", "656.900 (2024)", "+4.600", "+0,7\u00A0%"],
            ["Hele landet", "Hele landet", "3.009.400 (2023)", "3.021.800 (2024)", "+12.400", "+0,4\u00A0%"],
        ], Rows(table));
    }

    [Theory]
    [InlineData(ReasonCode.NoComparableObservation, "Årsag: Der er ingen tal efter basisåret 2022, som kan sammenlignes med samme tid af basisåret.")]
    [InlineData(ReasonCode.NoBenchmarkGrowth, "Årsag: Sammenligningsområdet har ingen tal efter basisåret, så den forventede vækst kan ikke beregnes.")]
    [InlineData(ReasonCode.Stale, "Årsag: Tallene er forældede: de seneste er fra 2024, og nyere tal skulle være kommet.")]
    public async Task Render_NoDataReason_InDanish(ReasonCode code, string expected)
    {
        var target = SampleReports.Target().Revise(evaluation: e => e with { Status = TargetStatus.NoData, Reason = "English text", ReasonCode = code });

        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(target))).GetElementById("maal-1")!);

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("English text", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoDataTarget_SaysSoAndWhy()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.NoDataTarget())));
        var section = page.GetElementById("maal-1")!;
        var text = Text(section);

        Assert.Contains("Der er ingen tal at vurdere målet på, så målet kan ikke vurderes. Årsag: Der er endnu ingen tal for indikatoren.", text, StringComparison.Ordinal);
        Assert.Null(section.QuerySelector("span[lang]")); // the reason is known, so it is said in Danish
        Assert.Equal("Ingen data", section.QuerySelector(".status")!.TextContent);
        Assert.Contains("Årets ændring kan ikke opgøres: der mangler tal for 2024 eller for samme periode året før.", text, StringComparison.Ordinal);
        Assert.Contains("Der er ingen fremskrivning, fordi målet ikke kan vurderes.", text, StringComparison.Ordinal);
        Assert.Contains("Der er ingen tal at vise i et diagram.", text, StringComparison.Ordinal);
        Assert.Contains("Der er ingen sammenligning for dette mål.", text, StringComparison.Ordinal);
        Assert.Empty(section.QuerySelectorAll("svg"));
        Assert.Equal(["intet tal", "intet tal", "intet tal", "intet tal"],
            Rows(TableCaptioned(page, "Status for alle mål ved udgangen af 2024"), spoken: true)[0][2..]);
    }

    [Theory]
    [InlineData("2029", "målet nås i 2029.")]
    [InlineData("2024", "målet nås i 2024.")]
    [InlineData(null, "målet nås ikke inden 2080.")]
    public async Task Render_Projection_SaysWhenTheGoalIsReached(string? reachedIn, string expected)
    {
        var target = SampleReports.Target().Revise(
            evaluation: e => e with
            {
                Projection = new Projection(51_200, Period.Parse("2030"), reachedIn is null ? null : Period.Parse(reachedIn), Slope: -12.5, SearchUntilYear: 2080),
            });

        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(target))).GetElementById("maal-1")!);

        Assert.Contains($"Med den nuværende udvikling (-12,5 job om året) forventes 51.200 job i 2030; {expected}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_QuarterlyProjection_IsForTheLikeQuarterOfTheEndYear()
    {
        var target = SampleReports.Target().Revise(
            evaluation: e => e with
            {
                EvaluatedPeriod = Period.Parse("2024K3"),
                Projection = new Projection(3_100, Period.Parse("2030K3"), Period.Parse("2027K3"), Slope: -80, SearchUntilYear: 2080),
            });

        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(target))).GetElementById("maal-1")!);

        Assert.Contains("forventes 3.100 job i 3. kvt. 2030; målet nås i 3. kvt. 2027.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Page_HasNoExternalResourcesOrScripts()
    {
        var html = await AnnualReportHtml.RenderAsync(SampleReports.Horsens());
        var page = Parse(html);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.QuerySelectorAll("script, link, img, iframe, object, embed, [src], [srcset]"));
        // Links stay in the page or on the service that served it: the front page and the report's own downloads.
        Assert.All(page.QuerySelectorAll("[href]"), a => Assert.Matches("^(#|/(?!/))", a.GetAttribute("href")));
        Assert.DoesNotContain("url(", page.QuerySelector("style")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", page.QuerySelector("style")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Render_Page_IdsAreUniqueAndEveryReferenceResolves()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));

        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var references = page.QuerySelectorAll("[aria-labelledby], [aria-describedby]")
            .SelectMany(e => $"{e.GetAttribute("aria-labelledby")} {e.GetAttribute("aria-describedby")}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Concat(page.QuerySelectorAll("a[href^='#']").Select(a => a.GetAttribute("href")![1..]));
        Assert.All(references, id => Assert.Contains(id, ids));
    }

    [Fact]
    public async Task Render_Footer_SourceAndCopenhagenTime()
    {
        var winter = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens()));
        var summer = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens() with { GeneratedAt = new DateTimeOffset(2025, 6, 15, 8, 5, 0, TimeSpan.Zero) }));

        Assert.Equal("Kilde: Danmarks Statistik. Rapporten er dannet 1. december 2025 kl. 10.30.", Text(winter.QuerySelector("footer")!));
        Assert.Equal("2025-12-01T10:30:00+01:00", winter.QuerySelector("footer time")!.GetAttribute("datetime"));
        Assert.Equal("15. juni 2025 kl. 10.05", summer.QuerySelector("footer time")!.TextContent);
        Assert.Equal("2025-06-15T10:05:00+02:00", summer.QuerySelector("footer time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Render_SinglePoint_DrawsAMarkerAndOneRow()
    {
        var target = SampleReports.Target() with { Chart = [new ChartPoint(Period.Parse("2024"), 48_100, null)] };

        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(target)));

        var svg = page.QuerySelector("#maal-1 svg")!;
        Assert.Single(svg.QuerySelectorAll(".series-actual circle.marker-actual"));
        Assert.Empty(svg.QuerySelectorAll("path"));
        Assert.Equal([["2024", "48.100", "intet tal"]], Rows(page.QuerySelector("#maal-1-data")!.ParentElement!, spoken: true));
    }

    [Fact]
    public async Task Render_NegativeFlatAndMissingFigures_DrawsWithoutNaN()
    {
        var target = SampleReports.Target().Revise(
            info: i => i with
            {
                Unit = null,
            }) with
        {
            Chart =
            [
                new(Period.Parse("2024M01"), -2.5, -2.5), new(Period.Parse("2024M02"), null, -2.5), new(Period.Parse("2024M03"), -2.5, null),
                new(Period.Parse("2024M04"), null, null),
            ],
            YearChange = new YearChange(2024, Period.Parse("2023M03"), Period.Parse("2024M03"), 1.5, -2.5, ExpectedChange: -0.25),
        };

        var html = await AnnualReportHtml.RenderAsync(SampleReports.With(target));
        var page = Parse(html);

        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("#maal-1-data ~ tbody tr").Length);
        Assert.Contains("Fra marts 2023 til marts 2024 faldt tallet med 4 (-266,7\u00A0%). Målet forudsatte et fald på 0,3.",
            Text(page.GetElementById("maal-1")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SeveralMunicipalities_SpeaksOfThemTogether()
    {
        var report = SampleReports.With(SampleReports.Target()) with
        {
            AllianceName = "Business Region MidtVest",
            Areas = [new("657", "Herning", AreaLevel.Municipality), new("661", "Holstebro", AreaLevel.Municipality), new("779", "Skive", AreaLevel.Municipality)],
        };

        var page = Parse(await AnnualReportHtml.RenderAsync(report));

        Assert.Contains("Området omfatter kommunerne Herning, Holstebro og Skive.", Text(page.QuerySelector("header")!), StringComparison.Ordinal);
        Assert.Contains("Kommunerne i Business Region MidtVest havde tilsammen 48.100 job i 2024", Text(page.GetElementById("maal-1")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoTargets_SaysSo()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With() with { Areas = [] }));

        Assert.Contains("Der er ikke sat nogen mål for Vækstalliancen Horsens.", Text(page.QuerySelector("main")!), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("table, section.target"));
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Text as read, with the source's line breaks and runs of spaces as one space.</summary>
    private static string Text(IElement element) => Spaces().Replace(element.TextContent, " ").Trim();

    private static IElement TableCaptioned(IParentNode page, string caption) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == caption);

    private static string[] Headers(IElement table) => [.. table.QuerySelectorAll("thead th").Select(th => th.TextContent)];

    /// <summary>
    /// Each body row's cells. A missing figure is a dash hidden from screen readers plus "intet tal" for them only:
    /// by default the visible dash, with <paramref name="spoken"/> the words a screen reader says.
    /// </summary>
    private static string[][] Rows(IElement table, bool spoken = false) =>
    [
        .. table.QuerySelectorAll("tbody tr").Select(row => row.Children.Select(cell =>
        {
            var hidden = spoken ? "[aria-hidden=true]" : ".sr-only";
            return Text(cell.QuerySelector(".sr-only") is null ? cell : Without(cell, hidden));
        }).ToArray()),
    ];

    private static IElement Without(IElement cell, string selector)
    {
        var copy = (IElement)cell.Clone();
        foreach (var element in copy.QuerySelectorAll(selector))
        {
            element.Remove();
        }

        return copy;
    }

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();
}
