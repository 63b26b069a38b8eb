using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Storage;

/// <summary>
/// PostgreSQL is required and is brought up to date at start: the service refuses to start without it, or when it
/// cannot reach or use it (a wrong password, nothing listening, a server that never answers), with one line saying
/// why; instances starting together apply each migration once.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DatabaseStartTests(ServersFixture servers)
{
    [Fact]
    public async Task Start_NoConnectionString_ExitsWithOneLineSayingWhatToSet()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__GrowthMonitor"] = "" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.StartsWith("Configuration error: ConnectionStrings:GrowthMonitor: PostgreSQL is required", line, StringComparison.Ordinal);
        Assert.Contains("Host=", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong password", "password authentication failed")]
    [InlineData("nothing listening", "Failed to connect")]
    [InlineData("server that never answers", "no answer within 5 s")]
    public async Task Start_PostgresUnusable_ExitsWithinFifteenSecondsWithOneLine(string problem, string saying)
    {
        var builder = new NpgsqlConnectionStringBuilder(await servers.Postgres.CreateDatabaseAsync());
        // The system completes the TCP handshake for the listener's backlog; nobody accepts, so nothing is ever said.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        switch (problem)
        {
            case "wrong password":
                builder.Password = "not-the-password";
                break;
            case "nothing listening":
                builder.Port = ExternalProcess.FreeLoopbackPort();
                break;
            default:
                silent.Start();
                builder.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
                break;
        }

        var clock = Stopwatch.StartNew();
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__GrowthMonitor"] = builder.ConnectionString });

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(3, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.StartsWith($"Cannot start: PostgreSQL at 127.0.0.1:{builder.Port}, database {builder.Database}: ", line, StringComparison.Ordinal);
        Assert.Contains(saying, line, StringComparison.Ordinal);
        Assert.DoesNotContain(builder.Password!, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SchemaNewerThanTheRelease_ExitsSayingSo()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await ExecuteAsync(database, "CREATE SCHEMA growthmonitor; CREATE TABLE growthmonitor.schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO growthmonitor.schema_versions VALUES (999, 'from the future')");

        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__GrowthMonitor"] = database }, "evaluate");

        Assert.Equal(3, exitCode);
        Assert.Contains("is at schema version 999, newer than", Assert.Single(Lines(errors)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OldNameHangfire_RunsOnItAndSaysToRenameIt()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();

        var (exitCode, output, _) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__GrowthMonitor"] = "",
            ["ConnectionStrings__Hangfire"] = database,
            ["Influx__Url"] = servers.Influx.Url.ToString(),
            ["Influx__Database"] = ServersFixture.NewInfluxDatabase(),
        }, "evaluate");

        Assert.Equal(0, exitCode);
        Assert.Contains("ConnectionStrings:Hangfire is read as ConnectionStrings:GrowthMonitor, its new name; rename the setting", output, StringComparison.Ordinal);
        Assert.Equal(Migrations, await VersionsAsync(database));
    }

    [Fact]
    public async Task Start_TwoInstancesAtOnce_EachMigrationAppliedOnce()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await using var first = GrowthMonitorFactory.Create(servers, database);
        await using var second = GrowthMonitorFactory.Create(servers, database);

        var answers = await Task.WhenAll(new[] { first, second }.Select(factory => Task.Run(async () =>
        {
            using var client = factory.CreateClient();
            return (await client.GetAsync("/health/ready")).StatusCode;
        })));

        Assert.All(answers, status => Assert.Equal(System.Net.HttpStatusCode.OK, status));
        Assert.Equal(Migrations, await VersionsAsync(database));
    }

    /// <summary>This release's migrations: the SQL files of Storage/Migrations (1–3, 5–7) and the import from InfluxDB (4).</summary>
    private static readonly int[] Migrations = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    private static string[] Lines(string errors) => errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<int[]> VersionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT version FROM growthmonitor.schema_versions ORDER BY version", connection);
        List<int> versions = [];
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return [.. versions];
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
