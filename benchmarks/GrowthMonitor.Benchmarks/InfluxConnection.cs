using GrowthMonitor.Influx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Benchmarks;

/// <summary>
/// The service's own <see cref="InfluxClient"/> for one database, registered through the same
/// <see cref="InfluxServiceCollectionExtensions.AddInfluxClient"/> the service uses (same HTTP handler and resilience
/// pipeline, default batch size), so the baseline differs from the service only in what it leaves out.
/// </summary>
public sealed class InfluxConnection(ServiceProvider services) : IAsyncDisposable
{
    public InfluxClient Client { get; } = services.GetRequiredService<InfluxClient>();

    /// <summary>The batch size the service writes with, left at its default on both sides.</summary>
    public int BatchSize { get; } = services.GetRequiredService<IOptions<InfluxOptions>>().Value.BatchSize;

    public static InfluxConnection Open(Uri url, string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<InfluxOptions>().Configure(options =>
        {
            options.Url = url;
            options.Database = database;
        });
        services.AddInfluxClient();
        return new InfluxConnection(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
