using Microsoft.Playwright;

namespace GrowthMonitor.Reports.Tests;

/// <summary>Pages opened with nothing fetched from anywhere but the service.</summary>
internal static class ServedPages
{
    /// <summary>Lets the page load only from <paramref name="origin"/>; every other request is refused and listed.</summary>
    public static async Task<IReadOnlyList<string>> AllowOnlyAsync(IPage page, string origin)
    {
        List<string> elsewhere = [];
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        return elsewhere;
    }
}
