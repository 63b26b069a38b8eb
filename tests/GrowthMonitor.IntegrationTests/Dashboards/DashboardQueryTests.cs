using System.Net.Http.Json;
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
        ["comparison.json"] = "Sammenligning",
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

            // Grafana 12.x writes 41; a newer Grafana migrates 41 up when it reads the file.
            Assert.Equal(41, (int?)dashboard.Json["schemaVersion"]);
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
            ["year"] = ["2024"],
        });
        // A run still writing (its vintage not committed) must not show: 1 job in Horsens in 2024, vintage 99.
        await influx.WriteLineProtocolAsync(System.Text.Encoding.UTF8.GetBytes($"jobs,area=615,area_name=Horsens,table=ERHV2,vintage=99 value=1 {new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(99).ToUnixTimeMilliseconds()}\n"));
        var indicators = await RunAsync(influx, GrafanaDashboards.Load("indicators.json"), new()
        {
            ["indicator"] = ["jobs"],
            ["area"] = ["Horsens", "Region Midtjylland"],
        });
        var newFirms = await RunAsync(influx, GrafanaDashboards.Load("indicators.json"), new()
        {
            ["indicator"] = ["new-firms"],
            ["area"] = ["Hedensted"],
        });
        var comparison = await RunAsync(influx, GrafanaDashboards.Load("comparison.json"), new()
        {
            ["indicator"] = ["jobs"],
            ["alliance"] = ["horsens"],
            ["baseline"] = ["2022"],
            ["year"] = ["2024"],
        });
        var freshness = await RunAsync(influx, GrafanaDashboards.Load("freshness.json"), new());

        // Vækstmål – overblik: names in the lists, one latest row per target with its title, also without figures.
        Assert.Equal([new VariableOption("horsens", "Vækstalliancen Horsens")], overview.Options["alliance"]);
        Assert.Equal(
            [new VariableOption("horsens-jobs", "500 flere job om året"), new VariableOption("horsens-unemployment", "Færre ledige"), new VariableOption("horsens-vs-denmark", "Hurtigere jobvækst end landet")],
            overview.Options["target"].OrderBy(o => o.Value, StringComparer.Ordinal));
        Assert.Equal(["2022", "2023", "2024", "2025"], overview.Options["year"].Select(o => o.Value).Order());
        var status = overview.Results["growthmonitor-overview/2/A"];
        Assert.Equal(["500 flere job om året", "Færre ledige", "Hurtigere jobvækst end landet"], status.Select(s => Assert.Single(s.Rows).GetString("Mål")).Order());
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
        Assert.Equal("500 flere job om året: faktisk udvikling, forventet forløb og foreløbigt skøn", overview.Interpolator.Interpolate((string)overview.Dashboard.Panels.Single(p => (int?)p["id"] == 3)["title"]!));
        // The early estimate beside them, at the start of 2025 where the official figure will come: 41,900 × 40,400 /
        // 40,000 = 42,319 (AnnualReportNowcastScenario); no band (no earlier year has a second quarter to estimate with).
        var nowcast = Assert.Single(Assert.Single(overview.Results["growthmonitor-overview/3/C"]).Rows);
        Assert.Equal(2025, nowcast.Time.Year);
        Assert.Equal(AnnualReportNowcastScenario.Horsens2025, nowcast.GetDouble("Foreløbigt skøn")!.Value, 1e-6);
        Assert.Null(nowcast.GetDouble("Skøn, nedre grænse (80 %)"));
        Assert.Null(nowcast.GetDouble("Skøn, øvre grænse (80 %)"));
        Assert.Equal("$col", (string?)overview.Dashboard.Panels.Single(p => (int?)p["id"] == 3)["targets"]![2]!["alias"]);

        // Indikatorer: titles in the list (the service's own measurements are no indicators), areas by name.
        Assert.Equal(
            [new VariableOption("jobs", "Job på arbejdssteder"), new VariableOption("new-firms", "Test new-firms"), new VariableOption("population", "Test population"), new VariableOption("unemployment", "Test unemployment"), new VariableOption("wage-earners", "Test wage-earners")],
            indicators.Options["indicator"].OrderBy(o => o.Value, StringComparer.Ordinal));
        Assert.Equal(["Hele landet", "Horsens", "Region Midtjylland"], indicators.Options["area"].Select(o => o.Text).Order());
        var jobs = indicators.Results["growthmonitor-indicators/1/A"];
        Assert.Equal(["Horsens", "Region Midtjylland"], jobs.Select(s => s.Tag("area_name")).Order());
        Assert.Equal(
            HorsensScenario.Jobs.Where(j => j.Key.Area == "615").Select(j => (double)j.Value),
            jobs.Single(s => s.Tag("area_name") == "Horsens").Rows.Select(r => r.GetDouble("value")!.Value));
        var latest = indicators.Results["growthmonitor-indicators/2/A"];
        Assert.Equal(609_000d, Assert.Single(latest.Single(s => s.Tag("area_name") == "Region Midtjylland").Rows).GetDouble("Værdi"));
        Assert.Equal(41_900d, Assert.Single(latest.Single(s => s.Tag("area_name") == "Horsens").Rows).GetDouble("Værdi"));
        Assert.Equal(["Hedensted", "Horsens"], newFirms.Options["area"].Select(o => o.Text).Order());
        Assert.Equal([12d, 15d, 18d], Assert.Single(newFirms.Results["growthmonitor-indicators/1/A"]).Rows.Select(r => r.GetDouble("value")!.Value));

        // Sammenligning: Horsens, its region and Denmark, 100 in 2022; 2024 is 41,900 / 41,000 = 102.195…, 609,000 /
        // 600,000 = 101.5 and 3,045,000 / 3,000,000 = 101.5; per 1,000 inhabitants in 2024 41,900 / 100,000 = 419,
        // 609,000 / 1,400,000 = 435 and 3,045,000 / 6,000,000 = 507.5.
        Assert.Equal("615|082|000", Assert.Single(comparison.Options["areas"]).Value);
        Assert.Equal("last", Assert.Single(comparison.Options["aggregation"]).Value); // jobs at the year's end
        var index = comparison.Results["growthmonitor-comparison/1/A"].ToDictionary(s => s.Tag("area_name"), s => s.Rows.ToDictionary(r => r.Time.Year, r => r.GetDouble("Indeks")!.Value));
        Assert.Equal(["Hele landet", "Horsens", "Region Midtjylland"], index.Keys.Order());
        Assert.All(index.Values, years => Assert.Equal([2022, 2023, 2024], years.Keys));
        Assert.All(index.Values, years => Assert.Equal(100, years[2022], 1e-9));
        Assert.Equal(102.19512195121951, index["Horsens"][2024], 1e-9);
        Assert.Equal(101.09756097560975, index["Horsens"][2023], 1e-9);
        Assert.Equal(101.5, index["Region Midtjylland"][2024], 1e-9);
        Assert.Equal(101.5, index["Hele landet"][2024], 1e-9);
        var perCapita = PerThousandInhabitants(comparison);
        Assert.Equal(["Hele landet", "Horsens", "Region Midtjylland"], perCapita.Keys.Order());
        Assert.Equal(419, perCapita["Horsens"], 1e-9);
        Assert.Equal(435, perCapita["Region Midtjylland"], 1e-9);
        Assert.Equal(507.5, perCapita["Hele landet"], 1e-9);

        // Datafriskhed: every indicator by name, red (1 day or more) when overdue by its frequency. New firms' latest
        // period is 2022: 2023 was due by the end of 2024, so on 1 November 2025 it is 305 days overdue; the population's
        // 2024K4: 2025K1 was due by the end of 2025K2, 124 days before.
        var fresh = freshness.Results["growthmonitor-freshness/7/A"].ToDictionary(s => s.Tag("indicator"), s => Assert.Single(s.Rows));
        Assert.Equal("Job på arbejdssteder", fresh["jobs"].GetString("Indikator"));
        Assert.Equal(("year", "2024", 0L), (fresh["jobs"].GetString("Hyppighed"), fresh["jobs"].GetString("Seneste periode"), fresh["jobs"].GetInt64("Dage forsinket")));
        Assert.Equal(("2022", 305L), (fresh["new-firms"].GetString("Seneste periode"), fresh["new-firms"].GetInt64("Dage forsinket")));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), fresh["new-firms"].GetInt64("Forsinket fra"));
        Assert.Equal(124L, fresh["population"].GetInt64("Dage forsinket"));
        Assert.Null(fresh["unemployment"].GetInt64("Dage forsinket"));
        var red = FreshnessThreshold(GrafanaDashboards.Load("freshness.json"));
        Assert.Equal(["new-firms", "population"], fresh.Where(f => f.Value.GetInt64("Dage forsinket") >= red).Select(f => f.Key).Order());
        var runs = freshness.Results["growthmonitor-freshness/1/A"].ToDictionary(s => s.Tag("indicator"), s => Assert.Single(s.Rows));
        Assert.Equal(["jobs", "new-firms", "population", "unemployment", "wage-earners"], runs.Keys.Order());
        // The run tables show the catalog's titles (the scenario's own: "Test " and the id, but jobs), the ids hidden.
        Assert.Equal(
            [("jobs", "Job på arbejdssteder"), ("new-firms", "Test new-firms"), ("population", "Test population"), ("unemployment", "Test unemployment"), ("wage-earners", "Test wage-earners")],
            runs.Select(r => (r.Key, r.Value.GetString("Indikator"))).Order());
        Assert.Equal("success", runs["jobs"].GetString("Udfald"));
        Assert.Equal("2024", runs["jobs"].GetString("Seneste periode"));
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), runs["jobs"].GetInt64("Tabel opdateret hos DST")); // 08:00 in Copenhagen
        Assert.Equal(HorsensScenario.Jobs.Count, runs["jobs"].GetInt64("Punkter"));
        Assert.Equal("failed", runs["unemployment"].GetString("Udfald"));
        Assert.Contains("AULK01", runs["unemployment"].GetString("Fejl"));
        Assert.Equal(["Job på arbejdssteder", "Test new-firms", "Test population", "Test wage-earners"], freshness.Results["growthmonitor-freshness/2/A"].Select(s => Assert.Single(s.Rows).GetString("Indikator")).Order());
        Assert.Equal(1L, Assert.Single(Assert.Single(freshness.Results["growthmonitor-freshness/3/A"]).Rows).GetInt64("count"));
        var failed = Assert.Single(freshness.Results["growthmonitor-freshness/4/A"]);
        Assert.Equal("Test unemployment", Assert.Single(failed.Rows).GetString("Indikator"));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(failed.Rows).GetString("Fejl")));
        // The fetch durations: InfluxQL groups only by tags, so Grafana splits the rows by the title column into one
        // series per indicator, each named by its title.
        var durations = Assert.Single(freshness.Results["growthmonitor-freshness/5/A"]);
        Assert.Equal(["Job på arbejdssteder", "Test new-firms", "Test population", "Test unemployment", "Test wage-earners"], durations.Rows.Select(r => r.GetString("Indikator")).Distinct().Order());
        Assert.All(durations.Rows, r => Assert.NotNull(r.GetDouble("Varighed")));
        var split = freshness.Dashboard.Panels.Single(p => (int?)p["id"] == 5);
        Assert.Equal("partitionByValues", (string?)Assert.Single(split["transformations"]!.AsArray())!["id"]);
        Assert.Equal(["Indikator"], split["transformations"]![0]!["options"]!["fields"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("${__field.labels.Indikator}", (string?)split["fieldConfig"]!["defaults"]!["displayName"]);
        var refused = Assert.Single(freshness.Results["growthmonitor-freshness/6/A"]);
        Assert.Equal(("horsens", "webhook:horsens-intranet"), (refused.Tag("alliance"), refused.Tag("route")));
        Assert.Equal("Vækstalliancen Horsens", Assert.Single(refused.Rows).GetString("Alliance"));
        Assert.Contains("400", Assert.Single(refused.Rows).GetString("Fejl"));
        Assert.Equal(
            [(1, "indicator"), (2, "indicator"), (4, "indicator"), (6, "alliance")],
            new[] { 1, 2, 4, 6 }.SelectMany(id => HiddenColumns(freshness.Dashboard, id).Select(column => (id, column))));

        // Every link a reader can click leads to a page the service serves.
        var links = await AssertLinksServedAsync(harness, overview);
        links.AddRange(await AssertLinksServedAsync(harness, comparison));
        Assert.Contains("/api/alliances/horsens/reports/2024?format=html", links);
        Assert.Contains("/skoen", links);
    }

    [Fact]
    public async Task FiguresWithdrawnByHand_GoneFromTheIndicatorPanels_ReenteredFigureShown()
    {
        var catalog = ServiceHarness.Catalog(JsonNode.Parse("""
            { "id": "network-firms", "title": "Virksomheder i netværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766"] }
            """)!.AsObject());
        await using var harness = ServiceHarness.Create(servers, catalog, today: HorsensScenario.Today);
        using var client = harness.OperatorClient();
        // Hedensted enters 10, 12 and 15 firms for 2022–2024, withdraws 2023 and 2024, and enters 2023 again as 13.
        await PutFiguresAsync(client, (2022, 10), (2023, 12), (2024, 15));
        (await client.DeleteAsync("/api/indicators/network-firms/values/766/2024")).EnsureSuccessStatusCode();
        (await client.DeleteAsync("/api/indicators/network-firms/values/766/2023")).EnsureSuccessStatusCode();
        await PutFiguresAsync(client, (2023, 13));
        await harness.EvaluateAsync();

        var run = await RunAsync(harness.Influx, GrafanaDashboards.Load("indicators.json"), new()
        {
            ["indicator"] = ["network-firms"],
            ["area"] = ["Hedensted"],
        });

        Assert.Equal([(2022, 10d), (2023, 13d)], Assert.Single(run.Results["growthmonitor-indicators/1/A"]).Rows.Select(r => (r.Time.Year, r.GetDouble("value")!.Value)));
        Assert.Equal(13d, Assert.Single(Assert.Single(run.Results["growthmonitor-indicators/2/A"]).Rows).GetDouble("Værdi"));
    }

    [Fact]
    public void Dashboards_EveryFigureQuery_SkipsWithdrawnFigures()
    {
        var figureQueries = GrafanaDashboards.Load().SelectMany(d => d.Queries).Where(q => q.Query.Contains("last(\"value\")", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, figureQueries.Count);
        Assert.All(figureQueries, q => Assert.Contains("last(\"value\") AS \"value\", last(\"deleted\") AS \"deleted\" FROM", q.Query, StringComparison.Ordinal));
        Assert.All(figureQueries, q => Assert.Contains("WHERE \"deleted\" != true", q.Query, StringComparison.Ordinal));
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
        interpolator.Set("areas", ["615|082"], multi: false);
        interpolator.Set("alliance", ["horsens"], multi: false, ["Vækstalliancen Horsens"]);
        Assert.Equal("\"area\" =~ /^(615|082)$/ AND \"x\" =~ /^615\\|082$/", interpolator.Interpolate("\"area\" =~ /^(${areas:raw})$/ AND \"x\" =~ /^$areas$/"));
        Assert.Equal("Vækstalliancen Horsens: horsens", interpolator.Interpolate("${alliance:text}: $alliance"));
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
        var catalog = AnnualReportNowcastScenario.WithWageEarners(HorsensScenario.Catalog());
        var indicators = catalog["indicators"]!.AsArray();
        indicators[0]!["title"] = "Job på arbejdssteder";
        indicators.Add(ServiceHarness.Indicator("population", "FOLK1A", "OMRÅDE", new Dictionary<string, string[]> { ["KØN"] = ["TOT"] }));
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
            harness.StatBank.Add(AnnualReportNowcastScenario.Lbesk69());
            // New firms end in 2022, so that they are overdue on the scenario's day.
            harness.StatBank.Add(new FakeTable("DEMO19", "REGI07A", ["615", "766"], ["2020", "2021", "2022"], new Dictionary<string, IReadOnlyList<string>> { ["MÆNGDE4"] = ["NYE"] })
            {
                Values = (area, year) => area == "766" ? 12 + (3 * (int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) - 2020)) : 40,
            });
            harness.StatBank.Add(new FakeTable("FOLK1A", "OMRÅDE", ["000", "082", "615"], ["2024K1", "2024K2", "2024K3", "2024K4"], new Dictionary<string, IReadOnlyList<string>> { ["KØN"] = ["TOT"] })
            {
                Values = (area, _) => Population[area],
            });
            await harness.IngestAsync("jobs");
            await harness.IngestAsync("wage-earners");
            await harness.IngestAsync("new-firms");
            await harness.IngestAsync("population");
            await Assert.ThrowsAnyAsync<Exception>(() => harness.IngestAsync("unemployment"));
            await harness.EvaluateAsync();
            var ledger = harness.Factory.Services.GetRequiredService<AlertLedger>();
            await Eventually.TrueAsync(async () => (await ledger.RecentAsync(10, CancellationToken.None)).SelectMany(e => e.Deliveries).Any(d => d.Status == DeliveryStatus.Failed), Eventually.BackgroundWork);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task PerCapitaYear_CountsEnteredPerHalfYear_TheYearIsTheirSum()
    {
        // New apprenticeships per half-year (a count, sum by default for figures entered by hand): 9 in 2025H1 and 13
        // in 2025H2 make 22 in 2025, not the 13 of the year's last half.
        var catalog = ServiceHarness.Catalog(JsonNode.Parse("""
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "half-year", "areas": ["766"] }
            """)!.AsObject());
        await using var harness = ServiceHarness.Create(servers, catalog, today: HorsensScenario.Today);
        using var client = harness.OperatorClient();
        using (var response = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2025H1", value = 9 }, new { area = "766", period = "2025H2", value = 13 } } }))
        {
            response.EnsureSuccessStatusCode();
        }

        await harness.EvaluateAsync();

        var comparison = GrafanaDashboards.Load("comparison.json");
        var interpolator = new GrafanaInterpolator(From, To);
        interpolator.Set("indicator", ["apprenticeships"], multi: false);
        interpolator.Set("areas", ["766"], multi: false);
        interpolator.Set("year", ["2025"], multi: false);
        foreach (var name in new[] { "aggregation", "vintage" })
        {
            var variable = comparison.Variables.Single(v => (string?)v["name"] == name);
            var query = interpolator.Interpolate(GrafanaDashboards.VariableQuery(variable));
            var options = GrafanaDashboards.VariableOptions(variable, query, await QueryAsync(harness.Influx, $"variable ${name}", query));
            interpolator.Set(name, [.. options.Select(o => o.Value!)], multi: (bool?)variable["multi"] == true);
        }

        var perCapita = comparison.Queries.Single(q => q.Key == "growthmonitor-comparison/3/A");
        var year = Assert.Single(await QueryAsync(harness.Influx, perCapita.ToString(), interpolator.Interpolate(perCapita.Query)));
        Assert.Equal(22d, Assert.Single(year.Rows).GetDouble("Værdi"));
    }

    private static async Task PutFiguresAsync(HttpClient client, params (int Year, double Value)[] figures)
    {
        using var response = await client.PutAsJsonAsync("/api/indicators/network-firms/values", new { values = figures.Select(f => new { area = "766", period = f.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), value = f.Value }) });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Inhabitants in every quarter of 2024, round so that the figures per 1,000 inhabitants are worked out by hand.</summary>
    private static readonly Dictionary<string, decimal?> Population = new() { ["000"] = 6_000_000, ["082"] = 1_400_000, ["615"] = 100_000 };

    private sealed record DashboardRun(
        DashboardFile Dashboard,
        GrafanaInterpolator Interpolator,
        Dictionary<string, IReadOnlyList<VariableOption>> Options,
        Dictionary<string, IReadOnlyList<InfluxSeries>> Results);

    /// <summary>
    /// Resolves the dashboard's variables in order (each query with the earlier ones substituted), checks that the
    /// chosen values are among the options Grafana would offer, then runs every panel query and requires rows.
    /// </summary>
    private static async Task<DashboardRun> RunAsync(InfluxClient influx, DashboardFile dashboard, Dictionary<string, string[]> choices)
    {
        var interpolator = new GrafanaInterpolator(From, To);
        var run = new DashboardRun(dashboard, interpolator, [], []);
        foreach (var variable in dashboard.Variables)
        {
            var name = (string)variable["name"]!;
            var query = GrafanaDashboards.VariableQuery(variable);
            // A text box offers what it holds (the service's address); only query variables ask InfluxDB.
            IReadOnlyList<VariableOption> options = (string?)variable["type"] == "query"
                ? GrafanaDashboards.VariableOptions(variable, interpolator.Interpolate(query), await QueryAsync(influx, $"{dashboard.FileName} variable ${name}", interpolator.Interpolate(query)))
                : [new VariableOption(query, query)];
            Assert.DoesNotContain(options, o => o.Value is null || o.Text is null);
            run.Options[name] = options;
            // A hidden variable takes every option when it offers All (the committed vintages), else its only one.
            if (!choices.TryGetValue(name, out var chosen) && (int?)variable["hide"] == 2)
            {
                chosen = (bool?)variable["includeAll"] == true ? [.. options.Select(o => o.Value!)] : [Assert.Single(options).Value!];
            }

            Assert.True(chosen is not null, $"The test chooses no value for ${name} of {dashboard.FileName}.");
            Assert.Subset(options.Select(o => o.Value).ToHashSet(), chosen!.ToHashSet<string?>());
            var texts = chosen.Select(value => options.First(o => o.Value == value).Text!).ToList();
            interpolator.Set(name, chosen, multi: (bool?)variable["multi"] == true || (bool?)variable["includeAll"] == true, texts);
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

    /// <summary>
    /// What the comparison's per-capita table shows, as its transformations make it: the two queries' rows merged by
    /// area name, the indicator divided by the population, times 1,000. The transformations are checked to be exactly
    /// these, so the emulation cannot drift from the file.
    /// </summary>
    private static Dictionary<string, double> PerThousandInhabitants(DashboardRun comparison)
    {
        var panel = comparison.Dashboard.Panels.Single(p => (int?)p["id"] == 3);
        var steps = (panel["transformations"] as JsonArray)!.Select(t => (string?)t!["id"]).ToList();
        Assert.Equal(["organize", "merge", "calculateField", "calculateField", "organize"], steps);
        var ratio = panel["transformations"]![2]!["options"]!["binary"]!;
        Assert.Equal(("Værdi", "/", "Befolkning"), ((string?)ratio["left"]!["matcher"]!["options"], (string?)ratio["operator"], (string?)ratio["right"]!["matcher"]!["options"]));
        var scale = panel["transformations"]![3]!["options"]!["binary"]!;
        Assert.Equal(("*", "1000"), ((string?)scale["operator"], (string?)scale["right"]!["fixed"]));
        var values = comparison.Results["growthmonitor-comparison/3/A"].ToDictionary(s => s.Tag("area_name"), s => Assert.Single(s.Rows).GetDouble("Værdi")!.Value);
        var population = comparison.Results["growthmonitor-comparison/3/B"].ToDictionary(s => s.Tag("area_name"), s => Assert.Single(s.Rows).GetDouble("Befolkning")!.Value);
        return values.Where(v => population.ContainsKey(v.Key)).ToDictionary(v => v.Key, v => v.Value / population[v.Key] * 1000);
    }

    /// <summary>The columns a table's organize transformation hides: the id tags whose names the table shows instead.</summary>
    private static IEnumerable<string> HiddenColumns(DashboardFile dashboard, int panelId)
    {
        var panel = dashboard.Panels.Single(p => (int?)p["id"] == panelId);
        var organize = (panel["transformations"] as JsonArray)!.Single(t => (string?)t!["id"] == "organize")!;
        return organize["options"]!["excludeByName"]!.AsObject().Where(c => (bool?)c.Value == true).Select(c => c.Key);
    }

    /// <summary>The number of days overdue from which the freshness table colours an indicator red.</summary>
    private static long FreshnessThreshold(DashboardFile freshness)
    {
        var panel = freshness.Panels.Single(p => (int?)p["id"] == 7);
        var column = (panel["fieldConfig"]!["overrides"] as JsonArray)!.Single(o => (string?)o!["matcher"]!["options"] == "Dage forsinket")!;
        var steps = (column["properties"] as JsonArray)!.Single(p => (string?)p!["id"] == "thresholds")!["value"]!["steps"]!.AsArray();
        Assert.Equal(["green", "red"], steps.Select(s => (string?)s!["color"]));
        return (long)steps[1]!["value"]!;
    }

    /// <summary>
    /// Requests every link of the dashboard (its own, its panels' and their fields') through the test host, with the
    /// variables as the run chose them; each must start with the service's address and answer 200. Returns the paths.
    /// </summary>
    private static async Task<List<string>> AssertLinksServedAsync(ServiceHarness harness, DashboardRun run)
    {
        var service = Assert.Single(run.Options["service"]).Value!;
        var links = (run.Dashboard.Json["links"] as JsonArray ?? []).Where(l => (string?)l!["type"] == "link")
            .Concat(run.Dashboard.Panels.SelectMany(p => p["links"] as JsonArray ?? []))
            .Concat(run.Dashboard.Panels.SelectMany(p => p["fieldConfig"]?["overrides"] as JsonArray ?? [])
                .SelectMany(o => o!["properties"] as JsonArray ?? []).Where(p => (string?)p!["id"] == "links").SelectMany(p => p!["value"] as JsonArray ?? []))
            .Select(l => run.Interpolator.Interpolate((string)l!["url"]!)).ToList();
        Assert.NotEmpty(links);
        using var client = harness.Factory.CreateClient();
        List<string> paths = [];
        foreach (var url in links.Distinct())
        {
            Assert.StartsWith(service + "/", url, StringComparison.Ordinal);
            var path = url[service.Length..];
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{run.Dashboard.FileName}: {url} answered {(int)response.StatusCode}.");
            paths.Add(path);
        }

        return paths;
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
