using System.Net;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The real service on Kestrel at a free loopback port, for a browser, on a throwaway PostgreSQL server of its own.
/// No InfluxDB unless <c>configure</c> names one: the API reference and the jobs dashboard need none.
/// </summary>
public sealed class ServiceOnKestrel : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly PostgresServer postgres;

    private ServiceOnKestrel(WebApplicationFactory<Program> factory, PostgresServer postgres, string origin)
    {
        this.factory = factory;
        this.postgres = postgres;
        Origin = origin;
    }

    /// <summary>Scheme, host and port, without a trailing slash.</summary>
    public string Origin { get; }

    public IServiceProvider Services => factory.Services;

    /// <param name="demo">In demo mode (<c>Demo:Enabled</c>), on databases named as demo mode requires.</param>
    public static async Task<ServiceOnKestrel> StartAsync(Action<IWebHostBuilder>? configure = null, bool demo = false)
    {
        var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync(nameEnding: demo ? "_demo" : "");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing")
                .UseSetting("ConnectionStrings:GrowthMonitor", database)
                .UseSetting("Influx:Url", "http://127.0.0.1:9/")
                .UseSetting("Ingestion:IngestNewIndicatorsAtStart", "false");
            if (demo)
            {
                host.UseSetting("Demo:Enabled", "true").UseSetting("Influx:Database", "growthmonitor_demo");
            }

            configure?.Invoke(host);
        });
        // A listen option, not UseKestrel(0): the service's default address (127.0.0.1:5080) would win over that.
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new(factory, postgres, factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await postgres.DisposeAsync();
    }
}
