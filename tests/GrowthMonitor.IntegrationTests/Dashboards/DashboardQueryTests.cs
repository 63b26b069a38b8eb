using System.Text.Json.Nodes;
using GrowthMonitor.Alerts;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.IntegrationTests.Dashboards;

/// <summary>
/// There is no Grafana here, so the dashboards are checked the way Grafana would use them: every JSON file parses and
/// is provisioned, and every variable and panel query, with Grafana's macros and variables replaced as its InfluxDB
/// data source replaces them, runs against a real InfluxDB holding data written by the service itself.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DashboardQueryTests(ServersFixture servers) : IDisposable
{
    private readonly WireMockServer intranet = WireMockServer.Start();

    /// <summary>A Grafana time range around everything the scenario writes: figures 2019–2024, runs, trajectories to 2030.</summary>
    private static readonly DateTimeOffset From = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> DanishTitles = new()
    {
        ["alliance-overview.json"] = "Vækstmål – overblik",
        ["indicators.json"] = "Indikatorer",
        ["freshness.json"] = "Datafriskhed",
    };

    public void Dispose() => intranet.Stop();

    [Fact]
    public void Dashboards_EveryFile_ParsesWithUniqueUidAndDanishTitle()
    {
        var dashboards = GrafanaDashboards.Load();

        Assert.Equal(DanishTitles.Keys.Order(), dashboards.Select(d => d.FileName).Where(DanishTitles.ContainsKey).Order());
        foreach (var dashboard in dashboards)
        {
            Assert.False(string.IsNullOrWhiteSpace(dashboard.Uid), $"{dashboard.FileName} has no uid.");
            Assert.True(dashboard.Uid!.Length <= 40, $"{dashboard.FileName}: Grafana uids are at most 40 characters.");
            Assert.False(string.IsNullOrWhiteSpace(dashboard.Title), $"{dashboard.FileName} has no title.");
            if (DanishTitles.TryGetValue(dashboard.FileName, out var title))
            {
                Assert.Equal(title, dashboard.Title);
            }

            Assert.InRange((int?)dashboard.Json["schemaVersion"] ?? 0, 36, 41); // Grafana 10.0–11.x
            var panelIds = dashboard.Panels.Select(p => (int?)p["id"]).ToList();
            Assert.All(panelIds, id => Assert.NotNull(id));
            Assert.Equal(panelIds.Count, panelIds.Distinct().Count());
            Assert.All(dashboard.Panels, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["title"]), $"{dashboard.FileName}: a panel has no title."));
        }

        var duplicates = dashboards.GroupBy(d => d.Uid).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Dashboards_EveryQuery_IsRawInfluxQlOnTheProvisionedDataSource()
    {
        foreach (var dashboard in GrafanaDashboards.Load())
        {
            foreach (var variable in dashboard.Variables.Where(v => (string?)v["type"] == "query"))
            {
                Assert.Equal(GrafanaDashboards.DataSourceUid, (string?)variable["datasource"]?["uid"]);
                Assert.False(string.IsNullOrWhiteSpace(GrafanaDashboards.VariableQuery(variable)), $"{dashboard.FileName}: variable {variable["name"]} has no query.");
            }

            foreach (var query in dashboard.Queries)
            {
                Assert.Equal(GrafanaDashboards.DataSourceUid, (string?)query.Panel["datasource"]?["uid"]);
                Assert.Equal(GrafanaDashboards.DataSourceUid, (string?)query.Target["datasource"]?["uid"]);
                Assert.True(query.RawQuery, $"{query}: set rawQuery, so that the query text below is what Grafana sends.");
                Assert.False(string.IsNullOrWhiteSpace(query.Query), $"{query} is empty.");
                Assert.Contains(query.ResultFormat, new[] { "time_series", "table" });
                if (query.PanelType == "timeseries")
                {
                    Assert.True(query.Query.Contains("$timeFilter", StringComparison.Ordinal), $"{query}: a time series must be limited to the dashboard's time range with $timeFilter.");
                }

                if (query.Query.Contains("GROUP BY time(", StringComparison.OrdinalIgnoreCase))
                {
                    // The figures are sparse (one point a year or quarter): empty buckets would break the lines.
                    Assert.True(query.Query.Contains("fill(none)", StringComparison.OrdinalIgnoreCase), $"{query}: GROUP BY time needs fill(none) for sparse figures.");
                }
            }
        }
    }

    [Fact]
    public void StatusTable_EveryTargetStatus_MappedToDanishWordAndColour()
    {
        var status = Assert.Single(GrafanaDashboards.Load("alliance-overview.json").Queries, q => q.Query.Contains("\"target_evaluation\"", StringComparison.Ordinal) && q.ResultFormat == "table");
        var mappings = ValueMappings(status.Panel);
        var expected = new Dictionary<TargetStatus, string>
        {
            [TargetStatus.OnTrack] = "På sporet",
            [TargetStatus.AtRisk] = "I risiko",
            [TargetStatus.OffTrack] = "Bagud",
            [TargetStatus.NoData] = "Ingen data",
        };

        Assert.Equal(Enum.GetValues<TargetStatus>().Order(), expected.Keys.Order());
        foreach (var (value, word) in expected)
        {
            Assert.True(mappings.TryGetValue(Wire.Status.Of(value), out var mapping), $"No value mapping for status '{Wire.Status.Of(value)}'.");
            Assert.Equal(word, (string?)mapping["text"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)mapping["color"]), $"Status '{Wire.Status.Of(value)}' has no colour.");
        }

        Assert.Equal(4, mappings.Values.Select(m => (string?)m["color"]).Distinct().Count());
    }

    [Fact]
    public void Provisioning_DataSourceAndDashboardProvider_ExistAndMatchCompose()
    {
        var root = GrafanaDashboards.RepositoryRoot();
        var dataSource = File.ReadAllText(Path.Combine(root, "dashboards", "provisioning", "datasources", "influxdb.yaml"));
        var provider = File.ReadAllText(Path.Combine(root, "dashboards", "provisioning", "dashboards", "growthmonitor.yaml"));

        Assert.Contains($"uid: {GrafanaDashboards.DataSourceUid}", dataSource);
        Assert.Contains("type: influxdb", dataSource);
        Assert.Contains("version: InfluxQL", dataSource);
        Assert.Contains("${GROWTHMONITOR_INFLUX_URL}", dataSource);
        Assert.Contains("${GROWTHMONITOR_INFLUX_DATABASE}", dataSource);
        Assert.Contains("type: file", provider);
        var path = provider.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("path:", StringComparison.Ordinal))["path:".Length..].Trim();
        var compose = File.ReadAllText(Path.Combine(root, "docker", "docker-compose.yml"));
        Assert.Contains($"../dashboards:{path}:ro", compose);
        Assert.Contains("../dashboards/provisioning/datasources:/etc/grafana/provisioning/datasources:ro", compose);
        Assert.Contains("../dashboards/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro", compose);
    }

    [Fact]
    public async Task EveryQuery_AsGrafanaSendsIt_RunsAndReturnsTheScenario()
    {
        await using var harness = await StartScenarioAsync();
        var influx = harness.Influx;

        var overview = await RunAsync(influx, GrafanaDashboards.Load("alliance-overview.json"), new()
        {
            ["alliance"] = ["horsens"],
            ["target"] = ["horsens-jobs"],
        });
        // A run still writing (its vintage not committed) must not show: 1 job in Horsens in 2024, vintage 99.
        await influx.WriteLineProtocolAsync(System.Text.Encoding.UTF8.GetBytes($"jobs,area=615,table=ERHV2,vintage=99 value=1 {new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(99).ToUnixTimeMilliseconds()}\n"));
        var indicators = await RunAsync(influx, GrafanaDashboards.Load("indicators.json"), new()
        {
            ["indicator"] = ["jobs"],
            ["area"] = ["615", "082"],
        });
        var newFirms = await RunAsync(influx, GrafanaDashboards.Load("indicators.json"), new()
        {
            ["indicator"] = ["new-firms"],
            ["area"] = ["766"],
        });
        var freshness = await RunAsync(influx, GrafanaDashboards.Load("freshness.json"), new());

        // Vækstmål – overblik: one latest row per target, also for a target without figures, with the reason.
        Assert.Equal(["horsens-jobs", "horsens-unemployment", "horsens-vs-denmark"], overview.Options["target"].Order());
        var status = overview.Results["growthmonitor-overview/2/A"];
        Assert.Equal(["horsens-jobs", "horsens-unemployment", "horsens-vs-denmark"], status.Select(s => s.Tag("target")).Order());
        var horsensJobs = Assert.Single(status.Single(s => s.Tag("target") == "horsens-jobs").Rows);
        Assert.Equal("at_risk", horsensJobs.GetString("Status"));
        Assert.Equal("2024", horsensJobs.GetString("Periode"));
        Assert.Equal(0.9, horsensJobs.GetDouble("Fremdrift")!.Value, 1e-9);
        Assert.Equal(41_900d, horsensJobs.GetDouble("Faktisk"));
        var unemployment = Assert.Single(status.Single(s => s.Tag("target") == "horsens-unemployment").Rows);
        Assert.Equal("no_data", unemployment.GetString("Status"));
        // Its table does not exist, so the reason is the failed fetch with Statistics Denmark's answer.
        Assert.StartsWith("The latest fetch from Statistics Denmark, at ", unemployment.GetString("Årsag"), StringComparison.Ordinal);
        Assert.Contains("AULK01", unemployment.GetString("Årsag"), StringComparison.Ordinal);
        Assert.Null(unemployment.GetString("Periode"));
        var actual = Assert.Single(overview.Results["growthmonitor-overview/3/A"]);
        Assert.Equal([(2022, 41_000d), (2023, 41_450d), (2024, 41_900d)], actual.Rows.Select(r => (r.Time.Year, r.GetDouble("actual")!.Value)));
        var expected = Assert.Single(overview.Results["growthmonitor-overview/3/B"]).Rows;
        Assert.Equal(9, expected.Count); // 2022–2030
        Assert.Equal((2022, 41_000d), (expected[0].Time.Year, expected[0].GetDouble("expected")!.Value));
        Assert.Equal((2030, 45_000d), (expected[^1].Time.Year, expected[^1].GetDouble("expected")!.Value));

        // Indikatorer: the service's own measurements are no indicators; the chosen areas only, hyphenated ids too.
        Assert.Equal(["jobs", "new-firms"], indicators.Options["indicator"].Order());
        Assert.Equal(["000", "082", "615"], indicators.Options["area"].Order());
        var jobs = indicators.Results["growthmonitor-indicators/1/A"];
        Assert.Equal(["082", "615"], jobs.Select(s => s.Tag("area")).Order());
        Assert.Equal(
            HorsensScenario.Jobs.Where(j => j.Key.Area == "615").Select(j => (double)j.Value),
            jobs.Single(s => s.Tag("area") == "615").Rows.Select(r => r.GetDouble("value")!.Value));
        var latest = indicators.Results["growthmonitor-indicators/2/A"];
        Assert.Equal(609_000d, Assert.Single(latest.Single(s => s.Tag("area") == "082").Rows).GetDouble("Værdi"));
        Assert.Equal(41_900d, Assert.Single(latest.Single(s => s.Tag("area") == "615").Rows).GetDouble("Værdi"));
        Assert.Equal(["615", "766"], newFirms.Options["area"].Order());
        Assert.Equal([12d, 15d, 18d], Assert.Single(newFirms.Results["growthmonitor-indicators/1/A"]).Rows.Select(r => r.GetDouble("value")!.Value));

        // Datafriskhed: the latest run of each indicator, the last run with new figures, and the failure with its error.
        var runs = freshness.Results["growthmonitor-freshness/1/A"].ToDictionary(s => s.Tag("indicator"), s => Assert.Single(s.Rows));
        Assert.Equal(["jobs", "new-firms", "unemployment"], runs.Keys.Order());
        Assert.Equal("success", runs["jobs"].GetString("Udfald"));
        Assert.Equal("2024", runs["jobs"].GetString("Seneste periode"));
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), runs["jobs"].GetInt64("Tabel opdateret hos DST")); // 08:00 in Copenhagen
        Assert.Equal(HorsensScenario.Jobs.Count, runs["jobs"].GetInt64("Punkter"));
        Assert.Equal("failed", runs["unemployment"].GetString("Udfald"));
        Assert.Contains("AULK01", runs["unemployment"].GetString("Fejl"));
        Assert.Equal(["jobs", "new-firms"], freshness.Results["growthmonitor-freshness/2/A"].Select(s => s.Tag("indicator")).Order());
        Assert.Equal(1L, Assert.Single(Assert.Single(freshness.Results["growthmonitor-freshness/3/A"]).Rows).GetInt64("count"));
        var failed = Assert.Single(freshness.Results["growthmonitor-freshness/4/A"]);
        Assert.Equal("unemployment", failed.Tag("indicator"));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(failed.Rows).GetString("Fejl")));
        var refused = Assert.Single(freshness.Results["growthmonitor-freshness/6/A"]);
        Assert.Equal(("horsens", "webhook:horsens-intranet"), (refused.Tag("alliance"), refused.Tag("route")));
        Assert.Contains("400", Assert.Single(refused.Rows).GetString("Fejl"));
    }

    [Fact]
    public void Interpolator_GrafanaForms_AsGrafanaSendsThem()
    {
        var interpolator = new GrafanaInterpolator(From, To);
        interpolator.Set("area", ["615", "082"], multi: true);
        interpolator.Set("indicator", ["new-firms"], multi: false);
        interpolator.Set("target", ["a.b"], multi: false);

        Assert.Equal(
            "SELECT \"value\" FROM /^new-firms$/ WHERE \"area\" =~ /^(615|082)$/ AND time >= 946684800000ms and time <= 2051222400000ms",
            interpolator.Interpolate("SELECT \"value\" FROM /^$indicator$/ WHERE \"area\" =~ /^$area$/ AND $timeFilter"));
        Assert.Equal("\"target\" =~ /^a\\.b$/ AND \"x\" = 'a.b'", interpolator.Interpolate("\"target\" =~ /^${target}$/ AND \"x\" = '[[target]]'"));
        Assert.Throws<InvalidOperationException>(() => interpolator.Interpolate("\"area\" = '$area'"));
        Assert.Throws<InvalidOperationException>(() => interpolator.Interpolate("\"area\" =~ /^$unknown$/"));
    }

    /// <summary>
    /// The Horsens scenario (jobs 2019–2024 for 000/082/615, two targets) plus new firms in Hedensted (an id with '-')
    /// and an unemployment indicator whose table Statistics Denmark does not have, so that one run failed and a target
    /// on it has no data; targets evaluated.
    /// </summary>
    private async Task<ServiceHarness> StartScenarioAsync()
    {
        var catalog = HorsensScenario.Catalog();
        var indicators = catalog["indicators"]!.AsArray();
        indicators.Add(ServiceHarness.Indicator("new-firms", "DEMO19", "REGI07A", new Dictionary<string, string[]> { ["MÆNGDE4"] = ["NYE"] }));
        indicators.Add(ServiceHarness.Indicator("unemployment", "AULK01", "OMRÅDE", new Dictionary<string, string[]> { ["YDELSESTYPE"] = ["TOT"] }));
        catalog["targets"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "horsens-unemployment", "title": "Færre ledige", "alliance": "horsens", "indicator": "unemployment", "areas": ["615"],
              "kind": "percent-growth", "direction": "down", "amount": 2, "baselinePeriod": "2022", "endPeriod": "2030" }
            """));
        // The alliance's intranet refuses its webhook, so that one alert delivery has failed.
        catalog["alliances"]![0]!["webhooks"] = JsonNode.Parse($$"""[{ "id": "horsens-intranet", "url": "{{intranet.Url}}/hook", "format": "json" }]""");
        intranet.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(400).WithBody("unknown payload"));
        var harness = ServiceHarness.Create(servers, catalog, today: HorsensScenario.Today, settings: new Dictionary<string, string?>
        {
            ["Webhooks:horsens-intranet:Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
        });
        try
        {
            harness.StatBank.Add(HorsensScenario.Erhv2());
            harness.StatBank.Add(new FakeTable("DEMO19", "REGI07A", ["615", "766"], ["2022", "2023", "2024"], new Dictionary<string, IReadOnlyList<string>> { ["MÆNGDE4"] = ["NYE"] })
            {
                Values = (area, year) => area == "766" ? 12 + (3 * (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) - 2022)) : 40,
            });
            await harness.IngestAsync("jobs");
            await harness.IngestAsync("new-firms");
            await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("unemployment"));
            await harness.EvaluateAsync();
            var ledger = harness.Factory.Services.GetRequiredService<IAlertLedger>();
            await Eventually.TrueAsync(async () => (await ledger.RecentAsync(10, CancellationToken.None)).SelectMany(e => e.Deliveries).Any(d => d.Status == DeliveryStatus.Failed), TimeSpan.FromSeconds(30));
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    private sealed record DashboardRun(Dictionary<string, IReadOnlyList<string?>> Options, Dictionary<string, IReadOnlyList<InfluxSeries>> Results);

    /// <summary>
    /// Resolves the dashboard's variables in order (each query with the earlier ones substituted), checks that the
    /// chosen values are among the options Grafana would offer, then runs every panel query and requires rows.
    /// </summary>
    private static async Task<DashboardRun> RunAsync(InfluxClient influx, DashboardFile dashboard, Dictionary<string, string[]> choices)
    {
        var interpolator = new GrafanaInterpolator(From, To);
        var run = new DashboardRun([], []);
        foreach (var variable in dashboard.Variables)
        {
            var name = (string)variable["name"]!;
            var query = interpolator.Interpolate(GrafanaDashboards.VariableQuery(variable));
            var options = GrafanaDashboards.VariableOptions(variable, query, await QueryAsync(influx, $"{dashboard.FileName} variable ${name}", query));
            Assert.DoesNotContain(null, options);
            run.Options[name] = options;
            // A hidden "All" variable (the committed vintages) takes every option, as Grafana's All does.
            if (!choices.TryGetValue(name, out var chosen) && (bool?)variable["includeAll"] == true && (int?)variable["hide"] == 2)
            {
                chosen = [.. options.OfType<string>()];
            }

            Assert.True(chosen is not null, $"The test chooses no value for ${name} of {dashboard.FileName}.");
            Assert.Subset(options.ToHashSet(), chosen!.ToHashSet<string?>());
            interpolator.Set(name, chosen, multi: (bool?)variable["multi"] == true || (bool?)variable["includeAll"] == true);
        }

        foreach (var query in dashboard.Queries)
        {
            var text = interpolator.Interpolate(query.Query);
            var series = await QueryAsync(influx, query.ToString(), text);
            Assert.True(series.Any(s => s.Rows.Count > 0), $"{query} returned no rows:\n{text}");
            run.Results[query.Key] = series;
        }

        return run;
    }

    private static async Task<IReadOnlyList<InfluxSeries>> QueryAsync(InfluxClient influx, string where, string text)
    {
        try
        {
            return await influx.QueryAsync(new InfluxQuery(text));
        }
        catch (InfluxException e)
        {
            Assert.Fail($"{where}: {e.Message}\n{text}");
            throw;
        }
    }

    /// <summary>Every value mapping of a panel (defaults and overrides): the mapped value and its text and colour.</summary>
    private static Dictionary<string, JsonObject> ValueMappings(JsonObject panel)
    {
        var lists = new List<JsonArray?> { panel["fieldConfig"]?["defaults"]?["mappings"] as JsonArray };
        lists.AddRange((panel["fieldConfig"]?["overrides"] as JsonArray ?? [])
            .SelectMany(o => o?["properties"] as JsonArray ?? [])
            .Where(p => (string?)p?["id"] == "mappings")
            .Select(p => p?["value"] as JsonArray));
        return lists.SelectMany(l => l ?? [])
            .Where(m => (string?)m?["type"] == "value")
            .SelectMany(m => m!["options"]!.AsObject())
            .ToDictionary(o => o.Key, o => o.Value!.AsObject());
    }
}
