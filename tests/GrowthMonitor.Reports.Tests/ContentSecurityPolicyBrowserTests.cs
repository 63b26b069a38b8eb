using Microsoft.Playwright;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The service's Content-Security-Policy in headless Chromium: the annual report, the API reference and the jobs
/// dashboard work under it, with no violation reported. The policy is the one the running service sends; a page
/// with an inline script shows that the browser enforces it and that this test would see a violation.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Docs_UnderTheServicesPolicy_RendersWithoutViolations()
    {
        await using var service = await ServiceOnKestrel.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, violations) = await WatchedPageAsync(context);

        var response = await page.GotoAsync(service.Origin + "/docs");
        await page.GetByText("An indicator's stored figures by area and period").First.WaitForAsync(new() { Timeout = 60_000 });

        // Scalar's bundled Zod asks once whether eval works (Function("") inside a try block) and does without it when
        // it does not. The policy stays strict: that probe, from scalar.js, is the one violation allowed.
        var unexpected = violations.Where(v => !(v.Contains("script-src blocked eval at ", StringComparison.Ordinal) && v.Contains("/docs/scalar.js:", StringComparison.Ordinal))).ToList();
        Assert.Contains("'nonce-", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }

    [Fact]
    public async Task JobsDashboard_UnderTheServicesPolicy_EveryPageWithoutViolations()
    {
        await using var service = await ServiceOnKestrel.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, violations) = await WatchedPageAsync(context);

        foreach (var path in new[] { "/hangfire", "/hangfire/jobs/enqueued", "/hangfire/recurring", "/hangfire/servers" })
        {
            var response = await page.GotoAsync(service.Origin + path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response?.Ok, $"{path} answered {response?.Status}.");
            Assert.Contains("frame-ancestors 'none'", (await response!.AllHeadersAsync())["content-security-policy"]);
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task Report_UnderTheServicesPolicy_LoadsWithoutViolations()
    {
        await using var service = await ServiceOnKestrel.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, violations) = await WatchedPageAsync(context);
        var html = await AnnualReportHtml.RenderAsync(SampleReports.Horsens());
        // An inline script, as an injected one would be: the policy must stop it, and the test must see that.
        var injected = html.Replace("</body>", "<script>document.title = 'injected';</script></body>", StringComparison.Ordinal);
        await ServeAsync(page, service, "/report", html);
        await ServeAsync(page, service, "/injected", injected);

        await page.GotoAsync(service.Origin + "/report");
        var headingSize = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('h1')).fontSize");
        var reportViolations = violations.ToList();
        await page.GotoAsync(service.Origin + "/injected");

        Assert.True(reportViolations.Count == 0, string.Join("\n", reportViolations));
        Assert.NotEqual("injected", await page.TitleAsync());
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
        Assert.Equal("30.4px", headingSize); // 1.9rem of 16px: the report's inline style sheet applied
    }

    /// <summary>A page that reports every CSP violation, from the browser's console and from the page's own event.</summary>
    private static async Task<(IPage Page, List<string> Violations)> WatchedPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        List<string> violations = [];
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));");
        return (page, violations);
    }

    /// <summary>Serves an HTML page at a path of the service's origin with the headers the service sends on every response.</summary>
    private static async Task ServeAsync(IPage page, ServiceOnKestrel service, string path, string html)
    {
        using var http = new HttpClient();
        using var sample = await http.GetAsync(service.Origin + "/health/live");
        var headers = sample.Headers.Where(h => h.Key is "Content-Security-Policy" or "X-Content-Type-Options" or "X-Frame-Options" or "Referrer-Policy")
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value));
        Assert.Equal(4, headers.Count);
        await page.RouteAsync(service.Origin + path, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html; charset=utf-8",
            Body = html,
            Headers = headers,
        }));
    }
}
