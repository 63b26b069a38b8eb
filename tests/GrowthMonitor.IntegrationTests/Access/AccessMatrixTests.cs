using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using static GrowthMonitor.IntegrationTests.Access.AccessMatrixFixture;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// The access matrix: every write endpoint of the service (and the reads that show members, keys and alert addresses)
/// × every kind of caller answers as docs/access.md says: 401 for nobody, 403 outside the grant with a ProblemDetails
/// that says what the caller holds and nothing of anyone else's, 2xx inside; a refused write changes nothing.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AccessMatrixTests(AccessMatrixFixture matrix) : IClassFixture<AccessMatrixFixture>
{
    private static readonly Caller[] Contributors = [Caller.ContributorA, Caller.AdminX, Caller.ScopedKey, Caller.OperatorKey];
    private static readonly Caller[] Managers = [Caller.AdminX, Caller.OperatorKey];
    private static readonly Caller[] Operators = [Caller.OperatorKey];

    /// <summary>
    /// Each write: who may make it, the answer they get, the request (after arranging what it acts on, named by the
    /// cell's number), and a check that a refused request left things as they were.
    /// </summary>
    private static readonly Write[] Writes =
    [
        new("POST /api/indicators/{id}/refresh", Operators, HttpStatusCode.Accepted, (_, _, _) => Task.FromResult(Post("/api/indicators/jobs/refresh"))),
        new("POST /api/targets/evaluate", Operators, HttpStatusCode.Accepted, (_, _, _) => Task.FromResult(Post("/api/targets/evaluate"))),
        new("POST /api/alerts/test", Operators, HttpStatusCode.OK, (_, _, _) => Task.FromResult(Post("/api/alerts/test", JsonContent.Create(new { route = AlertRoute })))),
        // The jobs dashboard takes operators only (and local requests).
        new("POST /hangfire/…", Operators, HttpStatusCode.NoContent, DashboardChangeAsync),
        new("POST /api/targets/{id}/notes", Contributors, HttpStatusCode.Created,
            (_, _, n) => Task.FromResult(Post($"/api/targets/{TargetA}/notes", JsonContent.Create(new { period = "2024", text = $"Note {n}" }))),
            async (m, n) => Assert.DoesNotContain($"Note {n}\"", await m.Operator.GetStringAsync($"/api/targets/{TargetA}/notes"), StringComparison.Ordinal)),
        new("PUT /api/indicators/{id}/values (JSON)", Contributors, HttpStatusCode.OK,
            (_, _, n) => Task.FromResult(Put($"/api/indicators/{Manual}/values", JsonContent.Create(new { values = new[] { new { area = "766", period = "2024", value = n } } }))),
            (m, n) => AssertNotWrittenAsync(m, n)),
        new("PUT /api/indicators/{id}/values (CSV upload)", Contributors, HttpStatusCode.OK,
            (_, _, n) => Task.FromResult(Put($"/api/indicators/{Manual}/values", new StringContent($"area;period;value\r\n766;2023;{n}\r\n", Encoding.UTF8, "text/csv"))),
            (m, n) => AssertNotWrittenAsync(m, n)),
        new("DELETE /api/indicators/{id}/values/{area}/{period}", Contributors, HttpStatusCode.OK,
            async (m, _, n) =>
            {
                using var entered = await m.Operator.PutAsJsonAsync($"/api/indicators/{Manual}/values", new { values = new[] { new { area = "766", period = "2022", value = n } } });
                Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/indicators/{Manual}/values/766/2022");
            },
            async (m, n) => Assert.Contains((await m.Harness.StoredAsync(Manual)), p => p.Area == "766" && p.Time.Year == 2022 && p.Value == n)),
        new("POST /api/alliances/{id}/members", Managers, HttpStatusCode.Created,
            (_, _, n) => Task.FromResult(Post($"/api/alliances/{X}/members", JsonContent.Create(new { email = $"ny{n}@hedensted.example", name = $"Ny {n}", role = "viewer" }))),
            async (m, n) => Assert.DoesNotContain($"ny{n}@", await m.Operator.GetStringAsync($"/api/alliances/{X}/members"), StringComparison.Ordinal)),
        new("PUT /api/alliances/{id}/members/{email}", Managers, HttpStatusCode.OK,
            async (m, _, n) =>
            {
                await AddMemberAsync(m, $"skift{n}@hedensted.example");
                return Put($"/api/alliances/{X}/members/skift{n}@hedensted.example", JsonContent.Create(new { name = "Skiftet", role = "contributor", focusAreas = new[] { FocusB } }));
            },
            async (m, n) => Assert.Equal("viewer", await RoleOfAsync(m, $"skift{n}@hedensted.example"))),
        new("DELETE /api/alliances/{id}/members/{email}", Managers, HttpStatusCode.NoContent,
            async (m, _, n) =>
            {
                await AddMemberAsync(m, $"fjern{n}@hedensted.example");
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/alliances/{X}/members/fjern{n}@hedensted.example");
            },
            async (m, n) => Assert.Equal("viewer", await RoleOfAsync(m, $"fjern{n}@hedensted.example"))),
        new("POST /api/alliances/{id}/keys", Managers, HttpStatusCode.Created,
            (_, _, n) => Task.FromResult(Post($"/api/alliances/{X}/keys", JsonContent.Create(new { name = $"ny-{n}", role = "contributor", focusAreas = new[] { FocusA } }))),
            async (m, n) => Assert.DoesNotContain($"\"ny-{n}\"", await m.Operator.GetStringAsync($"/api/alliances/{X}/keys"), StringComparison.Ordinal)),
        new("DELETE /api/alliances/{id}/keys/{name}", Managers, HttpStatusCode.NoContent,
            async (m, _, n) =>
            {
                using var created = await m.Operator.PostAsJsonAsync($"/api/alliances/{X}/keys", new { name = $"fjern-{n}", role = "viewer" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/alliances/{X}/keys/fjern-{n}");
            },
            async (m, n) => Assert.Contains($"\"fjern-{n}\"", await m.Operator.GetStringAsync($"/api/alliances/{X}/keys"), StringComparison.Ordinal)),
    ];

    /// <summary>The reads that show people's addresses and keys: the alliance's admins and operators, or operators only.</summary>
    private static readonly Read[] Reads =
    [
        new($"GET /api/alliances/{X}/members", Managers),
        new($"GET /api/alliances/{X}/keys", Managers),
        new("GET /api/alerts", Operators),
        new("GET /api/alerts/routes", Operators),
    ];

    public static TheoryData<string, Caller, int> WriteCells => Cells(Writes.Select(w => (w.Name, w.Allowed, w.Success, w.Refused)));

    public static TheoryData<string, Caller, int> ReadCells => Cells(Reads.Select(r => (r.Name, r.Allowed, HttpStatusCode.OK, HttpStatusCode.Forbidden)));

    [Theory]
    [MemberData(nameof(WriteCells))]
    public async Task Write_Caller_DocumentedAnswer(string endpoint, Caller caller, int expected)
    {
        var write = Writes.Single(w => w.Name == endpoint);
        var cell = matrix.NextCell();
        using var request = await write.Arrange(matrix, caller, cell);

        using var response = await matrix.SendAsync(caller, request);

        await AssertAnswerAsync(response, caller, expected);
        if (expected >= 400 && write.Unchanged is { } unchanged)
        {
            await unchanged(matrix, cell);
        }
    }

    [Theory]
    [MemberData(nameof(ReadCells))]
    public async Task Read_Caller_OnlyTheAlliancesAdminsOrOperatorsSeeAddressesAndKeys(string endpoint, Caller caller, int expected)
    {
        using var response = await matrix.SendAsync(caller, new HttpRequestMessage(HttpMethod.Get, endpoint.Split(' ')[1]));

        await AssertAnswerAsync(response, caller, expected);
        if (expected >= 400)
        {
            // No alert address in a refusal either.
            Assert.DoesNotContain("erhverv@", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Members_AdminOfHedensted_SeesHedenstedsPeopleOnly()
    {
        using var response = await matrix.SendAsync(Caller.AdminX, new HttpRequestMessage(HttpMethod.Get, $"/api/alliances/{X}/members"));

        var listed = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(m => (string)m!["email"]!).ToList();
        Assert.Superset(People.Values.Where(p => p.Alliance == X).Select(p => p.Email).ToHashSet(), listed.ToHashSet());
        Assert.DoesNotContain(listed, email => email.EndsWith("@horsens.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutValues_HedenstedContributorEntersAHorsensFigure_403AndNothingStoredOrAudited()
    {
        var value = 100_000 + matrix.NextCell();
        using var entered = await matrix.Operator.PutAsJsonAsync($"/api/indicators/{Manual}/values", new { values = new[] { new { area = "615", period = "2019", value } } });
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        var auditBefore = await matrix.Operator.GetStringAsync($"/api/indicators/{Manual}/values/audit");

        using var horsens = await matrix.SendAsync(Caller.ContributorA, Put($"/api/indicators/{Manual}/values", JsonContent.Create(new { values = new[] { new { area = "615", period = "2024", value = value + 1 } } })));
        // One area outside the grant refuses the whole upload, the Hedensted line too.
        using var mixed = await matrix.SendAsync(Caller.ContributorA, Put($"/api/indicators/{Manual}/values",
            JsonContent.Create(new { values = new[] { new { area = "766", period = "2021", value = value + 2 }, new { area = "615", period = "2021", value = value + 2 } } })));
        using var withdrawn = await matrix.SendAsync(Caller.ContributorA, new HttpRequestMessage(HttpMethod.Delete, $"/api/indicators/{Manual}/values/615/2019"));

        await AssertAnswerAsync(horsens, Caller.ContributorA, StatusCodes.Status403Forbidden);
        await AssertAnswerAsync(mixed, Caller.ContributorA, StatusCodes.Status403Forbidden);
        await AssertAnswerAsync(withdrawn, Caller.ContributorA, StatusCodes.Status403Forbidden);
        Assert.Equal([(2019, (double)value)], (await matrix.Harness.StoredAsync(Manual)).Where(p => p.Area == "615").Select(p => (p.Time.Year, p.Value)));
        Assert.DoesNotContain(await matrix.Harness.StoredAsync(Manual), p => p.Value == value + 1 || p.Value == value + 2);
        Assert.Equal(auditBefore, await matrix.Operator.GetStringAsync($"/api/indicators/{Manual}/values/audit"));
    }

    [Theory]
    [InlineData(Caller.ContributorA, "Anders Holm <anders.holm@hedensted.example>")]
    [InlineData(Caller.ScopedKey, "nøgle regneark (hedensted)")]
    public async Task PutValues_ContributorInOwnArea_AuditNamesThePersonOrKey(Caller caller, string named)
    {
        var value = 100_000 + matrix.NextCell();

        using var own = await matrix.SendAsync(caller, Put($"/api/indicators/{Manual}/values", JsonContent.Create(new { values = new[] { new { area = "766", period = "2020", value } } })));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var audit = await matrix.Operator.GetFromJsonAsync<JsonArray>($"/api/indicators/{Manual}/values/audit");
        var change = Assert.Single(audit!, c => (double?)c!["new"] == value)!;
        Assert.Equal(named, (string?)change["operator"]);
    }

    private static TheoryData<string, Caller, int> Cells(IEnumerable<(string Name, Caller[] Allowed, HttpStatusCode Success, HttpStatusCode Refused)> endpoints)
    {
        var cells = new TheoryData<string, Caller, int>();
        foreach (var (name, allowed, success, refused) in endpoints)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cells.Add(name, caller, (int)(caller == Caller.Anonymous ? HttpStatusCode.Unauthorized : allowed.Contains(caller) ? success : refused));
            }
        }

        return cells;
    }

    /// <summary>
    /// A change on the jobs dashboard as its own page makes it: with the antiforgery token the page carries, which only
    /// an operator can fetch; anyone else sends the change without one and is stopped before the dashboard.
    /// </summary>
    private static async Task<HttpRequestMessage> DashboardChangeAsync(AccessMatrixFixture matrix, Caller caller, int cell)
    {
        var change = Post("/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", $"none-{cell}")]));
        if (caller == Caller.OperatorKey)
        {
            await JobsDashboard.AddAntiforgeryAsync(matrix.Operator, change);
        }

        return change;
    }

    /// <summary>The status, and for a refusal a ProblemDetails that names the caller's own grant and nobody else's.</summary>
    private static async Task AssertAnswerAsync(HttpResponseMessage response, Caller caller, int expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected < 400)
        {
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemDetails>(body, JsonSerializerOptions.Web)!;
        Assert.Equal(expected, problem.Status);
        if (expected == StatusCodes.Status403Forbidden && GrantOf(caller) is { } grant)
        {
            Assert.Contains(grant, problem.Detail, StringComparison.Ordinal);
        }

        var others = People.Where(p => p.Key != caller).Select(p => p.Value);
        Assert.All(others.Select(p => p.Email), email => Assert.DoesNotContain(email, body, StringComparison.OrdinalIgnoreCase));
        Assert.All(others.Select(p => p.Grant).Append(KeyGrant).Where(g => g != GrantOf(caller)), grant => Assert.DoesNotContain(grant, body, StringComparison.Ordinal));
    }

    private static async Task AssertNotWrittenAsync(AccessMatrixFixture matrix, int value)
    {
        Assert.DoesNotContain(await matrix.Harness.StoredAsync(Manual), p => p.Value == value);
        Assert.DoesNotContain((await matrix.Operator.GetFromJsonAsync<JsonArray>($"/api/indicators/{Manual}/values/audit"))!, c => (double?)c!["new"] == value);
    }

    private static async Task AddMemberAsync(AccessMatrixFixture matrix, string email)
    {
        using var added = await matrix.Operator.PostAsJsonAsync($"/api/alliances/{X}/members", new { email, name = "Prøve", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    private static async Task<string?> RoleOfAsync(AccessMatrixFixture matrix, string email) =>
        (string?)(await matrix.Operator.GetFromJsonAsync<JsonArray>($"/api/alliances/{X}/members"))!.SingleOrDefault(m => (string?)m!["email"] == email)?["role"];

    private static HttpRequestMessage Post(string url, HttpContent? content = null) => new(HttpMethod.Post, url) { Content = content };

    private static HttpRequestMessage Put(string url, HttpContent content) => new(HttpMethod.Put, url) { Content = content };

    private sealed record Write(
        string Name, Caller[] Allowed, HttpStatusCode Success, Func<AccessMatrixFixture, Caller, int, Task<HttpRequestMessage>> Arrange, Func<AccessMatrixFixture, int, Task>? Unchanged = null)
    {
        /// <summary>The answer to a caller with a session or key but without the grant.</summary>
        public HttpStatusCode Refused { get; init; } = HttpStatusCode.Forbidden;
    }

    private sealed record Read(string Name, Caller[] Allowed);
}
