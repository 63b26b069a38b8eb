using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.ManualFigures;

/// <summary>
/// Hedensted's collaboration groups enter their own figures: a manual indicator in the catalog, figures uploaded as
/// Danish Excel saves CSV, checked whole before anything is written, audited, judged like any other target, and
/// followed up with notes that reach the report. On real InfluxDB and PostgreSQL; Hangfire runs the evaluation.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ManualFiguresTests(ServersFixture servers)
{
    private const string OperatorName = "hedensted-erhverv";
    private const string OperatorKey = "hedensted-erhverv-key-0123456789abcdef";
    private const string Group = "Det gode erhvervsliv";

    /// <summary>2 March 2025: the 2024 figures are the latest a yearly indicator can have.</summary>
    private static readonly DateTimeOffset Today = new(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Upload_BadLineThenCorrected_NothingStoredThenStoredAuditedEvaluatedAndNoteReported()
    {
        await using var harness = await StartAsync();
        using var client = OperatorClient(harness);

        // Line 3 holds a word where a number belongs; lines 2 and 4 are fine, and are not stored either.
        var bad = await PutCsvAsync(client, "network-firms", "\uFEFFarea;period;value\r\n766;2022;100\r\n766;2023;mange\r\n766;2024;118\r\n");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["line 3: value 'mange' is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5"], problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(await harness.StoredAsync("network-firms"));
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/network-firms/values/audit") ?? []);

        // Corrected, with a decimal comma as Danish Excel writes it.
        var good = await PutCsvAsync(client, "network-firms", "\uFEFFarea;period;value\r\n766;2022;100\r\n766;2023;109,0\r\n766;2024;118\r\n");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal([("766", 2022, 100d), ("766", 2023, 109d), ("766", 2024, 118d)], (await harness.StoredAsync("network-firms")).Select(p => (p.Area, p.Time.Year, p.Value)));
        var audit = await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/network-firms/values/audit");
        Assert.Equal(
            [("2022", 100d, OperatorName), ("2023", 109d, OperatorName), ("2024", 118d, OperatorName)],
            audit!.Select(a => (a.GetProperty("period").GetString(), a.GetProperty("new").GetDouble(), a.GetProperty("operator").GetString())));

        // +10 a year from 100 in 2022 expects 120 in 2024: 18 of 20 is progress 0.9, at risk (0.85 ≤ 0.9 < 1).
        var evaluation = await EventuallyEvaluatedAsync(client, "hedensted-network");
        Assert.Equal(("at_risk", "2024", 118d, 120d), (evaluation.GetProperty("status").GetString(), evaluation.GetProperty("evaluatedPeriod").GetString(),
            evaluation.GetProperty("actual").GetDouble(), evaluation.GetProperty("expected").GetDouble()));
        Assert.Equal(0.9, evaluation.GetProperty("progress").GetDouble(), 9);

        using var note = await client.PostAsJsonAsync("/api/targets/hedensted-network/notes", new { period = "2024", text = "Netværket mødes nu hver måned; to nye virksomheder er med.", author = "Mette Hansen" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);

        using var report = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/hedensted/reports/2024"));
        var target = report.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == "hedensted-network");
        Assert.Equal("Netværket mødes nu hver måned; to nye virksomheder er med.", target.GetProperty("note").GetProperty("text").GetString());
        Assert.Equal(("Mette Hansen", OperatorName), (target.GetProperty("note").GetProperty("author").GetString(), target.GetProperty("note").GetProperty("enteredBy").GetString()));
        Assert.Equal((Group, "Anne Holm"), (target.GetProperty("target").GetProperty("focusArea").GetString(), target.GetProperty("target").GetProperty("owner").GetString()));
        var html = await client.GetStringAsync("/api/alliances/hedensted/reports/2024?format=html");
        Assert.Contains("Netværket mødes nu hver måned; to nye virksomheder er med.", html);
        Assert.Contains("Ansvarlig: Anne Holm", html);
        var csv = await client.GetStringAsync("/api/alliances/hedensted/reports/2024?format=csv");
        Assert.Contains("Netværket mødes nu hver måned; to nye virksomheder er med.", csv);
    }

    [Fact]
    public async Task YearlyGoal_QuarterlyFiguresAtMidYearAndYearEnd_ProRataThenTheWholeGoal()
    {
        var clock = new ShiftedTimeProvider(new DateTimeOffset(2025, 7, 15, 10, 0, 0, TimeSpan.Zero));
        await using var harness = await StartAsync(clock: clock);
        using var client = OperatorClient(harness);

        // 20 apprenticeships in 2025, counted per quarter (a manual indicator's figures are counts by default): 4 + 5 = 9
        // by the second quarter against 20 × 2/4 = 10 → 0.9, at risk.
        using (var midYear = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2025K1", value = 4 }, new { area = "766", period = "2025K2", value = 5 } } }))
        {
            Assert.Equal(HttpStatusCode.OK, midYear.StatusCode);
        }

        var atMidYear = await EventuallyEvaluatedAsync(client, "hedensted-apprenticeships");
        Assert.Equal(("at_risk", "2025K2", 9d, 10d), (atMidYear.GetProperty("status").GetString(), atMidYear.GetProperty("evaluatedPeriod").GetString(), atMidYear.GetProperty("actual").GetDouble(), atMidYear.GetProperty("expected").GetDouble()));
        Assert.Equal(0.9, atMidYear.GetProperty("progress").GetDouble(), 9);

        // In the fourth quarter (its figure can be entered once it has begun): 9 + 6 + 6 = 21 by then against the whole
        // goal of 20 → 1.05, on track for the year.
        clock.MoveTo(new DateTimeOffset(2025, 12, 15, 10, 0, 0, TimeSpan.Zero));
        using (var yearEnd = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2025K3", value = 6 }, new { area = "766", period = "2025K4", value = 6 } } }))
        {
            Assert.Equal(HttpStatusCode.OK, yearEnd.StatusCode);
        }

        var atYearEnd = await EventuallyEvaluatedAsync(client, "hedensted-apprenticeships", period: "2025K4");
        Assert.Equal(("on_track", 21d, 20d), (atYearEnd.GetProperty("status").GetString(), atYearEnd.GetProperty("actual").GetDouble(), atYearEnd.GetProperty("expected").GetDouble()));
        Assert.Equal(1.05, atYearEnd.GetProperty("progress").GetDouble(), 9);
    }

    [Fact]
    public async Task Upload_EveryKindOfBadRow_400NamingEachLineAndNothingWritten()
    {
        await using var harness = await StartAsync();
        using var client = OperatorClient(harness);

        var response = await PutCsvAsync(client, "network-firms",
            "area,period,value\n766,2023,\"12,5\"\n999,2023,1\n766,2023K1,1\n766,2024,NaN\n766,2023,13\n766,20244,1\n766,2022,12,5\n766,2024,12.5\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            [
                "line 3: area '999' is not one of the indicator's areas (766)",
                "line 4: period '2023K1' is not a year period, as the indicator's are",
                "line 5: value 'NaN' is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5",
                "line 6: 766 2023 is given twice (first at line 2)",
                "line 7: period '20244' is not a period code such as 2024, 2024H1, 2024K1 or 2024M01",
                "line 8: it has 4 fields where the header has 3; in a comma-separated file a decimal comma needs quotes (\"12,5\")",
                "line 9: value '12.5' is ambiguous: write 12,5 if the point is a decimal mark, or 12.500 if it separates thousands",
            ],
            problem.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Empty(await harness.StoredAsync("network-firms"));
    }

    [Fact]
    public async Task Values_StatBankIndicatorOrWithoutKey_RefusedAndNothingWritten()
    {
        await using var harness = await StartAsync();
        using var client = OperatorClient(harness);
        using var anonymous = harness.Factory.CreateClient();

        var statBank = await PutCsvAsync(client, "jobs", "area;period;value\n766;2024;1\n");
        using var refreshManual = await client.PostAsync("/api/indicators/network-firms/refresh", null);
        var withoutKey = await PutCsvAsync(anonymous, "network-firms", "area;period;value\n766;2024;1\n");
        using var unknown = await client.PutAsJsonAsync("/api/indicators/no-such/values", new { values = Array.Empty<object>() });
        using var xml = await client.PutAsync("/api/indicators/network-firms/values", new StringContent("<values/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(
            [HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.UnsupportedMediaType],
            [statBank.StatusCode, refreshManual.StatusCode, withoutKey.StatusCode, unknown.StatusCode, xml.StatusCode]);
        Assert.Empty(await harness.StoredAsync("jobs"));
        Assert.Empty(await harness.StoredAsync("network-firms"));
    }

    [Fact]
    public async Task CorrectionAndDelete_Audited_SeriesShowsTheLatest()
    {
        await using var harness = await StartAsync();
        using var client = OperatorClient(harness);
        Assert.Equal(HttpStatusCode.OK, (await PutCsvAsync(client, "network-firms", "area;period;value\n766;2023;109\n766;2024;118\n")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PutCsvAsync(client, "network-firms", "area;period;value\n766;2023;109\n766;2024;117\n")).StatusCode);
        using var deleted = await client.DeleteAsync("/api/indicators/network-firms/values/766/2023");
        using var deletedAgain = await client.DeleteAsync("/api/indicators/network-firms/values/766/2023");
        using var wrongPeriod = await client.DeleteAsync("/api/indicators/network-firms/values/766/2023M01");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (deleted.StatusCode, deletedAgain.StatusCode, wrongPeriod.StatusCode));
        var series = await client.GetFromJsonAsync<JsonElement>("/api/indicators/network-firms/series?area=766");
        Assert.Equal([("2024", 117d)], Observations(series));
        var audit = await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/network-firms/values/audit");
        Assert.Equal(
            [("2023", null, 109d), ("2024", null, 118d), ("2024", 118d, 117d), ("2023", 109d, null)],
            audit!.Select(a => (a.GetProperty("period").GetString(), Number(a.GetProperty("old")), Number(a.GetProperty("new")))));
    }

    [Fact]
    public async Task Notes_KeptInOrderNeverOverwritten_BadNote400()
    {
        await using var harness = await StartAsync();
        using var client = OperatorClient(harness);

        using var first = await client.PostAsJsonAsync("/api/targets/hedensted-network/notes", new { period = "2024", text = "Første møde." });
        using var second = await client.PostAsJsonAsync("/api/targets/hedensted-network/notes", new { period = "2024", text = "Andet møde.", author = "Anne Holm" });
        using var noText = await client.PostAsJsonAsync("/api/targets/hedensted-network/notes", new { period = "2024", text = " " });
        using var badPeriod = await client.PostAsJsonAsync("/api/targets/hedensted-network/notes", new { period = "2024K5", text = "x" });
        using var unknown = await client.PostAsJsonAsync("/api/targets/no-such/notes", new { period = "2024", text = "x" });

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound],
            [first.StatusCode, second.StatusCode, noText.StatusCode, badPeriod.StatusCode, unknown.StatusCode]);
        var notes = await harness.Factory.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/targets/hedensted-network/notes");
        Assert.Equal(
            [("Første møde.", OperatorName), ("Andet møde.", "Anne Holm")],
            notes!.Select(n => (n.GetProperty("text").GetString(), n.GetProperty("author").GetString())));
    }

    [Fact]
    public async Task FollowUpReport_OneFocusArea_OnlyItsTargetsInTheGroupsOrder()
    {
        await using var harness = await StartAsync();
        using var client = harness.Factory.CreateClient();

        using var group = JsonDocument.Parse(await client.GetStringAsync($"/api/alliances/hedensted/reports/2024?focusArea={Uri.EscapeDataString(Group)}"));
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/hedensted/reports/2024"));
        using var unknown = await client.GetAsync("/api/alliances/hedensted/reports/2024?focusArea=Det%20d%C3%A5rlige");
        var html = await client.GetStringAsync($"/api/alliances/hedensted/reports/2024?format=html&focusArea={Uri.EscapeDataString(Group)}");

        Assert.Equal(["hedensted-network", "hedensted-apprenticeships"], TargetIds(group.RootElement));
        // The alliance lists "Det gode arbejdsliv" first, so its target leads the full report.
        Assert.Equal(["hedensted-jobs", "hedensted-network", "hedensted-apprenticeships"], TargetIds(all.RootElement));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"<h1>Opfølgning 2024: {Group} (Hedensted Kommune)</h1>", html);
    }

    private async Task<ServiceHarness> StartAsync(TimeProvider? clock = null) =>
        ServiceHarness.Create(servers, Catalog(), await servers.Postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { [$"Security:Keys:{OperatorName}"] = OperatorKey }, today: Today, clock: clock);

    /// <summary>
    /// Hedensted with two collaboration groups: a manual yearly indicator (firms in the business network) with a +10 a
    /// year target from 2022, a manual quarterly indicator with a yearly goal of 20 in 2025, and a Statistics Denmark
    /// indicator that is never fetched here.
    /// </summary>
    private static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766"] },
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "quarter", "areas": ["766"] },
            { "id": "jobs", "title": "Job", "table": "ERHV2", "area": "OMRÅDE", "select": { "BRANCHEDB0710": ["TOT"] }, "schedule": "0 9 * * *" }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["Det gode arbejdsliv", "{{Group}}"] }
          ],
          "targets": [
            { "id": "hedensted-network", "alliance": "hedensted", "indicator": "network-firms", "areas": ["766"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{Group}}", "owner": { "name": "Anne Holm", "email": "anne.holm@hedensted.dk" } },
            { "id": "hedensted-apprenticeships", "alliance": "hedensted", "indicator": "apprenticeships", "areas": ["766"], "kind": "yearly-goal",
              "goals": { "2025": 20 }, "focusArea": "{{Group}}" },
            { "id": "hedensted-jobs", "alliance": "hedensted", "indicator": "jobs", "areas": ["766"], "kind": "annual-increase", "amount": 100,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "Det gode arbejdsliv" }
          ]
        }
        """)!.AsObject();

    private static HttpClient OperatorClient(ServiceHarness harness)
    {
        var client = harness.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    private static async Task<HttpResponseMessage> PutCsvAsync(HttpClient client, string indicator, string csv) =>
        await client.PutAsync($"/api/indicators/{indicator}/values", new StringContent(csv, new UTF8Encoding(false), "text/csv"));

    /// <summary>The target's evaluation once a run has judged it on figures up to <paramref name="period"/> (any, when null).</summary>
    private static async Task<JsonElement> EventuallyEvaluatedAsync(HttpClient client, string target, string? period = null)
    {
        JsonElement evaluation = default;
        await Eventually.TrueAsync(async () =>
        {
            evaluation = (await client.GetFromJsonAsync<JsonElement>($"/api/targets/{target}")).GetProperty("evaluation");
            return evaluation.GetProperty("evaluatedPeriod") is { ValueKind: JsonValueKind.String } evaluated && (period is null || evaluated.GetString() == period);
        }, Eventually.BackgroundWork);
        return evaluation;
    }

    private static string[] TargetIds(JsonElement report) =>
        [.. report.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetProperty("id").GetString()!)];

    private static (string?, double)[] Observations(JsonElement series) =>
        [.. series.GetProperty("points").EnumerateArray().Select(o => (o.GetProperty("period").GetString(), o.GetProperty("value").GetDouble()))];

    private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
