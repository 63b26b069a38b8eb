using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Home;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The front page at <c>/</c> in headless Chromium: served by the real service on Kestrel over the bundled demo sample
/// (ingested into a throwaway influxd and judged by the evaluation job), and a page rendered from hand-made figures with
/// what the demo lacks (a failed fetch, an overdue and a never-fetched indicator, targets without a verdict).
/// </summary>
public sealed class FrontPageBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    /// <summary>The day after the demo sample's date: every series is fresh.</summary>
    private static readonly DateTimeOffset DemoDay = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FrontPage_ServedOnDemoData_NoWcag21AaViolationsAndNoRequestElsewhere()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var service = await ServiceOnKestrel.StartAsync(host => host
            .UseSetting("Influx:Url", influx.Url.ToString())
            .UseSetting("StatBank:BaseUrl", "http://127.0.0.1:9/v1/")
            .UseSetting("Ingestion:IngestNewIndicatorsAtStart", "false")
            .UseSetting("Evaluation:EvaluateChangedCatalogAtStart", "false")
            .UseSetting("Alerts:DashboardUrl", "https://grafana.example.dk/d/growthmonitor-overview")
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DemoDay))), demo: true);
        var origin = service.Origin;
        var catalog = service.Services.GetRequiredService<GrowthCatalog>();
        // The demo's figures entered by hand are there already: the demo enters them before it answers.
        foreach (var indicator in catalog.FetchedIndicators)
        {
            await service.Services.GetRequiredService<IndicatorIngestor>().IngestAsync(indicator, CancellationToken.None);
        }

        await service.Services.GetRequiredService<TargetJudge>().EvaluateAsync(CancellationToken.None);

        // axe-core is injected as an inline script, which the service's Content-Security-Policy rightly refuses.
        await using var context = await chromium.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        var elsewhere = await ServedPages.AllowOnlyAsync(page, origin);
        var response = await page.GotoAsync(origin + "/");

        Assert.True(response?.Ok, $"GET {origin}/ answered {response?.Status}.");
        Assert.Equal(catalog.Alliances.Count, await page.Locator("main section h2[id^=alliance-]").CountAsync());
        Assert.Equal(catalog.Targets.Count, await page.Locator("main section[aria-labelledby^=alliance-] tbody tr").CountAsync());
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "front-page.png") });

        // The demo's jobs are estimated from wage earners: the front page shows the estimate and links the page on the method.
        Assert.True(await page.Locator("td.note a[href='/skoen']").CountAsync() > 0, "The demo's front page shows no estimate.");
        var explanation = await page.GotoAsync(origin + "/skoen");
        Assert.True(explanation?.Ok, $"GET {origin}/skoen answered {explanation?.Status}.");
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 0, "The page on the method shows no record on the demo data.");
        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task FrontPage_FailuresAndMissingFigures_NoWcag21AaViolations()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WriteSampleAsync()).AbsoluteUri);

        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
    }

    [Fact]
    public async Task ExplanationPage_AccuracyTable_NoWcag21AaViolations()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "nowcast-page-sample.html");
        await File.WriteAllTextAsync(path, await GrowthMonitor.Nowcasts.NowcastPageView.RenderAsync(NowcastPresentationTests.SmallRecord()));
        await page.GotoAsync(new Uri(path).AbsoluteUri);

        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
    }

    [Fact]
    public async Task FrontPage_At320CssPixels_NoSidewaysScrolling()
    {
        // WCAG 1.4.10: the wide tables scroll inside their own focusable region instead of the page.
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WriteSampleAsync()).AbsoluteUri);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 320, $"The page is {width} CSS pixels wide at a 320-pixel viewport.");
    }

    /// <summary>
    /// Business Region MidtVest with a target held back by two municipalities and one whose fetch failed; indicators
    /// that are fresh, overdue, failing and never fetched.
    /// </summary>
    private static async Task<string> WriteSampleAsync()
    {
        var failure = new FetchFailure(new DateTimeOffset(2025, 11, 2, 8, 0, 3, TimeSpan.Zero), "Connection refused (api.statbank.dk:443)");
        var jobs = SampleReports.Target();
        var missing = jobs.Evaluation with
        {
            ReasonCode = ReasonCode.MissingAreas,
            Reason = "No figures for 756 Ikast-Brande, 665 Lemvig in 2025, so the sum over the target's 7 areas ends at 2024.",
            Missing = new MissingFigures(Period.Parse("2025"), ["756", "665"]),
        };
        var failed = SampleReports.NoDataTarget().Evaluation with { ReasonCode = ReasonCode.FetchFailed, Reason = "The latest fetch failed.", FetchFailure = failure };
        var fetched = new DateTimeOffset(2025, 11, 1, 8, 0, 5, TimeSpan.Zero);
        var published = new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero);
        var page = new FrontPage(
            SampleReports.GeneratedAt,
            SampleReports.GeneratedAt.AddHours(-1),
            [
                new FrontPageAlliance("brmv", "Business Region MidtVest", ["657", "661", "756", "665", "760", "779", "671"],
                    [new TargetSummary(jobs.Target, missing, fetched), new TargetSummary(SampleReports.NoDataTarget().Target, failed, fetched)], [2022, 2023, 2024, 2025])
                {
                    // An estimate in its own column beside a target without one.
                    Nowcasts = new Dictionary<string, FrontPageNowcast> { [jobs.Target.Id] = new(SampleReports.Nowcast2025, "Lønmodtagere efter bopælskommune") },
                },
                new FrontPageAlliance("lemvig", "Lemvig Kommune", ["665"], [], [2025]),
            ],
            [
                new IndicatorSummary("jobs", "Job på arbejdssteder", "ERHV2", "job", "0 9 * * *", fetched, published, "2024", fetched, IngestOutcome.Success, null, false),
                new IndicatorSummary("new-firms", "Nye firmaer", "DEMO19", "firmaer", "0 9 * * *", null, null, null, failure.At, IngestOutcome.Failed, failure.Error, true),
                new IndicatorSummary("population", "Befolkningen den 1. i kvartalet", "FOLK1A", "personer", "0 9 * * *", fetched.AddDays(-3), published, "2025K3", fetched.AddDays(-3), IngestOutcome.Unchanged, null, true),
                new IndicatorSummary("firms", "Firmaer", "GF12", "firmaer", "0 9 * * *", null, null, null, null, null, null, false),
            ],
            null);
        var path = Path.Combine(AppContext.BaseDirectory, "front-page-sample.html");
        await File.WriteAllTextAsync(path, await FrontPageView.RenderAsync(page));
        return path;
    }
}
