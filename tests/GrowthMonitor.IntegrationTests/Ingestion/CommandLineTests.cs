using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>The one-shot commands, run as a process against the test servers: the same code without the scheduler.</summary>
[Collection(ServersCollection.Name)]
public sealed class CommandLineTests(ServersFixture servers) : IDisposable
{
    private readonly string catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(catalogPath);

    [Fact]
    public async Task Ingest_ThenEvaluate_ExitZeroAndStoreFiguresAndStatuses()
    {
        using var statBank = new StatBankFake();
        statBank.Add(Targets.HorsensScenario.Erhv2());
        var environment = await EnvironmentAsync(statBank, Targets.HorsensScenario.Catalog());

        var ingest = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");
        var evaluate = await ServiceProcess.RunAsync(environment, "evaluate");

        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("jobs: success, 18 rows, 18 points, latest period 2024", ingest.Output); // 3 areas × 6 years
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Contains("horsens-jobs: ", evaluate.Output);
        var influx = await InfluxTestClient.CreateAsync(servers.Influx, environment["Influx__Database"]);
        var stored = await influx.QueryAsync(new GrowthMonitor.Influx.InfluxQuery("SELECT count(\"status\") FROM target_status"));
        Assert.Equal(4, Assert.Single(Assert.Single(stored).Rows).GetInt64("count")); // 2 targets judged at 2023 and at 2024
    }

    [Fact]
    public async Task Ingest_SourceFails_ExitsNonZeroNamingTheIndicator()
    {
        using var statBank = new StatBankFake(); // serves no tables: every /tableinfo answers EXTRACT-NOTFOUND

        var result = await ServiceProcess.RunAsync(await EnvironmentAsync(statBank, Targets.HorsensScenario.Catalog()), "ingest");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("jobs: failed:", result.Errors);
        Assert.Contains("ERHV2", result.Errors);
    }

    [Fact]
    public async Task Ingest_ServiceRunHoldsTheIndicator_WaitsThenFailsWithoutWritingThenRunsOnceFree()
    {
        using var statBank = new StatBankFake();
        statBank.Add(Targets.HorsensScenario.Erhv2());
        var postgres = await servers.Postgres.CreateDatabaseAsync();
        var environment = await EnvironmentAsync(statBank, Targets.HorsensScenario.Catalog());
        environment["ConnectionStrings__GrowthMonitor"] = postgres;
        environment["Ingestion__LockWait"] = "00:00:01";
        await using var service = ServiceHarness.Create(servers, Targets.HorsensScenario.Catalog(), postgres);
        var locks = service.Factory.Services.GetRequiredService<GrowthMonitor.Hangfire.JobLocks>();

        ServiceProcess.Result busy;
        await using (await locks.TryAcquireAsync(GrowthMonitor.Ingestion.IngestJob.LockKey("jobs"), TimeSpan.Zero, CancellationToken.None))
        {
            busy = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");
        }

        var free = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");

        Assert.Equal((1, 0), (busy.ExitCode, free.ExitCode));
        Assert.Contains("jobs: failed: Indicator 'jobs' is still being ingested by another run", busy.Errors);
        Assert.Contains("jobs: success, 18 rows, 18 points", free.Output);
    }

    [Fact]
    public async Task UnknownCommand_UsageAndExit64()
    {
        using var statBank = new StatBankFake();

        var result = await ServiceProcess.RunAsync(await EnvironmentAsync(statBank, Targets.HorsensScenario.Catalog()), "ingets");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("Usage", result.Errors);
    }

    private async Task<Dictionary<string, string?>> EnvironmentAsync(StatBankFake statBank, System.Text.Json.Nodes.JsonObject catalog)
    {
        await File.WriteAllTextAsync(catalogPath, catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new Dictionary<string, string?>
        {
            ["Influx__Url"] = servers.Influx.Url.ToString(),
            ["Influx__Database"] = ServersFixture.NewInfluxDatabase(),
            ["StatBank__BaseUrl"] = statBank.BaseUrl,
            ["StatBank__RetryDelay"] = "00:00:00.050",
            ["Catalog__Path"] = catalogPath,
            ["ConnectionStrings__GrowthMonitor"] = await servers.Postgres.CreateDatabaseAsync(),
        };
    }
}
