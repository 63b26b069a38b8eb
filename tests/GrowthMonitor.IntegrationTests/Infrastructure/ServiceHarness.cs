using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>
/// The service configured against the test servers and a <see cref="StatBankFake"/>, with a catalog file of the
/// test's own. Retry delays are cut to milliseconds so fault tests stay fast.
/// </summary>
public sealed record RecordedRun(string Outcome, DateTimeOffset Time, long? Rows, long? Points, string? Error);

public sealed class ServiceHarness : IAsyncDisposable
{
    public const string ApiKey = "test-operator-key-0123456789";

    private readonly string catalogPath;

    private ServiceHarness(GrowthMonitorFactory factory, StatBankFake statBank, string catalogPath)
    {
        Factory = factory;
        StatBank = statBank;
        this.catalogPath = catalogPath;
    }

    public GrowthMonitorFactory Factory { get; }

    public StatBankFake StatBank { get; }

    public InfluxClient Influx => Factory.Services.GetRequiredService<InfluxClient>();

    public static ServiceHarness Create(
        ServersFixture servers,
        JsonObject catalog,
        string? database = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        DateTimeOffset? today = null,
        TimeProvider? clock = null)
    {
        var statBank = new StatBankFake();
        var catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(catalogPath, catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var all = new Dictionary<string, string?>
        {
            ["Catalog:Path"] = catalogPath,
            ["StatBank:BaseUrl"] = statBank.BaseUrl,
            ["StatBank:RetryDelay"] = "00:00:00.050",
            ["StatBank:AttemptTimeout"] = "00:00:02",
            ["StatBank:TotalTimeout"] = "00:00:20",
            ["Ingestion:StreamRetryDelay"] = "00:00:00.050",
            ["Ingestion:IngestNewIndicatorsAtStart"] = "false",
            ["Evaluation:EvaluateChangedCatalogAtStart"] = "false",
            ["Security:ApiKeys:0"] = ApiKey,
            // Scheduled jobs (a delivery's retry) are looked for twice a second instead of every 15 s, so that a chain of
            // them is not paced by polling on a busy machine; queued jobs wake a worker at once anyway.
            ["Hangfire:SchedulePollingInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // A null setting removes one of the defaults above.
            if (value is null)
            {
                all.Remove(key);
            }
            else
            {
                all[key] = value;
            }
        }

        return new ServiceHarness(GrowthMonitorFactory.Create(servers, database, all, today, clock), statBank, catalogPath);
    }

    public static JsonObject Indicator(string id, string table, string area, object select, string[]? areas = null) => new()
    {
        ["id"] = id,
        ["title"] = $"Test {id}",
        ["table"] = table,
        ["area"] = area,
        ["select"] = JsonSerializer.SerializeToNode(select),
        ["areas"] = areas is null ? null : new JsonArray([.. areas.Select(a => (JsonNode)a)]),
        ["schedule"] = "0 9 * * *",
    };

    public static JsonObject Catalog(params JsonObject[] indicators) => new() { ["indicators"] = new JsonArray(indicators) };

    public Task<IngestResult> IngestAsync(string indicatorId)
    {
        var catalog = Factory.Services.GetRequiredService<GrowthMonitor.Catalog.GrowthCatalog>();
        return Factory.Services.GetRequiredService<IndicatorIngestor>().IngestAsync(catalog.FindIndicator(indicatorId)!, CancellationToken.None);
    }

    /// <summary>A client that sends the operator key, as the endpoints that change state require.</summary>
    public HttpClient OperatorClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Judges every target and stores the results, as the evaluation job does after an ingestion.</summary>
    public Task EvaluateAsync() =>
        Factory.Services.GetRequiredService<GrowthMonitor.Targets.TargetJudge>().EvaluateAsync(CancellationToken.None);

    /// <summary>Every stored point of a measurement as (area, period start, value), in a stable order.</summary>
    public Task<IReadOnlyList<(string Area, DateTimeOffset Time, double Value)>> StoredAsync(string measurement) => Influx.StoredAsync(measurement);

    /// <summary>Every ended run of an indicator, oldest first, read straight from the run log.</summary>
    public Task<IReadOnlyList<RecordedRun>> RunsAsync(string indicator) => StoredData.RunsAsync(Database, indicator);

    /// <summary>The service's PostgreSQL database.</summary>
    public string Database => Factory.Setting("ConnectionStrings:GrowthMonitor");

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        StatBank.Dispose();
        File.Delete(catalogPath);
    }
}
