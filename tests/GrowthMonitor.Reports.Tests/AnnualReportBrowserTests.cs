using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The rendered page in headless Chromium, as readers and the accessibility law see it: it loads without errors or
/// requests, axe-core finds no WCAG 2.1 A/AA violation, it reflows on a phone, prints one target per page, and a
/// screenshot shows what it looks like (UPDATE_SCREENSHOT=1 also writes docs/report-screenshot.png).
/// </summary>
public sealed class AnnualReportBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    public static TheoryData<string> Samples => ["horsens", "edge-cases", "hedensted-follow-up", "nowcast"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Page_LoadsWithoutConsoleErrorsOrRequests(string sample)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        List<string> problems = [];
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add($"failed request: {request.Url} ({request.Failure})");

        // The page is self-contained: the only request allowed is the page itself; anything else is refused and reported.
        var url = new Uri(await WritePage(sample)).AbsoluteUri;
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url)
            {
                await route.ContinueAsync();
            }
            else
            {
                problems.Add("request for " + route.Request.Url);
                await route.AbortAsync();
            }
        });

        var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });

        Assert.True(response?.Ok, $"Loading {url} failed.");
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Page_HasNoWcag21AaViolations(string sample)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WritePage(sample)).AbsoluteUri);

        await Axe.AssertNoWcag21AaViolationsAsync(page, output);
    }

    [Fact]
    public async Task Chart_TextAndLines_ContrastWithThePage()
    {
        // axe-core leaves text inside an SVG image "to review", so the chart's contrast is measured here: text
        // 4.5:1 (WCAG 1.4.3), the lines 3:1 as graphical objects (WCAG 1.4.11), against the page behind the chart.
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WritePage("horsens")).AbsoluteUri);

        var contrast = await page.EvaluateAsync<double[]>(
            """
            () => {
              const rgb = css => css.match(/[\d.]+/g).slice(0, 3).map(Number);
              const luminance = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
              const ratio = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
              const page = rgb(getComputedStyle(document.body).backgroundColor);
              const min = (selector, property) => Math.min(...[...document.querySelectorAll(selector)].map(e => ratio(rgb(getComputedStyle(e)[property]), page)));
              return [min('svg.chart text', 'fill'), min('svg.chart path.actual, svg.chart path.expected', 'stroke'), min('svg.chart .marker-actual', 'fill')];
            }
            """);

        Assert.True(contrast[0] >= 4.5, $"Chart text contrast {contrast[0]:0.00}:1 is below 4.5:1.");
        Assert.True(contrast[1] >= 3, $"Chart line contrast {contrast[1]:0.00}:1 is below 3:1.");
        Assert.True(contrast[2] >= 3, $"Chart marker contrast {contrast[2]:0.00}:1 is below 3:1.");
    }

    [Fact]
    public async Task Page_ReflowsAt320CssPixelsWithoutSidewaysScrolling()
    {
        // WCAG 1.4.10: readable at 320 CSS pixels; wide tables scroll inside their own focusable region instead.
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WritePage("horsens")).AbsoluteUri);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 320, $"The page is {width} CSS pixels wide at a 320-pixel viewport.");
    }

    [Fact]
    public async Task Print_StartsEachTargetOnANewPage()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WritePage("horsens")).AbsoluteUri);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var breaks = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('section.target')].map(s => getComputedStyle(s).breakBefore)");
        var pdf = await page.PdfAsync(new() { Format = "A4", Path = Path.Combine(AppContext.BaseDirectory, "report-horsens.pdf") });

        Assert.Equal(["page", "page"], breaks);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_Screenshot()
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 }, Locale = "da-DK" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(await WritePage("horsens")).AbsoluteUri);

        // The whole page goes to the test output; the README's picture stops after the first target's chart, where a
        // reader has seen the overview, a status, the plain-language summary and a chart.
        await page.ScreenshotAsync(new() { FullPage = true, Path = Path.Combine(AppContext.BaseDirectory, "report-full-page.png") });
        var figure = await page.Locator("#maal-1 figure").BoundingBoxAsync();
        Assert.NotNull(figure);
        var path = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        var png = await page.ScreenshotAsync(new()
        {
            FullPage = true,
            Clip = new() { X = 0, Y = 0, Width = 1000, Height = figure.Y + figure.Height + 8 },
            Path = path,
        });
        output.WriteLine("Screenshots: " + path + ", " + Path.Combine(AppContext.BaseDirectory, "report-full-page.png"));
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOT") == "1")
        {
            var docs = Path.Combine(RepositoryRoot.Path, "docs");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, "report-screenshot.png"), png);
            output.WriteLine("Updated " + Path.Combine(docs, "report-screenshot.png"));
        }

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, "The screenshot is suspiciously small.");
    }

    /// <summary>Writes the sample's page next to the test assembly and returns its path.</summary>
    private static async Task<string> WritePage(string sample)
    {
        var report = sample switch
        {
            "horsens" => SampleReports.Horsens(),
            "edge-cases" => SampleReports.EdgeCases(),
            "hedensted-follow-up" => SampleReports.HedenstedFollowUp(),
            "nowcast" => SampleReports.WithNowcast(),
            _ => throw new ArgumentOutOfRangeException(nameof(sample), sample, "Unknown sample."),
        };
        var path = Path.Combine(AppContext.BaseDirectory, $"report-{sample}.html");
        File.WriteAllText(path, await AnnualReportHtml.RenderAsync(report));
        return path;
    }
}
