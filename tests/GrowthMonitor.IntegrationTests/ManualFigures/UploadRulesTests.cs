using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrowthMonitor.IntegrationTests.ManualFigures;

/// <summary>
/// What an upload of figures must respect before anything is stored: numbers as Danes write them (or JSON numbers),
/// no period after the current one, no negative figure unless the indicator allows it, and the request size limit.
/// The service's clock reads 2 March 2026, so the current half-year is 2026H1.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class UploadRulesTests(ServersFixture servers)
{
    private static readonly DateTimeOffset Today = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Upload_DanishThousandsSeparator_StoredAsThousand()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var response = await PutCsvAsync(client, "apprenticeships", "area;period;value\r\n766;2026H1;1.000\r\n766;2025H2;1.234,5\r\n766;2025H1;41900\r\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([(2025, 1, 41900d), (2025, 7, 1234.5), (2026, 1, 1000d)], (await harness.StoredAsync("apprenticeships")).Select(p => (p.Time.Year, p.Time.Month, p.Value)));
    }

    [Fact]
    public async Task Upload_AmbiguousOrMalformedNumbers_400NamingEachLineAndNothingStored()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var response = await PutCsvAsync(client, "apprenticeships",
            "area;period;value\n766;2023H1;1.5\n766;2023H2;12.34\n766;2024H1;1,2,3\n766;2024H2;1 000\n766;2025H1;1e5\n766;2025H2;12,5\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [
                "line 2: value '1.5' is ambiguous: write 1,5 if the point is a decimal mark, or 1.500 if it separates thousands",
                "line 3: value '12.34' is ambiguous: write 12,34 if the point is a decimal mark, or 12.340 if it separates thousands",
                "line 4: value '1,2,3' is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5",
                "line 5: value '1 000' is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5",
                "line 6: value '1e5' is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5",
            ],
            await ProblemsAsync(response));
        Assert.Empty(await harness.StoredAsync("apprenticeships"));
    }

    [Fact]
    public async Task Upload_JsonStringWhereANumberBelongs_400NamingTheFieldWhileJsonNumbersStayNumbers()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var text = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new object[] { new { area = "766", period = "2025H1", value = 9 }, new { area = "766", period = "2025H2", value = "13" } } });

        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(["values[1]: value \"13\" is a JSON string; a value must be a JSON number, without quotes"], await ProblemsAsync(text));
        Assert.Empty(await harness.StoredAsync("apprenticeships"));

        // A JSON number is never read as Danish: 1.5 is one and a half, 1000 a thousand.
        using var numbers = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2025H1", value = 1.5 }, new { area = "766", period = "2025H2", value = 1000d } } });

        Assert.Equal(HttpStatusCode.OK, numbers.StatusCode);
        Assert.Equal([1.5, 1000d], (await harness.StoredAsync("apprenticeships")).Select(p => p.Value));
    }

    [Fact]
    public async Task Upload_PeriodAfterTheCurrentOne_400NamingTheLineInCsvAndJson()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        // 2026H1 holds 2 March 2026 and may be entered; 2026H2 and 2030H2 lie ahead.
        using var csv = await PutCsvAsync(client, "apprenticeships", "area;period;value\n766;2026H1;4\n766;2026H2;5\n766;2030H2;6\n");
        using var json = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2026H2", value = 5 } } });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (csv.StatusCode, json.StatusCode));
        Assert.Equal(
            [
                "line 3: period '2026H2' is after the current period, 2026H1: figures are entered once their period has begun",
                "line 4: period '2030H2' is after the current period, 2026H1: figures are entered once their period has begun",
            ],
            await ProblemsAsync(csv));
        Assert.Equal(["values[0]: period '2026H2' is after the current period, 2026H1: figures are entered once their period has begun"], await ProblemsAsync(json));
        Assert.Empty(await harness.StoredAsync("apprenticeships"));
    }

    [Fact]
    public async Task Upload_NegativeValue_RefusedUnlessTheIndicatorAllowsIt()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var csv = await PutCsvAsync(client, "apprenticeships", "area;period;value\n766;2025H1;-12,5\n766;2025H2;0\n");
        using var json = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new { values = new[] { new { area = "766", period = "2025H1", value = -3 } } });
        using var allowed = await PutCsvAsync(client, "net-firms", "area;period;value\n766;2025H1;-12,5\n766;2025H2;4\n");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK), (csv.StatusCode, json.StatusCode, allowed.StatusCode));
        Assert.Equal(["line 2: value '-12,5' is below zero, and indicator 'apprenticeships' takes no negative figures (\"allowNegative\": true in the catalog allows them)"], await ProblemsAsync(csv));
        Assert.Equal(["values[0]: value '-3' is below zero, and indicator 'apprenticeships' takes no negative figures (\"allowNegative\": true in the catalog allows them)"], await ProblemsAsync(json));
        Assert.Empty(await harness.StoredAsync("apprenticeships"));
        Assert.Equal([-12.5, 4d], (await harness.StoredAsync("net-firms")).Select(p => p.Value));
    }

    [Fact]
    public async Task Delete_PeriodAfterTheCurrentOne_404WhileAFigureStoredBeforeTheLimitCanBeWithdrawn()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var none = await client.DeleteAsync("/api/indicators/apprenticeships/values/766/2030H2");

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("There is no figure '766 2030H2'.", (await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Uploads took any period before they were limited: such a figure must still be withdrawable.
        var writer = harness.Factory.Services.GetRequiredService<GrowthMonitor.ManualFigures.ManualFigureWriter>();
        var indicator = harness.Factory.Services.GetRequiredService<GrowthMonitor.Catalog.GrowthCatalog>().FindIndicator("apprenticeships")!;
        await writer.WriteAsync(indicator, [("766", GrowthMonitor.Core.Period.Parse("2030H2"), 6)], "before-the-limit", CancellationToken.None);
        using var stored = await client.DeleteAsync("/api/indicators/apprenticeships/values/766/2030H2");

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var series = await client.GetFromJsonAsync<JsonElement>("/api/indicators/apprenticeships/series?area=766");
        Assert.Empty(series.GetProperty("points").EnumerateArray());
    }

    [Fact]
    public async Task Upload_OverTheBodySizeLimit_413ProblemNothingStoredAndNoStackTraceLogged()
    {
        // 1 MiB allowed; two good lines padded with empty lines (which the parser skips) to 1.1 MiB.
        const int Limit = 1_048_576;
        await using var harness = Start(new() { ["RequestLimits:MaxRequestBodySize"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using var factory = GrowthMonitorFactory.OnKestrel(harness.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddFakeLogging())));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceHarness.ApiKey);
        var lines = "area;period;value\r\n766;2025H1;9\r\n766;2025H2;13\r\n";
        var body = lines + new string('\n', (int)(Limit * 1.1) - lines.Length);

        using var response = await PutCsvAsync(client, "apprenticeships", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Empty(await factory.Services.GetRequiredService<InfluxClient>().StoredAsync("apprenticeships"));
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/apprenticeships/values/audit") ?? []);
        var logged = factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(logged, r => r.Exception is not null || r.Message.Contains("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Upload_GoodFigures_AnswerIndicatorListAndApiReferenceSayWhatOneFigureMeans()
    {
        await using var harness = Start();
        using var client = harness.OperatorClient();

        using var response = await PutCsvAsync(client, "apprenticeships", "area;period;value\n766;2025H1;9\n766;2025H2;13\n");
        var written = await response.Content.ReadFromJsonAsync<JsonElement>();
        var indicators = await client.GetFromJsonAsync<JsonElement[]>("/api/indicators") ?? [];
        using var reference = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var upload = reference.RootElement.GetProperty("paths").GetProperty("/api/indicators/{id}/values").GetProperty("put").GetProperty("description").GetString();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("sum", "antal i perioden"), (written.GetProperty("aggregation").GetString(), written.GetProperty("figureMeans").GetString()));
        Assert.Equal(
            [
                ("apprenticeships", "sum", "antal i perioden"),
                ("net-firms", "sum", "antal i perioden"),
                ("network-members", "last", "status ved periodens slutning"),
                ("satisfaction", "mean", "gennemsnit for perioden"),
            ],
            indicators.Select(i => (i.GetProperty("id").GetString(), i.GetProperty("aggregation").GetString(), i.GetProperty("figureMeans").GetString())));
        Assert.Contains("`sum`: \"antal i perioden\"", upload, StringComparison.Ordinal);
        Assert.Contains("`last`: \"status ved periodens slutning\"", upload, StringComparison.Ordinal);
        Assert.Contains("`mean`: \"gennemsnit for perioden\"", upload, StringComparison.Ordinal);
    }

    private ServiceHarness Start(Dictionary<string, string?>? settings = null) =>
        ServiceHarness.Create(servers, Catalog(), settings: settings, today: Today);

    /// <summary>
    /// Manual half-year indicators of Hedensted: apprenticeships made (counts, never below zero), the net change in
    /// firms (may be negative), the firms in the network (a level) and their satisfaction (an average).
    /// </summary>
    private static JsonObject Catalog() => JsonNode.Parse("""
        {
          "indicators": [
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "half-year", "areas": ["766"] },
            { "id": "net-firms", "title": "Nettotilgang af virksomheder", "unit": "virksomheder", "source": "manual", "frequency": "half-year", "areas": ["766"], "allowNegative": true },
            { "id": "network-members", "title": "Virksomheder i netværket", "unit": "virksomheder", "source": "manual", "frequency": "half-year", "areas": ["766"], "aggregation": "last" },
            { "id": "satisfaction", "title": "Tilfredshed i netværket", "unit": "point", "source": "manual", "frequency": "half-year", "areas": ["766"], "aggregation": "mean" }
          ]
        }
        """)!.AsObject();

    private static async Task<HttpResponseMessage> PutCsvAsync(HttpClient client, string indicator, string csv) =>
        await client.PutAsync($"/api/indicators/{indicator}/values", new StringContent(csv, new UTF8Encoding(false), "text/csv"));

    private static async Task<string[]> ProblemsAsync(HttpResponseMessage response) =>
        [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];
}
