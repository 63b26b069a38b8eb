using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// InfluxDB and PostgreSQL of the fault tests' own: these tests stop, freeze and restart them, which no other test may
/// see. The collection runs beside the others.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "faults";
}

/// <summary>
/// One fault test's world: a fake Statistics Denmark, a catalog file, a database in PostgreSQL (for Hangfire and the
/// service's own tables, over pooled connections as in production) and one in InfluxDB, and the configuration that
/// runs the service against them as a process of its own, as many times as a test starts it. Waits are cut from
/// production's minutes to seconds through the ordinary settings, never waited out.
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    private readonly string catalogPath;
    private readonly Dictionary<string, string?> settings;
    private readonly Lazy<JobStorage> jobs;

    private FaultScenario(ServersFixture servers, string postgres, string catalogPath, Dictionary<string, string?> settings, InfluxClient influx)
    {
        Servers = servers;
        Postgres = postgres;
        this.catalogPath = catalogPath;
        this.settings = settings;
        Influx = influx;
        // The test's own view of the job storage, without pooling: a restarted server leaves it no stale connection.
        var monitoring = new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString;
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        jobs = new(() => new PostgreSqlStorage(new NpgsqlConnectionFactory(monitoring, options), options));
    }

    public ServersFixture Servers { get; }

    public StatBankFake StatBank { get; } = new();

    /// <summary>The service's PostgreSQL connection string (Hangfire and the growthmonitor schema).</summary>
    public string Postgres { get; }

    /// <summary>A client of the service's InfluxDB database, for reading what is stored past the service.</summary>
    public InfluxClient Influx { get; }

    /// <summary>Hangfire's storage as the service instances share it, for the state of their jobs.</summary>
    public IMonitoringApi Monitoring => jobs.Value.GetMonitoringApi();

    public static async Task<FaultScenario> CreateAsync(ServersFixture servers, JsonObject catalog, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogPath, catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var postgres = await servers.Postgres.CreateDatabaseAsync(pooling: true);
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        var all = new Dictionary<string, string?>
        {
            ["Influx:Url"] = servers.Influx.Url.ToString(),
            ["Influx:Database"] = influx.Database,
            ["Influx:RetryDelay"] = "00:00:00.050",
            ["ConnectionStrings:GrowthMonitor"] = postgres,
            ["Catalog:Path"] = catalogPath,
            ["StatBank:RetryDelay"] = "00:00:00.050",
            ["Ingestion:StreamRetryDelay"] = "00:00:00.050",
            // Work is resumed by Hangfire, never by the start-up catch-up.
            ["Ingestion:IngestNewIndicatorsAtStart"] = "false",
            ["Evaluation:EvaluateChangedCatalogAtStart"] = "false",
            // A dead process's job is taken up 5 s after its last sign of life instead of a minute; idle workers and
            // the scheduler look twice a second.
            ["Hangfire:InvisibilityTimeout"] = "00:00:05",
            ["Hangfire:QueuePollInterval"] = "00:00:00.500",
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.500",
            ["Security:ApiKeys:0"] = ServiceHarness.ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var scenario = new FaultScenario(servers, postgres, catalogPath, all, influx);
        scenario.settings["StatBank:BaseUrl"] = scenario.StatBank.BaseUrl;
        return scenario;
    }

    /// <summary>Starts an instance of the service (another process each call) and waits until it serves HTTP.</summary>
    public Task<RunningService> StartServiceAsync() =>
        RunningService.StartAsync(settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value));

    /// <summary>Queues an ingestion through the operator API of <paramref name="service"/>; returns the Hangfire job id.</summary>
    public static async Task<string> RefreshAsync(RunningService service, string indicator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/indicators/{indicator}/refresh");
        request.Headers.Add("X-Api-Key", ServiceHarness.ApiKey);
        using var response = await service.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"refresh answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{service.Output}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    /// <summary>The states a job went through, newest first (Hangfire's history).</summary>
    public IReadOnlyList<StateHistoryDto> History(string jobId) => [.. Monitoring.JobDetails(jobId)?.History ?? []];

    public string? StateOf(string jobId) => History(jobId).FirstOrDefault()?.StateName;

    /// <summary>How many points of the measurement InfluxDB holds, of every vintage, committed or not.</summary>
    public async Task<long> CountStoredAsync(string measurement)
    {
        var series = await Influx.QueryAsync(new InfluxQuery($"SELECT count(\"value\") FROM {InfluxQl.Identifier(measurement)}"));
        return series.SelectMany(s => s.Rows).Sum(r => r.GetInt64("count") ?? 0);
    }

    /// <summary>The figures <c>GET /api/indicators/{id}/series</c> serves, as (area, period, value).</summary>
    public static async Task<List<(string Area, string Period, double Value)>> SeriesAsync(HttpClient client, string indicator)
    {
        var series = await client.GetFromJsonAsync<JsonElement>($"/api/indicators/{indicator}/series");
        return [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("area").GetString()!, p.GetProperty("period").GetString()!, p.GetProperty("value").GetDouble()))];
    }

    /// <summary>A single value from the service's own tables in PostgreSQL (the alert ledger, the run-log outbox).</summary>
    /// <summary>Every ended run of an indicator, oldest first, from the run log the instances share.</summary>
    public Task<IReadOnlyList<RecordedRun>> RunsAsync(string indicator) => StoredData.RunsAsync(Postgres, indicator);

    public async Task<T> QueryPostgresAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync()
    {
        StatBank.Dispose();
        File.Delete(catalogPath);
        return ValueTask.CompletedTask;
    }
}
