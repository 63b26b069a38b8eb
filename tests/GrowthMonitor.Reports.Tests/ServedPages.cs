using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrowthMonitor.Reports.Tests;

/// <summary>Pages served by the real service on Kestrel, opened with nothing fetched from anywhere but the service.</summary>
internal static class ServedPages
{
    /// <summary>
    /// The service in the Testing environment, configured further by <paramref name="configure"/>. It listens on a free
    /// port, never on the default 5080, which a service running on the machine (or another test) may hold.
    /// </summary>
    public static WebApplicationFactory<Program> Create(Action<IWebHostBuilder> configure) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing").UseSetting("urls", "http://127.0.0.1:0");
            configure(host);
        });

    /// <summary>Starts the service on a free loopback port and returns its origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public static string Start(WebApplicationFactory<Program> service)
    {
        service.UseKestrel(0);
        service.StartServer();
        return service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

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
