using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Upgrade;

/// <summary>
/// The previous release's durable state (<c>PreviousRelease/</c>: its PostgreSQL database, its InfluxDB data, and what
/// its API answered, see the README there) under this release: the schema is migrated at start, the run log moves
/// into PostgreSQL, and every note, audit entry, alert delivery and figure is still there, the targets judged the same.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class UpgradeTests(ServersFixture servers) : IDisposable
{
    private const string OperatorKey = "horsens-erhverv-key-0123456789abcdef";

    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tests", "GrowthMonitor.IntegrationTests", "Upgrade", "PreviousRelease");

    private static readonly JsonObject Expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!.AsObject();

    private readonly WireMockServer intranet = WireMockServer.Start();

    [Fact]
    public async Task Start_OnThePreviousReleasesState_KeepsEverythingAndJudgesTheTargetsTheSame()
    {
        intranet.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var harness = await StartOnPreviousReleaseAsync();
        using var client = harness.OperatorClient();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);

        // The start takes over the last verdicts, then judges every target afresh, as the previous release had.
        var previousRun = Expected["GET /api/targets"]!.AsArray().Max(t => t!["evaluatedAt"]!.GetValue<DateTimeOffset>());
        await Eventually.TrueAsync(
            async () => (await client.GetFromJsonAsync<JsonArray>("/api/targets"))!.All(t => t!["evaluatedAt"]?.GetValue<DateTimeOffset>() > previousRun),
            Eventually.BackgroundWork);
        foreach (var target in Expected["GET /api/targets"]!.AsArray())
        {
            var id = target!["target"]!["id"]!.GetValue<string>();
            var judged = await client.GetFromJsonAsync<JsonObject>($"/api/targets/{id}");
            foreach (var field in new[] { "status", "evaluatedPeriod", "actual", "expected", "baseline", "progress" })
            {
                AssertSame($"{id} {field}", target["evaluation"]![field], judged!["evaluation"]![field]);
            }

            AssertSame($"{id} notes", Expected[$"GET /api/targets/{id}/notes"], await client.GetFromJsonAsync<JsonNode>($"/api/targets/{id}/notes"));
            AssertSame($"{id} history", Expected[$"GET /api/targets/{id}/history"], await client.GetFromJsonAsync<JsonNode>($"/api/targets/{id}/history"));
        }

        AssertSame("audit", Expected["GET /api/indicators/apprenticeships/values/audit"], await client.GetFromJsonAsync<JsonNode>("/api/indicators/apprenticeships/values/audit"));
        foreach (var series in new[] { "jobs/series", "jobs/series?vintage=first", "apprenticeships/series", "apprenticeships/series?vintage=first" })
        {
            AssertSame(series, Expected[$"GET /api/indicators/{series}"]!["points"], (await client.GetFromJsonAsync<JsonObject>($"/api/indicators/{series}"))!["points"]);
        }

        // The run log came along: each indicator's last successful run, its table's publication and latest period.
        var indicators = (await client.GetFromJsonAsync<JsonArray>("/api/indicators"))!;
        // Fields this release added (an indicator's aggregation, for one) are additions; every field the previous one had is the same.
        foreach (var (field, value) in Expected["GET /api/indicators"]![0]!.AsObject())
        {
            AssertSame($"jobs' run log, {field}", value, indicators[0]![field]);
        }

        AssertSame("apprenticeships' last run", Expected["GET /api/indicators"]![1]!["lastSuccessfulRun"], indicators[1]!["lastSuccessfulRun"]);

        // The ledger: every event with its deliveries as they stood; judging the same figures again told no one anything.
        var alerts = await client.GetFromJsonAsync<JsonArray>("/api/alerts?limit=500");
        Assert.Equal(Deliveries(Expected["GET /api/alerts?limit=500"]!.AsArray()), Deliveries(alerts!));
        Assert.Empty(intranet.LogEntries);
    }

    public void Dispose() => intranet.Dispose();

    private async Task<ServiceHarness> StartOnPreviousReleaseAsync()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await servers.Postgres.LoadAsync(database, Path.Combine(Folder, "postgres.sql"));
        await AsIfStoppedJustNowAsync(database);
        var influx = await InfluxTestClient.CreateAsync(servers.Influx);
        using (var http = new HttpClient { BaseAddress = servers.Influx.Url })
        using (var body = new StringContent(await File.ReadAllTextAsync(Path.Combine(Folder, "influx.lp")), Encoding.UTF8))
        {
            (await http.PostAsync($"write?db={influx.Database}&precision=ns", body)).EnsureSuccessStatusCode();
        }

        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "catalog.json")))!.AsObject();
        catalog["alliances"]![0]!["webhooks"]![0]!["url"] = intranet.Url + "/hook";
        // The step the upgrade notes ask of a group that entered year-to-date totals, as this one did (2025H1 22, by
        // 2025H2 46): figures entered by hand now count in their period unless the indicator says they are levels.
        catalog["indicators"]![1]!["aggregation"] = "last";
        return ServiceHarness.Create(servers, catalog, database, new Dictionary<string, string?>
        {
            ["Influx:Database"] = influx.Database,
            ["Evaluation:EvaluateChangedCatalogAtStart"] = "true",
            ["Webhooks:horsens-intranet:Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            ["Security:Keys:horsens-erhverv"] = OperatorKey,
            ["PublicBaseUrl"] = "https://vaekst.horsens.example/",
        }, today: new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero));
    }

    /// <summary>
    /// The dump holds the schedule as instants of the night it was made: each recurring job's creation, its next run, and
    /// the score Hangfire's scheduler picks due jobs by. Once the wall clock passes 08:00 UTC of the next day, the
    /// scheduler finds the daily ingestion due since its creation and fires it at start (against no Statistics Denmark
    /// here), and the ledger gains an event. Moving them all by the time since the dump was made is the upgrade this test
    /// means: the previous release stopped a moment ago.
    /// </summary>
    private static async Task AsIfStoppedJustNowAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH shift AS (
                SELECT (extract(epoch FROM now()) * 1000)::bigint
                       - (SELECT max(value::bigint) FROM hangfire.hash WHERE field = 'CreatedAt') AS milliseconds),
            schedule AS (
                UPDATE hangfire.hash SET value = (value::bigint + (SELECT milliseconds FROM shift))::text
                WHERE key LIKE 'recurring-job:%' AND field IN ('CreatedAt', 'NextExecution'))
            UPDATE hangfire.set SET score = score + (SELECT milliseconds FROM shift) / 1000.0
            WHERE key = 'recurring-jobs'
            """, connection);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the dump has no scheduled runs to move");
    }

    private static void AssertSame(string what, JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");

    private static List<string> Deliveries(JsonArray alerts) =>
        [.. alerts.SelectMany(a => a!["deliveries"]!.AsArray().Select(d =>
            $"{a["event"]!["id"]} {a["event"]!["type"]} {d!["id"]} {d["status"]} {d["attempts"]} {d["deliveredAt"]}")).Order(StringComparer.Ordinal)];
}
