using System.Net;
using System.Net.Http.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// The backup and restore of docs/operations.md, run as written against the real servers: what readers saw before (figures, the
/// judged status, a follow-up note) is what a service on the restored stores shows.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BackupRestoreTests(ServersFixture servers) : IDisposable
{
    private readonly DirectoryInfo backups = Directory.CreateTempSubdirectory("growthmonitor-backup-");

    public void Dispose() => backups.Delete(recursive: true);

    [Fact]
    public async Task BackupThenRestore_BothStores_TheServiceShowsWhatItShowedBefore()
    {
        var postgres = await servers.Postgres.CreateDatabaseAsync();
        string influxDatabase;
        (string Series, string Target, string Notes) before;
        await using (var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), postgres, today: HorsensScenario.Today))
        {
            harness.StatBank.Add(HorsensScenario.Erhv2());
            await harness.IngestAsync("jobs");
            await harness.EvaluateAsync();
            using var client = harness.OperatorClient();
            using var note = await client.PostAsJsonAsync("/api/targets/horsens-jobs/notes", new { period = "2024", text = "Ny erhvervsskole åbnet." });
            Assert.Equal(HttpStatusCode.Created, note.StatusCode);
            before = await ReadAsync(client);
            influxDatabase = harness.Factory.Setting("Influx:Database");

            await servers.Influx.BackupAsync(influxDatabase, Path.Combine(backups.FullName, "influxdb"));
            await servers.Postgres.DumpAsync(postgres, Path.Combine(backups.FullName, "growthmonitor.dump"));
        }

        var influx = await InfluxTestClient.CreateAsync(servers.Influx, influxDatabase);
        await influx.QueryAsync(new GrowthMonitor.Influx.InfluxQuery($"DROP DATABASE \"{influxDatabase}\""));
        await servers.Influx.RestoreAsync(influxDatabase, Path.Combine(backups.FullName, "influxdb"));
        await servers.Postgres.RestoreAsync(postgres, Path.Combine(backups.FullName, "growthmonitor.dump"));

        await using var restored = ServiceHarness.Create(servers, HorsensScenario.Catalog(), postgres,
            settings: new Dictionary<string, string?> { ["Influx:Database"] = influxDatabase }, today: HorsensScenario.Today);
        using var reader = restored.OperatorClient();
        var after = await ReadAsync(reader);

        Assert.Equal(before, after);
        Assert.Contains("\"actual\":41900", after.Target);              // 615's jobs in 2024, as the scenario serves them
        Assert.Contains("Ny erhvervsskole åbnet.", after.Notes);
    }

    private static async Task<(string Series, string Target, string Notes)> ReadAsync(HttpClient client) => (
        await client.GetStringAsync("/api/indicators/jobs/series?area=615"),
        await client.GetStringAsync("/api/targets/horsens-jobs"),
        await client.GetStringAsync("/api/targets/horsens-jobs/notes"));
}
