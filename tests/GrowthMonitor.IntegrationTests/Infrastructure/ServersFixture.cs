namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>One InfluxDB and one PostgreSQL server for the whole test run; tests isolate themselves by database.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public InfluxServer Influx { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var influx = InfluxServer.StartAsync();
        var postgres = PostgresServer.StartAsync();
        try
        {
            await Task.WhenAll(influx, postgres);
        }
        finally
        {
            // Whichever started is kept so that DisposeAsync stops it even when the other failed.
            Influx = influx.IsCompletedSuccessfully ? influx.Result : null!;
            Postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null!;
            if (Influx is null || Postgres is null)
            {
                await DisposeAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Influx is not null)
        {
            await Influx.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }

    public static string NewInfluxDatabase() => "test_" + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}
