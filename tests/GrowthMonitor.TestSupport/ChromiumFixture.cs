using Microsoft.Playwright;
using Xunit;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// One headless Chromium for the browser tests: Debian's package driven by Playwright (whose bundled driver runs
/// offline; its own browser download is never used), started once for a test class. A missing browser or axe-core
/// fails the tests with the command that installs it; scripts/test runs both commands first.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>Where `npm ci` puts axe-core (pinned in that folder's package-lock.json) for every project's browser tests.</summary>
    public const string AxePackageFolder = "tests/GrowthMonitor.Reports.Tests";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>axe-core's browser bundle, checked here so a missing install fails with the fix, not a file error.</summary>
    public static string AxeScript
    {
        get
        {
            var path = Path.Combine(RepositoryRoot.Path, AxePackageFolder, "node_modules", "axe-core", "axe.min.js");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException(
                    $"axe-core is not installed ({path} is missing). Install it with `npm ci --prefix {AxePackageFolder}` " +
                    "from the repository root (scripts/test does this before dotnet test).");
        }
    }

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed ({executable} is missing). Install Debian's package with " +
                "`apt-get install -y chromium` (scripts/test does this), or point CHROMIUM_PATH at a Chromium binary.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
