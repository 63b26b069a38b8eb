using GrowthMonitor.Core;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// What the report says about now: the count of targets by status, the pace the goal needs, the source with its
/// publication and lag, reasons that name what is missing, and a readable title where the catalog gives none.
/// </summary>
public sealed partial class AnnualReportHtmlTests
{
    private static readonly FetchFailure ConnectionRefused = new(new DateTimeOffset(2025, 11, 1, 8, 0, 0, TimeSpan.Zero), "Connection refused (api.statbank.dk:443)");

    [Fact]
    public async Task Render_Overview_CountsTargetsByStatusWithTheirWords()
    {
        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(SampleReports.Target(), SampleReports.Target(), SampleReports.NoDataTarget())));

        var counts = page.QuerySelector("#oversigt ~ ul.status-counts")!;
        Assert.Equal(["På sporet 2 mål", "I risiko 0 mål", "Bagud 0 mål", "Ingen data 1 mål"], counts.QuerySelectorAll("li").Select(Text));
        Assert.Equal(["status-on_track", "status-at_risk", "status-off_track", "status-no_data"], counts.QuerySelectorAll(".status").Select(s => s.ClassList[1]));
    }

    [Fact]
    public async Task Render_Pace_WhatTheGoalNeedsFromNowBesideTheTrend()
    {
        var text = Text(Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens())).GetElementById("maal-1")!);

        // 3.130 job in six years is 521,67 a year, +522 rounded; 1,0645 % a year is +1,1 %.
        Assert.Contains(
            "Hvad der skal til Målet kræver +522 job om året fra nu (+1,1\u00A0% om året) for at nå 50.850 job i 2030. Den seneste udvikling har været +430 job om året.",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_PercentTarget_PaceLeadsWithThePercentage()
    {
        var target = SampleReports.Target().Revise(
            info: i => i with { Kind = TargetKind.PercentGrowth, Amount = 1 },
            evaluation: e => e with { Pace = new RequiredPace(51_000, Period.Parse("2030"), 483.33, 0.96) });

        var text = Text(await SectionOf(target));

        Assert.Contains("Målet kræver +1,0\u00A0% om året fra nu (+483 job om året) for at nå 51.000 job i 2030.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Direction.Up, -50, "Tallet er allerede over målet på 50.000 job i 2030.")]
    [InlineData(Direction.Down, 50, "Tallet er allerede under målet på 50.000 job i 2030.")]
    public async Task Render_GoalAlreadyReached_SaysSo(Direction direction, double perYear, string expected)
    {
        var target = SampleReports.Target().Revise(
            info: i => i with { Direction = direction },
            evaluation: e => e with { Pace = new RequiredPace(50_000, Period.Parse("2030"), perYear, null) });

        var text = Text(await SectionOf(target));

        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_NoDataOrNoPace_NoPaceSection()
    {
        var stale = SampleReports.Target().Revise(evaluation: e => e with
        {
            Status = TargetStatus.NoData,
            ReasonCode = ReasonCode.Stale,
            Pace = new RequiredPace(50_000, Period.Parse("2030"), 500, 1),
        });

        var page = Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(stale, SampleReports.Target())));

        Assert.DoesNotContain("Hvad der skal til", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Source_TablePublicationAndLag()
    {
        var section = Parse(await AnnualReportHtml.RenderAsync(SampleReports.Horsens())).GetElementById("maal-1")!;

        // Published 2025-11-20 07:00 UTC, 08.00 in Copenhagen; 323,3 days after 2024 ended are 10,6 months.
        Assert.Contains(
            "Kilde Danmarks Statistik, tabel ERHV2, senest offentliggjort 20. november 2025 kl. 08.00 med tal til og med 2024, ca. 11 måneder efter periodens udgang.",
            Text(section), StringComparison.Ordinal);
        Assert.Equal("2025-11-20T08:00:00+01:00", section.QuerySelector("h3:last-of-type + p time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Render_NoSource_SaysTheTableIsNotRecordedYet()
    {
        var text = Text(await SectionOf(SampleReports.NoDataTarget()));

        Assert.Contains("Kilde Danmarks Statistik. Kildetabellen er ikke registreret endnu.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_MissingAreas_NamesTheMunicipalitiesInDanish()
    {
        var target = SampleReports.Target().Revise(evaluation: e => e with
        {
            Reason = "No figures for 756 Ikast-Brande, 665 Lemvig in 2025, so the sum over the target's 7 areas ends at 2024.",
            ReasonCode = ReasonCode.MissingAreas,
            Missing = new MissingFigures(Period.Parse("2025"), ["756", "665"]),
        });

        var text = Text(await SectionOf(target));

        Assert.Contains("Bemærk: Der er ingen tal for Ikast-Brande og Lemvig i 2025, så målet er vurderet på tallene for 2024.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FetchFailed_DanishWithTheErrorMarkedAsEnglish()
    {
        var target = SampleReports.NoDataTarget().Revise(evaluation: e => e with
        {
            Reason = "The latest fetch from Statistics Denmark, at 2025-11-01 08:00 UTC, failed: Connection refused (api.statbank.dk:443)",
            ReasonCode = ReasonCode.FetchFailed,
            FetchFailure = ConnectionRefused,
        });

        var section = await SectionOf(target);

        // 08:00 UTC is 09.00 in Copenhagen (winter time).
        Assert.Contains(
            "Årsag: Hentningen fra Danmarks Statistik fejlede den 1. november 2025 kl. 09.00: Connection refused (api.statbank.dk:443)",
            Text(section), StringComparison.Ordinal);
        Assert.Equal("Connection refused (api.statbank.dk:443)", section.QuerySelector(".summary span[lang=en]")!.TextContent);
    }

    [Theory]
    [InlineData(TargetKind.AnnualIncrease, Direction.Up, 500.0, "job", new[] { "615" }, null, "Job på arbejdssteder: +500 job om året i Horsens Kommune, 2022–2030")]
    [InlineData(TargetKind.PercentGrowth, Direction.Down, 2.0, "fuldtidsledige", new[] { "657", "756", "665" }, null,
        "Job på arbejdssteder: -2\u00A0% om året i kommunerne Herning, Ikast-Brande og Lemvig, 2022–2030")]
    [InlineData(TargetKind.Level, Direction.Up, 45_000.0, "job", new[] { "615" }, null, "Job på arbejdssteder: 45.000 job i Horsens Kommune i 2030")]
    [InlineData(TargetKind.Relative, Direction.Up, 0.5, "job", new[] { "615" }, "000",
        "Job på arbejdssteder: vækst 0,5 procentpoint mere end hele landet om året i Horsens Kommune, 2022–2030")]
    [InlineData(TargetKind.YearlyGoal, Direction.Up, null, "job", new[] { "766" }, null, "Job på arbejdssteder: årlige mål i Hedensted Kommune, 2022–2030")]
    [InlineData(TargetKind.Relative, Direction.Up, null, "job", new[] { "082" }, "000",
        "Job på arbejdssteder: vækst mindst som hele landet om året i Region Midtjylland, 2022–2030")]
    public void TargetTitle_NoCatalogTitle_ReadableDanish(TargetKind kind, Direction direction, double? amount, string unit, string[] areas, string? benchmark, string expected)
    {
        var target = new TargetDefinition("horsens-jobs", kind, amount, Period.Parse("2022"), Period.Parse("2030")) { Direction = direction };

        Assert.Equal(expected, Danish.TargetTitle(target, "Job på arbejdssteder", unit, areas, benchmark));
    }

    [Theory]
    [InlineData(12.4, "12 dage")]
    [InlineData(61.9, "62 dage")]
    [InlineData(62, "ca. 2 måneder")]
    [InlineData(323.29, "ca. 11 måneder")]
    public void Lag_DaysOrMonths(double days, string expected) => Assert.Equal(expected, Danish.Lag(days));

    /// <summary>The section of the only target in a report of it.</summary>
    private static async Task<AngleSharp.Dom.IElement> SectionOf(ReportTarget target) =>
        Parse(await AnnualReportHtml.RenderAsync(SampleReports.With(target))).GetElementById("maal-1")!;
}
