using GrowthMonitor.Influx;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>The production <see cref="InfluxClient"/> wired to a test server and a fresh database.</summary>
public static class InfluxTestClient
{
    public static async Task<InfluxClient> CreateAsync(InfluxServer server, string? database = null, int batchSize = 5_000)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<InfluxOptions>().Configure(o =>
        {
            o.Url = server.Url;
            o.Database = database ?? ServersFixture.NewInfluxDatabase();
            o.BatchSize = batchSize;
        });
        services.AddInfluxClient();
        var client = services.BuildServiceProvider().GetRequiredService<InfluxClient>();
        await client.EnsureDatabaseAsync();
        return client;
    }
}
