using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Downloads;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Demo;

/// <summary>
/// The service in demo mode, as <c>scripts/run demo</c> starts it: the bundled catalog, the bundled sample answers,
/// databases of the demo's own (named ending in <c>_demo</c>), and Statistics Denmark's address pointing at a closed
/// port, so any request that reached the network would fail.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DemoModeTests(ServersFixture servers)
{
    /// <summary>The day after the sample's date: every series is fresh.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private const string OperatorKey = "demo-operator-key-0123456789abcdef";

    private const string DemoData = "Demodata – ikke rigtige tal";

    [Fact]
    public async Task Demo_NoNetwork_EveryIndicatorIngestedAndReportsJudgeEveryTarget()
    {
        await using var factory = await StartDemoAsync(ingestAtStart: true);
        using var client = factory.CreateClient();
        // As DemoSampleGenerator tunes the figures: Horsens +620 jobs a year against 500, Hedensted's new firms +4 %
        // against 3 %, MidtVest's unemployment −1.8 % against −2 %, its jobs +0.9 % against Denmark's pace plus 0.5
        // points, Herning's population +0.3 % against 0.5 %. Hedensted's apprenticeships, entered by half-year at the
        // demo's start: 11 in 2026H1 against half of the year's goal of 25, 11 / 12.5 = 0.88, at risk (0.85 ≤ 0.88 < 1).
        var expected = new Dictionary<string, string>
        {
            ["horsens-jobs"] = "on_track",
            ["brmv-jobs-vs-denmark"] = "off_track",
            ["brmv-unemployment"] = "at_risk",
            ["herning-population"] = "off_track",
            ["hedensted-new-firms"] = "on_track",
            ["hedensted-apprenticeships"] = "at_risk",
        };

        // The service queues every never-ingested indicator at start, as on a first real run, and judges the targets
        // after each ingestion that brought data; the figures entered by hand are in the run log as an upload's are.
        await Eventually.TrueAsync(async () => await OutcomesAsync(client) is var outcomes && outcomes.Count == 9 && outcomes.All(o => o == "success"), TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(async () => (await ReportStatusesAsync(client)).OrderBy(s => s.Key).SequenceEqual(expected.OrderBy(s => s.Key)), Eventually.BackgroundWork);

        Assert.Equal(expected, await ReportStatusesAsync(client));
        var midYear = await ReportEvaluationAsync(client, 2026, "hedensted-apprenticeships");
        Assert.Equal(("2026H1", 11d, 12.5d), (midYear.GetProperty("evaluatedPeriod").GetString(), midYear.GetProperty("actual").GetDouble(), midYear.GetProperty("expected").GetDouble()));
        Assert.Equal(0.88, midYear.GetProperty("progress").GetDouble(), 9);
        // The year before, summed over its halves: 9 + 13 = 22 against the goal of 20, 1.1, on track.
        var lastYear = await ReportEvaluationAsync(client, 2025, "hedensted-apprenticeships");
        Assert.Equal(("on_track", "2025H2", 22d, 20d), (lastYear.GetProperty("status").GetString(), lastYear.GetProperty("evaluatedPeriod").GetString(),
            lastYear.GetProperty("actual").GetDouble(), lastYear.GetProperty("expected").GetDouble()));
        Assert.Equal(1.1, lastYear.GetProperty("progress").GetDouble(), 9);
    }

    [Fact]
    public async Task Demo_Restarted_EntersItsFiguresOnceAndKeepsACorrection()
    {
        var databases = DemoDatabases(await servers.Postgres.CreateDatabaseAsync(nameEnding: "_demo"));
        await using (var first = await StartDemoAsync(databases))
        {
            using var client = OperatorClient(first);
            Assert.Equal(5, (await AuditAsync(client)).Count);
            using var correction = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2026H1", value = 12 } } });
            Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        }

        await using var second = await StartDemoAsync(databases);
        using var again = OperatorClient(second);
        // Started again on the same databases (the figures are entered before the service answers): the five figures
        // entered at the first start and the correction, nothing more.
        var audit = await AuditAsync(again);
        Assert.Equal(
            [("2024H1", "demo"), ("2024H2", "demo"), ("2025H1", "demo"), ("2025H2", "demo"), ("2026H1", "demo"), ("2026H1", "demo-operator")],
            audit.Select(a => (a.GetProperty("period").GetString(), a.GetProperty("operator").GetString())));
        var series = await again.GetFromJsonAsync<JsonElement>("/api/indicators/apprenticeships/series");
        Assert.Equal(12, series.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2026H1").GetProperty("value").GetDouble());
    }

    /// <summary>
    /// The demo's databases are its own, as <c>scripts/run demo</c> sets them up beside <c>scripts/run</c>'s on the same
    /// servers: a note written in the demo, and the figures it entered, never reach the real database or report.
    /// </summary>
    [Fact]
    public async Task Demo_BesideTheRealService_ItsNoteIsAbsentFromTheRealDatabaseAndReport()
    {
        const string Note = "Demo: gruppen har besøgt 14 virksomheder.";
        var realDatabase = await servers.Postgres.CreateDatabaseAsync();
        await using var real = GrowthMonitorFactory.Create(servers, realDatabase, new Dictionary<string, string?>
        {
            ["StatBank:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["Ingestion:IngestNewIndicatorsAtStart"] = "false",
        });
        await using var demo = await StartDemoAsync();
        using var demoClient = OperatorClient(demo);

        using var written = await demoClient.PostAsJsonAsync("/api/targets/hedensted-apprenticeships/notes", new { period = "2026", text = Note });

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Contains(Note, await demoClient.GetStringAsync("/api/alliances/hedensted/reports/2026?format=html"), StringComparison.Ordinal);
        var demoDatabase = demo.Setting("ConnectionStrings:GrowthMonitor");
        Assert.Equal((1, 5), (await CountAsync(demoDatabase, "target_notes"), await CountAsync(demoDatabase, "value_audit")));

        using var realClient = real.CreateClient();
        Assert.Empty((await realClient.GetFromJsonAsync<JsonElement[]>("/api/targets/hedensted-apprenticeships/notes"))!);
        var realTarget = await ReportTargetAsync(realClient, 2026, "hedensted-apprenticeships");
        Assert.False(realTarget.TryGetProperty("note", out var realNote) && realNote.ValueKind != JsonValueKind.Null, realTarget.ToString());
        Assert.DoesNotContain(Note, await realClient.GetStringAsync("/api/alliances/hedensted/reports/2026?format=html"), StringComparison.Ordinal);
        Assert.DoesNotContain(Note, await realClient.GetStringAsync("/api/alliances/hedensted/reports/2026?format=csv"), StringComparison.Ordinal);
        Assert.Equal((0, 0), (await CountAsync(realDatabase, "target_notes"), await CountAsync(realDatabase, "value_audit")));
        Assert.Empty(await real.Services.GetRequiredService<InfluxClient>().StoredAsync("apprenticeships"));
    }

    /// <summary>Demo mode switched on by mistake beside the real settings: the start stops before anything is written.</summary>
    [Fact]
    public async Task Demo_OnTheRealDatabases_RefusedAtStartOneLinePerDatabase()
    {
        var realDatabase = await servers.Postgres.CreateDatabaseAsync();
        var realInflux = ServersFixture.NewInfluxDatabase();

        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Demo__Enabled"] = "true",
            ["ConnectionStrings__GrowthMonitor"] = realDatabase,
            ["Influx__Url"] = servers.Influx.Url.ToString(),
            ["Influx__Database"] = realInflux,
        });

        Assert.Equal(2, exitCode);
        const string Why = "but Demo:Enabled runs only on databases of the demo's own, whose names end in 'demo' (scripts/run demo uses growthmonitor_demo), so that its invented figures, notes and alerts never mix with real ones";
        Assert.Equal(
            [
                $"Configuration error: ConnectionStrings:GrowthMonitor: names database '{new NpgsqlConnectionStringBuilder(realDatabase).Database}', {Why}",
                $"Configuration error: Influx:Database: is '{realInflux}', {Why}",
            ],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await using var connection = new NpgsqlConnection(realDatabase);
        await connection.OpenAsync();
        await using var schemas = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('growthmonitor', 'hangfire')", connection);
        Assert.Equal(0L, await schemas.ExecuteScalarAsync());
        using var http = new HttpClient();
        var influx = await http.GetFromJsonAsync<JsonElement>(new Uri(servers.Influx.Url, "/query?q=SHOW%20DATABASES"));
        Assert.DoesNotContain(realInflux, influx.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ReportFrontPageAndSeries_SayTheFiguresAreInventedInsteadOfCreditingASource()
    {
        await using var factory = await StartDemoAsync();
        using var client = factory.CreateClient();
        // Hedensted's report has a target on Statistics Denmark's figures and one on figures entered by hand: for real
        // figures its credit would be "Kilde: Danmarks Statistik og egne tal, indtastet i GrowthMonitor".
        const string Report = "/api/alliances/hedensted/reports/2026";

        var html = await client.GetStringAsync($"{Report}?format=html");
        var csv = await client.GetStringAsync($"{Report}?format=csv");
        var xlsx = XlsxReader.Read(await client.GetByteArrayAsync($"{Report}?format=xlsx"));
        var frontPage = await client.GetStringAsync("/");
        var jobs = XlsxReader.Read(await client.GetByteArrayAsync("/api/indicators/jobs/series?area=766&format=xlsx"))["Tal"];
        var apprenticeships = XlsxReader.Read(await client.GetByteArrayAsync("/api/indicators/apprenticeships/series?format=xlsx"))["Tal"];

        Assert.Contains($"<p>{DemoData}.</p>", html, StringComparison.Ordinal);
        Assert.Contains($"opgjort på {DemoData.ToLowerInvariant()}.", html, StringComparison.Ordinal);
        Assert.Contains(DemoData, csv, StringComparison.Ordinal);
        Assert.All(xlsx.Values, sheet => Assert.Equal(DemoData, sheet[1]["A"]));
        Assert.Contains($"<p>{DemoData}.</p>", frontPage, StringComparison.Ordinal);
        Assert.Contains($"på {DemoData.ToLowerInvariant()}.", frontPage, StringComparison.Ordinal);
        Assert.Equal((DemoData, DemoData), (jobs[1]["A"], apprenticeships[1]["A"]));
        Assert.All([html, csv, frontPage], text => Assert.DoesNotContain("Kilde: ", text, StringComparison.Ordinal));
        // Nor does a target's own source section name a table of Statistics Denmark's as the origin of its figures.
        Assert.DoesNotContain("Danmarks Statistik, tabel", html, StringComparison.Ordinal);
    }

    /// <summary>The demo as <c>scripts/run demo</c> starts it, on new databases of its own unless given some.</summary>
    private async Task<GrowthMonitorFactory> StartDemoAsync(IReadOnlyDictionary<string, string?>? databases = null, bool ingestAtStart = false)
    {
        var settings = new Dictionary<string, string?>(databases ?? DemoDatabases(await servers.Postgres.CreateDatabaseAsync(nameEnding: "_demo")))
        {
            ["Demo:Enabled"] = "true",
            ["StatBank:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["StatBank:MaxRetryAttempts"] = "1",
            ["Ingestion:IngestNewIndicatorsAtStart"] = ingestAtStart ? "true" : "false",
            ["Security:Keys:demo-operator"] = OperatorKey,
        };
        return GrowthMonitorFactory.Create(servers, settings["ConnectionStrings:GrowthMonitor"], settings, today: Today);
    }

    private static Dictionary<string, string?> DemoDatabases(string postgres) => new()
    {
        ["ConnectionStrings:GrowthMonitor"] = postgres,
        ["Influx:Database"] = ServersFixture.NewInfluxDatabase() + "_demo",
    };

    private static HttpClient OperatorClient(GrowthMonitorFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    private static async Task<List<JsonElement>> AuditAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/apprenticeships/values/audit"))!];

    private static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM growthmonitor.{table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Each target's status in its alliance's 2026 report, read from the JSON report API.</summary>
    private static async Task<Dictionary<string, string>> ReportStatusesAsync(HttpClient client)
    {
        Dictionary<string, string> statuses = [];
        foreach (var alliance in new[] { "horsens", "brmv", "herning", "hedensted" })
        {
            using var report = JsonDocument.Parse(await client.GetStringAsync($"/api/alliances/{alliance}/reports/2026"));
            foreach (var target in report.RootElement.GetProperty("targets").EnumerateArray())
            {
                statuses[target.GetProperty("target").GetProperty("id").GetString()!] = target.GetProperty("evaluation").GetProperty("status").GetString()!;
            }
        }

        return statuses;
    }

    /// <summary>A target of Hedensted's report for a year, as the JSON report API has it.</summary>
    private static async Task<JsonElement> ReportTargetAsync(HttpClient client, int year, string id)
    {
        var report = await client.GetFromJsonAsync<JsonElement>($"/api/alliances/hedensted/reports/{year}");
        return report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == id);
    }

    private static async Task<JsonElement> ReportEvaluationAsync(HttpClient client, int year, string id) =>
        (await ReportTargetAsync(client, year, id)).GetProperty("evaluation");

    private static async Task<List<string?>> OutcomesAsync(HttpClient client)
    {
        using var indicators = JsonDocument.Parse(await client.GetStringAsync("/api/indicators"));
        return [.. indicators.RootElement.EnumerateArray().Select(i => i.GetProperty("lastOutcome").GetString())];
    }
}
