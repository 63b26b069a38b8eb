using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// The real service on Kestrel at a free loopback port, for a browser. No InfluxDB unless <c>configure</c> names one:
/// the API reference and the jobs dashboard need nothing but the service itself.
/// </summary>
public sealed class ServiceOnKestrel : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private ServiceOnKestrel(WebApplicationFactory<Program> factory, string origin)
    {
        this.factory = factory;
        Origin = origin;
    }

    /// <summary>Scheme, host and port, without a trailing slash.</summary>
    public string Origin { get; }

    public IServiceProvider Services => factory.Services;

    public static ServiceOnKestrel Start(Action<IWebHostBuilder>? configure = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing")
                .UseSetting("Influx:Url", "http://127.0.0.1:9/")
                .UseSetting("Ingestion:IngestNewIndicatorsAtStart", "false");
            configure?.Invoke(host);
        });
        // A listen option, not UseKestrel(0): the service's default address (127.0.0.1:5080) would win over that.
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new(factory, factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
