using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Alerts.Email;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MimeKit;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// Every link a person is given, followed in headless Chromium on the real service over the bundled demo sample (with
/// one focus area added to the catalog): the front page's, an annual report's, a focus area's follow-up report's and
/// a rendered alert e-mail's. Each lands on a page or a download, never on JSON; a link to a target finds its heading.
/// </summary>
public sealed class LinkBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    /// <summary>The day after the demo sample's date: every series is fresh.</summary>
    private static readonly DateTimeOffset DemoDay = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Dashboard = "https://grafana.example.dk/d/growthmonitor-overview";

    private const string FocusArea = "Flere job i Horsens";

    [Fact]
    public async Task Links_FrontPageReportsAndAlertEmail_EveryOneLandsOnAPageOrDownloadNeverOnJson()
    {
        await using var demo = await DemoServiceAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await ServedPages.AllowOnlyAsync(page, demo.Service.Origin);

        var frontPageLinks = await LinksOfAsync(page, demo.Service.Origin + "/");
        var focusAreaReport = Assert.Single(frontPageLinks, l => l.Contains("/reports/2026?", StringComparison.Ordinal) && l.Contains("focusArea=" + Uri.EscapeDataString(FocusArea), StringComparison.Ordinal));
        var reportLinks = await LinksOfAsync(page, demo.Service.Origin + "/api/alliances/horsens/reports/2026?format=html");
        var followUpLinks = await LinksOfAsync(page, focusAreaReport);
        var emailLinks = await LinksOfEmailAsync(page, demo);

        Assert.Contains(demo.Service.Origin + "/api/alliances/horsens/reports/2026?format=xlsx", reportLinks);
        Assert.Contains(demo.Service.Origin + "/api/alliances/horsens/reports/2026?format=csv", reportLinks);
        Assert.Contains(demo.Service.Origin + "/", reportLinks);
        Assert.Contains(demo.Service.Origin + "/api/alliances/horsens/reports/2026?format=html", followUpLinks);
        Assert.Contains(demo.Service.Origin + "/api/alliances/horsens/reports/2024?format=html#maal-horsens-jobs", emailLinks);
        var followed = frontPageLinks.Concat(reportLinks).Concat(followUpLinks).Concat(emailLinks)
            .Where(link => !link.StartsWith(Dashboard, StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.All(followed, link => Assert.StartsWith(demo.Service.Origin + "/", link, StringComparison.Ordinal));

        List<string> wrong = [];
        foreach (var link in followed.Where(l => !l.StartsWith(demo.Service.Origin + "/#", StringComparison.Ordinal)))
        {
            if (await FollowAsync(page, link) is { } problem)
            {
                wrong.Add($"{link}: {problem}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task UnknownAllianceFocusAreaYearOrTarget_InBrowser_DanishPageWithStatusKeptAndAWayBack()
    {
        (string Path, int Status, string Sentence)[] unknown =
        [
            ("/api/alliances/nowhere/reports/2025?format=html", 404, "Der er ingen alliance ved navn »nowhere«."),
            ("/api/alliances/horsens/reports/2025?format=html&focusArea=Intet", 404, "Der er intet indsatsområde ved navn »Intet«."),
            ("/api/alliances/horsens/reports/1066?format=html", 400, "Året skal være et firecifret årstal fra"),
            ("/api/targets/nothing-here", 404, "Der er intet mål ved navn »nothing-here«."),
        ];
        await using var service = await ServiceOnKestrel.StartAsync(host => host
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DemoDay))));
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        foreach (var (path, status, sentence) in unknown)
        {
            var response = await page.GotoAsync(service.Origin + path);

            Assert.Equal(status, response?.Status);
            Assert.StartsWith("text/html", (await response!.AllHeadersAsync())["content-type"], StringComparison.Ordinal);
            Assert.Equal("da", await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Contains(sentence, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "Til forsiden" }));
            Assert.Equal(service.Origin + "/", page.Url);
            Assert.Equal("GrowthMonitor: vækstmål", await page.Locator("h1").InnerTextAsync());
        }
    }

    /// <summary>The absolute address of every link on the page at <paramref name="url"/>, as the browser resolves it.</summary>
    private static async Task<IReadOnlyList<string>> LinksOfAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response?.Ok, $"GET {url} answered {response?.Status}.");
        return await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.href)");
    }

    /// <summary>The links of the e-mail a status change of Horsens' jobs target in 2024 sends, its HTML part shown in the browser.</summary>
    private static async Task<IReadOnlyList<string>> LinksOfEmailAsync(IPage page, DemoService demo)
    {
        var links = new AlertLinkBuilder(
            Options.Create(new PublicUrlOptions { PublicBaseUrl = new Uri(demo.Service.Origin) }),
            Options.Create(new AlertOptions { DashboardUrl = new Uri(Dashboard) }),
            new ShiftedTimeProvider(DemoDay));
        var evaluation = SampleReports.Target().Evaluation;
        var changed = new AlertEvent("evt_1", AlertEventType.TargetStatusChanged, DemoDay, "horsens", "Vækstalliancen Horsens", "horsens-jobs",
            "500 flere job om året", "jobs", "Job på arbejdssteder", "job", TargetStatus.AtRisk, evaluation.Status, evaluation, null);
        var email = await AlertEmail.CreateAsync(
            new AlertMessage("dlv_1", "Vækstalliancen Horsens", [changed], DemoDay),
            new EmailRecipient("Mette Jensen", "mette.jensen@horsens.dk"),
            new MailboxAddress("GrowthMonitor", "vaekst@horsens.dk"),
            links.For);
        await page.SetContentAsync(email.HtmlBody ?? throw new InvalidOperationException("The e-mail has no HTML part."));
        return await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.href)");
    }

    /// <summary>
    /// Follows a link as a person does, from another page: null when it lands on a page (with the heading its fragment
    /// names) or a download of CSV or XLSX, else what is wrong.
    /// </summary>
    private static async Task<string?> FollowAsync(IPage page, string link)
    {
        await page.GotoAsync("about:blank");
        // The answer the browser lands on: after any redirect (/docs → /docs/), also when it is a download.
        var answered = page.WaitForResponseAsync(r => r.Request.IsNavigationRequest && r.Status is < 300 or >= 400);
        var download = false;
        try
        {
            await page.GotoAsync(link);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            download = true;
        }

        var response = await answered;
        var type = (await response.AllHeadersAsync()).GetValueOrDefault("content-type") ?? "";
        if (response.Status != 200 || type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return $"{response.Status} {type}";
        }

        if (download)
        {
            return type.StartsWith("text/csv", StringComparison.Ordinal) || type.StartsWith("application/vnd.openxmlformats", StringComparison.Ordinal)
                ? null
                : $"a download of {type}";
        }

        if (!type.StartsWith("text/html", StringComparison.Ordinal))
        {
            return $"a page of {type}";
        }

        return link.Split('#') is [_, var fragment] && await page.Locator($"[id='{fragment}']").CountAsync() != 1
            ? $"no element #{fragment}"
            : null;
    }

    /// <summary>The service on the demo sample, ingested and judged, with Horsens' jobs target in a focus area.</summary>
    private static async Task<DemoService> DemoServiceAsync()
    {
        var bundled = JsonNode.Parse(
            await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "GrowthMonitor", "catalog.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        bundled["targets"]!.AsArray().Single(t => (string?)t!["id"] == "horsens-jobs")!["focusArea"] = FocusArea;
        var catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-links-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, bundled.ToJsonString());

        var influx = await InfluxServer.StartAsync();
        var service = await ServiceOnKestrel.StartAsync(host => host
            .UseSetting("Influx:Url", influx.Url.ToString())
            .UseSetting("Catalog:Path", catalogPath)
            .UseSetting("StatBank:BaseUrl", "http://127.0.0.1:9/v1/")
            .UseSetting("Evaluation:EvaluateChangedCatalogAtStart", "false")
            .UseSetting("Alerts:DashboardUrl", Dashboard)
            .ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(DemoDay))),
            demo: true);
        var catalog = service.Services.GetRequiredService<GrowthCatalog>();
        foreach (var indicator in catalog.FetchedIndicators)
        {
            await service.Services.GetRequiredService<IndicatorIngestor>().IngestAsync(indicator, CancellationToken.None);
        }

        await service.Services.GetRequiredService<TargetJudge>().EvaluateAsync(CancellationToken.None);
        return new DemoService(influx, service, catalogPath);
    }

    private sealed record DemoService(InfluxServer Influx, ServiceOnKestrel Service, string CatalogPath) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Service.DisposeAsync();
            await Influx.DisposeAsync();
            File.Delete(CatalogPath);
        }
    }
}
