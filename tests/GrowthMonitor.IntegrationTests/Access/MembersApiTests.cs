using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace GrowthMonitor.IntegrationTests.Access;

/// <summary>
/// Members and machine keys per alliance: an operator or the alliance's admin manages them; an admin of another
/// alliance, a contributor and an anonymous caller are refused, and nobody sees another alliance's members.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class MembersApiTests(ServersFixture servers)
{
    /// <summary>A focus area of Hedensted in <see cref="Catalog"/>: the one its network-firms target belongs to.</summary>
    internal const string Group = "Flere lærlinge";

    [Fact]
    public async Task Members_ManagedByOperatorAndOwnAdmin_RefusedToOthers()
    {
        await using var harness = ServiceHarness.Create(servers, Catalog());
        using var operatorClient = harness.OperatorClient();
        var horsensAdmin = await KeyAsync(harness, operatorClient, "horsens", "admin", []);
        var hedenstedAdmin = await KeyAsync(harness, operatorClient, "hedensted", "admin", []);
        var hedenstedContributor = await KeyAsync(harness, operatorClient, "hedensted", "contributor", [Group]);
        using var anonymous = harness.Factory.CreateClient();

        using var added = await hedenstedAdmin.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = "Mette.Lund@Example.dk", name = "Mette Lund", role = "contributor", focusAreas = new[] { Group } });
        using var again = await hedenstedAdmin.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = "mette.lund@example.dk", name = "Mette Lund", role = "viewer" });
        using var unknownRole = await hedenstedAdmin.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = "a@example.dk", name = "A", role = "owner" });
        using var unknownArea = await hedenstedAdmin.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = "b@example.dk", name = "B", role = "contributor", focusAreas = new[] { "Det dårlige" } });
        using var fromOtherAdmin = await horsensAdmin.PostAsJsonAsync("/api/alliances/hedensted/members", new { email = "c@example.dk", name = "C", role = "viewer" });
        using var fromContributor = await hedenstedContributor.GetAsync("/api/alliances/hedensted/members");
        using var fromNobody = await anonymous.GetAsync("/api/alliances/hedensted/members");
        var listedByOperator = await operatorClient.GetFromJsonAsync<JsonArray>("/api/alliances/hedensted/members");
        var listedByOtherAdmin = await horsensAdmin.GetAsync("/api/alliances/hedensted/members");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var member = (await added.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("mette.lund@example.dk", "contributor", Group), ((string?)member["email"], (string?)member["role"], (string?)member["focusAreas"]![0]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Contains("owner", (await unknownRole.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownArea.StatusCode);
        Assert.Contains("Det dårlige", (await unknownArea.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, fromOtherAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromContributor.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromNobody.StatusCode);
        Assert.Equal(["mette.lund@example.dk"], listedByOperator!.Select(m => (string?)m!["email"]));
        Assert.Equal(HttpStatusCode.Forbidden, listedByOtherAdmin.StatusCode);
        // A refusal says what the caller may do, never who else holds what.
        Assert.DoesNotContain("mette", await listedByOtherAdmin.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Keys_ShownOnceStoredHashed_RevokedAtOnce()
    {
        await using var harness = ServiceHarness.Create(servers, Catalog());
        using var operatorClient = harness.OperatorClient();
        using var created = await operatorClient.PostAsJsonAsync("/api/alliances/hedensted/keys", new { name = "intranet", role = "admin" });
        var secret = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        using var machine = Client(harness, secret);

        using var before = await machine.GetAsync("/api/alliances/hedensted/members");
        var listed = await operatorClient.GetStringAsync("/api/alliances/hedensted/keys");
        using var revoked = await operatorClient.DeleteAsync("/api/alliances/hedensted/keys/intranet");
        using var after = await machine.GetAsync("/api/alliances/hedensted/members");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("gmk_", secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal("intranet", JsonDocument.Parse(listed).RootElement[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        // The key is kept only as a hash: nowhere in a dump of the whole database.
        var dump = Path.GetTempFileName();
        await servers.Postgres.DumpAsync(harness.Database, dump);
        Assert.DoesNotContain(secret[4..], await File.ReadAllTextAsync(dump), StringComparison.Ordinal);
        File.Delete(dump);
    }

    [Fact]
    public async Task ProtectReads_MemberOfHedensted_ReadsHedenstedOnlyAndStillEntersItsFigures()
    {
        await using var harness = ServiceHarness.Create(servers, Catalog(), settings: new Dictionary<string, string?> { ["Security:ProtectReads"] = "true" },
            today: new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero));
        using var operatorClient = harness.OperatorClient();
        var viewer = await KeyAsync(harness, operatorClient, "hedensted", "viewer", []);
        var contributor = await KeyAsync(harness, operatorClient, "hedensted", "contributor", [Group]);
        using var anonymous = harness.Factory.CreateClient();

        var alliances = await viewer.GetFromJsonAsync<JsonArray>("/api/alliances");
        var targets = await viewer.GetFromJsonAsync<JsonArray>("/api/targets");
        using var own = await viewer.GetAsync("/api/alliances/hedensted");
        using var other = await viewer.GetAsync("/api/alliances/horsens");
        using var otherTarget = await viewer.GetAsync("/api/targets/horsens-network");
        using var otherNotes = await viewer.GetAsync("/api/targets/horsens-network/notes");
        using var otherReport = await viewer.GetAsync("/api/alliances/horsens/reports/2024");
        using var indicators = await viewer.GetAsync("/api/indicators");
        using var entered = await contributor.PutAsJsonAsync("/api/indicators/network-firms/values", new { values = new[] { new { area = "766", period = "2024", value = 12 } } });
        var everything = await operatorClient.GetFromJsonAsync<JsonArray>("/api/targets");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/alliances")).StatusCode);
        Assert.Equal(["hedensted"], alliances!.Select(a => (string?)a!["id"]));
        Assert.Equal(["hedensted-network"], targets!.Select(t => (string?)t!["target"]!["id"]));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (other.StatusCode, otherTarget.StatusCode, otherNotes.StatusCode, otherReport.StatusCode));
        Assert.Contains("viewer in hedensted", (await other.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, indicators.StatusCode); // official figures: every member reads them
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        Assert.Equal(2, everything!.Count);
        var keys = await operatorClient.GetFromJsonAsync<JsonArray>("/api/alliances/hedensted/keys");
        Assert.All(keys!, key => Assert.NotNull(key!["lastUsedAt"])); // both were used
    }

    private static async Task<HttpClient> KeyAsync(ServiceHarness harness, HttpClient operatorClient, string alliance, string role, string[] focusAreas)
    {
        using var created = await operatorClient.PostAsJsonAsync($"/api/alliances/{alliance}/keys", new { name = $"{role}-key", role, focusAreas });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Client(harness, (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!);
    }

    private static HttpClient Client(ServiceHarness harness, string key)
    {
        var client = harness.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Network firms entered by hand in Hedensted (766, its target in the focus area <see cref="Group"/>) and Horsens (615, a target in none).</summary>
    internal static JsonObject Catalog() => JsonNode.Parse($$"""
        {
          "indicators": [
            { "id": "network-firms", "title": "Virksomheder i erhvervsnetværket", "unit": "virksomheder", "source": "manual", "frequency": "year", "areas": ["766", "615"] }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"], "focusAreas": ["Det gode arbejdsliv", "{{Group}}"] },
            { "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"] }
          ],
          "targets": [
            { "id": "hedensted-network", "alliance": "hedensted", "indicator": "network-firms", "areas": ["766"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030", "focusArea": "{{Group}}" },
            { "id": "horsens-network", "alliance": "horsens", "indicator": "network-firms", "areas": ["615"], "kind": "annual-increase", "amount": 10,
              "baselinePeriod": "2022", "endPeriod": "2030" }
          ]
        }
        """)!.AsObject();
}
