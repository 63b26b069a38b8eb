using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Access;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// A collaboration group sets the year's goal through the service (<c>PUT /api/targets/{id}/goals</c>): it wins over
/// the catalog's, is audited with the person's name, the target is judged again by it, the report shows it, and it
/// survives a restart. Who may set it, and what is refused, field by field. On real PostgreSQL and InfluxDB; Hangfire
/// runs the evaluation.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class TargetGoalsTests(ServersFixture servers)
{
    private const string FocusA = "Det gode arbejdsliv";
    private const string FocusB = "Det gode erhvervsliv";
    private const string Goals = "/api/targets/hedensted-apprenticeships/goals";
    private const string OperatorName = "hedensted-erhverv";
    private const string OperatorKey = "hedensted-erhverv-key-0123456789abcdef";
    private const string Anders = "Anders Holm <anders.holm@hedensted.example>";

    /// <summary>2 March 2026: 2026 is the current year, 2025 a past one.</summary>
    private static readonly DateTimeOffset Today = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly (string Email, string Name, string Role, string[] FocusAreas)[] People =
    [
        ("anders.holm@hedensted.example", "Anders Holm", "contributor", [FocusA]),
        ("bente.krog@hedensted.example", "Bente Krog", "contributor", [FocusB]),
        ("vera.lund@hedensted.example", "Vera Lund", "viewer", []),
    ];

    [Fact]
    public async Task PutGoal_ContributorThisYear_WinsOverCatalogRejudgedReportedAuditedAndKeptAfterRestart()
    {
        var (database, influx) = (await servers.Postgres.CreateDatabaseAsync(), ServersFixture.NewInfluxDatabase());
        await using (var harness = Start(database, influx))
        {
            using var client = OperatorClient(harness);
            using (var figure = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2026", value = 24 } } }))
            {
                Assert.Equal(HttpStatusCode.OK, figure.StatusCode);
            }

            // The catalog's goal for 2026 is 25: 24 of 25 is progress 0.96, at risk (0.85 ≤ 0.96 < 1).
            var before = await EventuallyEvaluatedAsync(client, expected: 25);
            Assert.Equal(("at_risk", 24d), (before.GetProperty("status").GetString(), before.GetProperty("actual").GetDouble()));
            Assert.Equal(0.96, before.GetProperty("progress").GetDouble(), 9);

            var anders = await SignInAsync(harness, "anders.holm@hedensted.example");
            using var put = await anders.SendAsync(Put(Goals, """{"2026": 20}"""));

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var written = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, written.GetProperty("changed").GetInt32());
            Assert.Equal(GoalsAfter, Goal(written.GetProperty("goals")));
            var detail = await client.GetFromJsonAsync<JsonElement>("/api/targets/hedensted-apprenticeships");
            Assert.Equal(GoalsAfter, Goal(detail.GetProperty("goals")));
            Assert.Equal([("2025", 20d), ("2026", 20d)], detail.GetProperty("target").GetProperty("goals").EnumerateObject().Select(g => (g.Name, g.Value.GetDouble())));

            // Judged again by the goal set: 24 of 20 is progress 1.2, on track.
            var after = await EventuallyEvaluatedAsync(client, expected: 20);
            Assert.Equal(("on_track", 24d), (after.GetProperty("status").GetString(), after.GetProperty("actual").GetDouble()));
            Assert.Equal(1.2, after.GetProperty("progress").GetDouble(), 9);

            var audit = await client.GetFromJsonAsync<JsonElement[]>($"{Goals}/audit");
            Assert.Equal([(2026, 25d, 20d, Anders)], audit!.Select(a => (a.GetProperty("year").GetInt32(), a.GetProperty("old").GetDouble(), a.GetProperty("new").GetDouble(), a.GetProperty("operator").GetString())));

            using var report = JsonDocument.Parse(await client.GetStringAsync("/api/alliances/hedensted/reports/2026"));
            var reported = report.RootElement.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetProperty("id").GetString() == "hedensted-apprenticeships");
            Assert.Equal(20d, reported.GetProperty("target").GetProperty("goals").GetProperty("2026").GetDouble());
            Assert.Equal("on_track", reported.GetProperty("evaluation").GetProperty("status").GetString());
            var html = await client.GetStringAsync("/api/alliances/hedensted/reports/2026?format=html");
            Assert.Contains("20 lærepladser i 2026", html, StringComparison.Ordinal);
            Assert.DoesNotContain("25 lærepladser i 2026", html, StringComparison.Ordinal);
        }

        // Another process on the same databases: the goal is read back from PostgreSQL, and a run judges by it again.
        await using var restarted = Start(database, influx);
        using var again = OperatorClient(restarted);
        Assert.Equal(GoalsAfter, Goal((await again.GetFromJsonAsync<JsonElement>("/api/targets/hedensted-apprenticeships")).GetProperty("goals")));
        await restarted.EvaluateAsync();
        var rejudged = (await again.GetFromJsonAsync<JsonElement>("/api/targets/hedensted-apprenticeships")).GetProperty("evaluation");
        Assert.Equal(("on_track", 20d), (rejudged.GetProperty("status").GetString(), rejudged.GetProperty("expected").GetDouble()));
    }

    [Fact]
    public async Task PutGoals_WrongCallerKindOrBody_RefusedNamingWhyAndNothingWritten()
    {
        await using var harness = Start(await servers.Postgres.CreateDatabaseAsync());
        using var client = OperatorClient(harness);
        var anders = await SignInAsync(harness, "anders.holm@hedensted.example");
        var bente = await SignInAsync(harness, "bente.krog@hedensted.example");
        var vera = await SignInAsync(harness, "vera.lund@hedensted.example");
        using var anonymous = harness.Factory.CreateClient();

        using var nobody = await anonymous.SendAsync(Put(Goals, """{"2026": 30}"""));
        using var viewer = await vera.SendAsync(Put(Goals, """{"2026": 30}"""));
        using var otherGroup = await bente.SendAsync(Put(Goals, """{"2026": 30}"""));
        using var notYearly = await client.SendAsync(Put("/api/targets/hedensted-network/goals", """{"2026": 30}"""));
        using var unknown = await client.SendAsync(Put("/api/targets/no-such/goals", """{"2026": 30}"""));
        using var notJsonType = await client.PutAsync(Goals, new StringContent("2026;30", Encoding.UTF8, "text/plain"));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.UnsupportedMediaType],
            [nobody.StatusCode, viewer.StatusCode, otherGroup.StatusCode, notYearly.StatusCode, unknown.StatusCode, notJsonType.StatusCode]);
        Assert.StartsWith($"Bente Krog <bente.krog@hedensted.example> may not set the goals of hedensted-apprenticeships. It holds: contributor in hedensted for {FocusB}.", await DetailAsync(otherGroup));
        Assert.Equal("Target 'hedensted-network' is of kind annual-increase; only yearly-goal targets take goals.", await DetailAsync(notYearly));

        // Each bad body: 400 with the problem under the field it concerns.
        Assert.Equal([("goals", "The body is not JSON; send an object of year → goal, such as {\"2027\": 30}.")], await ErrorsAsync(anders, "{"));
        Assert.Equal([("goals", "The body must be a JSON object of year → goal, such as {\"2027\": 30}.")], await ErrorsAsync(anders, "[2026, 30]"));
        Assert.Equal([("goals", "Give the goal of at least one year, such as {\"2027\": 30}.")], await ErrorsAsync(anders, "{}"));
        Assert.Equal(
            [("27", "'27' is not a year: write it with four digits, such as 2027."), ("2026", "The goal for 2026 must be a JSON number, such as 30.")],
            await ErrorsAsync(anders, """{"27": 5, "2026": "30"}"""));
        // The target spans 2025–2027 (baseline 2024); 2025 is over, closed to all but operators.
        Assert.Equal(
            [
                ("2024", "The goal for 2024 lies outside 2025–2027."),
                ("2025", "2025 is over: its goal is kept as the group followed it up; only an operator may correct a past year's goal."),
                ("2027", "The goal for 2027 must be a number greater than 0, got -3."),
                ("2028", "The goal for 2028 lies outside 2025–2027."),
            ],
            await ErrorsAsync(anders, """{"2027": -3, "2028": 5, "2024": 5, "2025": 22, "2026": 30}"""));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>($"{Goals}/audit"))!);

        // An operator corrects the past year.
        using var corrected = await client.SendAsync(Put(Goals, """{"2025": 22}"""));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var audit = await client.GetFromJsonAsync<JsonElement[]>($"{Goals}/audit");
        Assert.Equal([(2025, 20d, 22d, OperatorName)], audit!.Select(a => (a.GetProperty("year").GetInt32(), a.GetProperty("old").GetDouble(), a.GetProperty("new").GetDouble(), a.GetProperty("operator").GetString())));
    }

    private static readonly (int, double, string, string?)[] GoalsAfter = [(2025, 20d, "catalog", null), (2026, 20d, "service", Anders)];

    private ServiceHarness Start(string database, string? influx = null) => ServiceHarness.Create(servers, Catalog(), database, today: Today, settings: new Dictionary<string, string?>
    {
        [$"Security:Keys:{OperatorName}"] = OperatorKey,
        ["Influx:Database"] = influx ?? ServersFixture.NewInfluxDatabase(),
    });

    /// <summary>
    /// Hedensted with two collaboration groups; in the first, a yearly goal for new apprenticeships (20 in 2025, 25 in
    /// 2026, the target running to 2027) and a +10 a year target, both on manual yearly indicators.
    /// </summary>
    private static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "year", "areas": ["766"] },
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766"] }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["{{FocusA}}", "{{FocusB}}"] }
          ],
          "targets": [
            { "id": "hedensted-apprenticeships", "alliance": "hedensted", "indicator": "apprenticeships", "areas": ["766"], "kind": "yearly-goal",
              "goals": { "2025": 20, "2026": 25 }, "endPeriod": "2027", "focusArea": "{{FocusA}}" },
            { "id": "hedensted-network", "alliance": "hedensted", "indicator": "network-firms", "areas": ["766"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{FocusA}}" }
          ]
        }
        """)!.AsObject();

    private static HttpClient OperatorClient(ServiceHarness harness)
    {
        var client = harness.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    /// <summary>
    /// A browser of one of <see cref="People"/>, made a member by the operator and given a session from the service's
    /// own store: it sends the session cookie, and with each change the antiforgery cookie and token.
    /// </summary>
    private static async Task<HttpClient> SignInAsync(ServiceHarness harness, string email)
    {
        var person = People.Single(p => p.Email == email);
        using (var operatorClient = OperatorClient(harness))
        using (var member = await operatorClient.PostAsJsonAsync("/api/alliances/hedensted/members", new { email, name = person.Name, role = person.Role, focusAreas = person.FocusAreas }))
        {
            Assert.Equal(HttpStatusCode.Created, member.StatusCode);
        }

        var (session, _) = await harness.Factory.Services.GetRequiredService<Sessions>().StartAsync(email, null, @operator: false, CancellationToken.None);
        var browser = harness.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={session}");
        using var me = await browser.GetAsync("/api/me");
        var token = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;
        var cookie = me.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        browser.DefaultRequestHeaders.Remove("Cookie");
        browser.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie.Name}={session}; {cookie}");
        browser.DefaultRequestHeaders.Add(AccessSetup.AntiforgeryHeader, token);
        return browser;
    }

    private static HttpRequestMessage Put(string path, string json) => new(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>The field-level problems of a body refused with 400, in the answer's order.</summary>
    private static async Task<(string, string)[]> ErrorsAsync(HttpClient client, string json)
    {
        using var response = await client.SendAsync(Put(Goals, json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(message => (field.Name, message.GetString()!)))];
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static (int, double, string, string?)[] Goal(JsonElement goals) =>
        [.. goals.EnumerateArray().Select(g => (
            g.GetProperty("year").GetInt32(),
            g.GetProperty("value").GetDouble(),
            g.GetProperty("source").GetString()!,
            g.TryGetProperty("setBy", out var setBy) ? setBy.GetString() : null))];

    /// <summary>The target's evaluation of 2026 once a run has judged it against <paramref name="expected"/>.</summary>
    private static async Task<JsonElement> EventuallyEvaluatedAsync(HttpClient client, double expected)
    {
        JsonElement evaluation = default;
        await Eventually.TrueAsync(async () =>
        {
            evaluation = (await client.GetFromJsonAsync<JsonElement>("/api/targets/hedensted-apprenticeships")).GetProperty("evaluation");
            return evaluation.GetProperty("evaluatedPeriod") is { ValueKind: JsonValueKind.String } period && period.GetString() == "2026"
                && evaluation.GetProperty("expected") is { ValueKind: JsonValueKind.Number } value && value.GetDouble() == expected;
        }, Eventually.BackgroundWork, () => evaluation.ToString());
        return evaluation;
    }
}
