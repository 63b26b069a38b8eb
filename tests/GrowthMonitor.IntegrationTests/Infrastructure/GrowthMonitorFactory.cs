using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>The real service in process, configured against the test servers through its ordinary configuration keys.</summary>
public sealed class GrowthMonitorFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static GrowthMonitorFactory Create(ServersFixture servers, string? hangfireConnectionString = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Influx:Url"] = servers.Influx.Url.ToString(),
            ["Influx:Database"] = ServersFixture.NewInfluxDatabase(),
            ["ConnectionStrings:Hangfire"] = hangfireConnectionString,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new GrowthMonitorFactory(settings);
    }

    public string Setting(string key) => settings[key] ?? throw new KeyNotFoundException(key);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
