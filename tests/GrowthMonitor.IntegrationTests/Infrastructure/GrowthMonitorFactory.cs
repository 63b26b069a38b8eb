using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>The real service in process, configured against the test servers through its ordinary configuration keys.</summary>
public sealed class GrowthMonitorFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>When set, the service's clock reads this date (its timers still run in real time).</summary>
    public DateTimeOffset? Today { get; init; }

    /// <summary>When set, the service's clock (a FakeTimeProvider a test advances); wins over <see cref="Today"/>.</summary>
    public TimeProvider? Clock { get; init; }

    /// <param name="database">The PostgreSQL database to run on; when null, a new one of the test server's, already migrated.</param>
    public static GrowthMonitorFactory Create(ServersFixture servers, string? database = null, IReadOnlyDictionary<string, string?>? extra = null, DateTimeOffset? today = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Influx:Url"] = servers.Influx.Url.ToString(),
            ["Influx:Database"] = ServersFixture.NewInfluxDatabase(),
            ["ConnectionStrings:GrowthMonitor"] = database ?? servers.CreateServiceDatabase(),
            // Faults are tested against the configured retries, cut from seconds to milliseconds.
            ["Influx:RetryDelay"] = "00:00:00.050",
            // Tests poll and burst from one address; rate limits are tested with their own settings (Security/LimitsTests).
            ["RateLimiting:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new GrowthMonitorFactory(settings) { Today = today, Clock = clock };
    }

    /// <summary>
    /// Serves the service on Kestrel at a free loopback port instead of the in-memory test server, as in production:
    /// request size limits, client addresses and forwarded headers then apply, and <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>
    /// talks TCP. Call it before anything starts the service.
    /// </summary>
    public GrowthMonitorFactory OnKestrel() => OnKestrel(this);

    /// <summary>
    /// <see cref="OnKestrel()"/> for a factory made from this one by <c>WithWebHostBuilder</c> (to capture logs, say),
    /// which serves in memory again unless told otherwise.
    /// </summary>
    public static TFactory OnKestrel<TFactory>(TFactory factory)
        where TFactory : WebApplicationFactory<Program>
    {
        ArgumentNullException.ThrowIfNull(factory);

        // A listen option, not UseKestrel(0): the service's default address (127.0.0.1:5080) would win over that.
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return factory;
    }

    /// <summary>Where Kestrel listens (after <see cref="OnKestrel"/>), for clients of a test's own making.</summary>
    public Uri KestrelAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public string Setting(string key) => settings[key] ?? throw new KeyNotFoundException(key);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        var clock = Clock ?? (Today is { } today ? new ShiftedTimeProvider(today) : null);
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
