using Hangfire;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>One InfluxDB and one PostgreSQL server for the whole test run; tests isolate themselves by database.</summary>
public sealed class ServersFixture : IAsyncLifetime
{
    /// <summary>
    /// The database that <see cref="CreateServiceDatabase"/> copies: the service's migrations and Hangfire's schema
    /// applied once per run, so that a test's host starts on an up-to-date schema instead of building it (most of a
    /// host's start). Tests of the migrations themselves start on empty databases.
    /// </summary>
    private string template = null!;

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

        template = await MigratedDatabaseAsync();
    }

    /// <summary>A new database whose schema is as the service's start leaves it, and which holds nothing else.</summary>
    public string CreateServiceDatabase() => Postgres.CreateDatabase(template);

    /// <inheritdoc cref="CreateServiceDatabase"/>
    /// <param name="pooling">As <see cref="PostgresServer.CreateDatabaseAsync"/>'s.</param>
    public Task<string> CreateServiceDatabaseAsync(bool pooling = false) => Postgres.CreateDatabaseAsync(pooling, template: template);

    /// <summary>
    /// Starts the service on an empty database without its hosted services: its start migrates, the job storage
    /// installs Hangfire's schema, and nothing else (Hangfire's server, the recurring jobs, the catalog's first
    /// ingestions) writes to it. The connections are unpooled, so none is left open to stop the database being copied.
    /// </summary>
    private async Task<string> MigratedDatabaseAsync()
    {
        var database = await Postgres.CreateDatabaseAsync();
        await using (var factory = GrowthMonitorFactory.Create(this, database)
            .WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.RemoveAll<IHostedService>())))
        {
            factory.Services.GetRequiredService<JobStorage>();
        }

        return new NpgsqlConnectionStringBuilder(database).Database!;
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
