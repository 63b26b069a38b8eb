using System.Text.Json;
using System.Text.RegularExpressions;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Docs;

/// <summary>
/// The OpenAPI document as a client generator or the API reference reads it: every response has a schema, every
/// error is a ProblemDetails, periods are codes, and the operator endpoints name their key. Needs no InfluxDB: the
/// document is built from the endpoints alone.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OpenApiDocumentTests(ServersFixture servers) : IAsyncLifetime
{
    private const string ProblemJson = "application/problem+json";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly GrowthMonitorFactory factory = GrowthMonitorFactory.Create(servers, extra: new Dictionary<string, string?>
    {
        ["Influx:Url"] = "http://127.0.0.1:9/",
        ["Ingestion:IngestNewIndicatorsAtStart"] = "false",
    });

    private JsonDocument document = null!;

    private JsonElement Paths => document.RootElement.GetProperty("paths");

    private JsonElement Schemas => document.RootElement.GetProperty("components").GetProperty("schemas");

    public async Task InitializeAsync()
    {
        using var client = factory.CreateClient();
        document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }

    public async Task DisposeAsync()
    {
        document.Dispose();
        await factory.DisposeAsync();
    }

    [Fact]
    public void Errors_EveryOperation_DeclaresItsErrorsAsProblemDetails()
    {
        var operations = Operations().ToList();

        Assert.Equal(30, operations.Count);
        foreach (var (name, operation) in operations)
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content");
                Assert.True(content.TryGetProperty(ProblemJson, out var problem), $"{name} {response.Name} is not {ProblemJson}.");
                Assert.Equal("#/components/schemas/ProblemDetails", problem.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }

        Assert.Equal(["200", "400", "404", "503"], Responses("/api/indicators/{id}/series", "get"));
        Assert.Equal(["200", "400", "404", "503"], Responses("/api/alliances/{id}/reports/{year}", "get"));
        Assert.Equal(["200", "400", "404", "503"], Responses("/api/indicators/{id}/nowcasts", "get"));
        Assert.Equal(["200", "404", "503"], Responses("/api/indicators/{id}/nowcasts/accuracy", "get"));
        Assert.Equal(["202", "401", "403", "404", "409"], Responses("/api/indicators/{id}/refresh", "post"));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "415"], Responses("/api/indicators/{id}/values", "put"));
        Assert.Equal(["200", "404", "503"], Responses("/api/targets/{id}", "get"));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "415"], Responses("/api/targets/{id}/goals", "put"));
        Assert.Equal(["200", "404", "503"], Responses("/api/alliances/{id}", "get"));
        Assert.True(Schemas.GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("detail", out _));
        Assert.Equal(404, Schemas.GetProperty("ProblemDetails").GetProperty("examples")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public void Responses_EveryOperation_HasAJsonSchema()
    {
        foreach (var (name, operation) in Operations())
        {
            var success = operation.GetProperty("responses").EnumerateObject().Single(r => r.Name[0] == '2');
            if (success.Name == "204")
            {
                continue; // a removal answers nothing
            }

            Assert.True(success.Value.GetProperty("content").TryGetProperty("application/json", out var json), $"{name} has no JSON response.");
            Assert.True(json.GetProperty("schema").EnumerateObject().Any(), $"{name} has an empty schema.");
        }

        Assert.Equal("#/components/schemas/SeriesResponse", Ok("/api/indicators/{id}/series").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/AnnualReport", Ok("/api/alliances/{id}/reports/{year}").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/SeriesPoint", Schemas.GetProperty("SeriesResponse").GetProperty("properties").GetProperty("points").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("number", Schemas.GetProperty("SeriesPoint").GetProperty("properties").GetProperty("value").GetProperty("type").GetString());
        Assert.Equal("615", Schemas.GetProperty("SeriesPoint").GetProperty("examples")[0].GetProperty("area").GetString());
        Assert.Equal("#/components/schemas/ReportTarget", Schemas.GetProperty("AnnualReport").GetProperty("properties").GetProperty("targets").GetProperty("items").GetProperty("$ref").GetString());
    }

    [Fact]
    public void Downloads_SeriesAndReport_ListEveryFormatWithItsMediaType()
    {
        Assert.Equal(["application/json", "text/csv", Xlsx], Ok("/api/indicators/{id}/series").EnumerateObject().Select(c => c.Name));
        Assert.Equal(["application/json", "text/csv", Xlsx, "text/html"], Ok("/api/alliances/{id}/reports/{year}").EnumerateObject().Select(c => c.Name));
        Assert.Equal("binary", Ok("/api/indicators/{id}/series").GetProperty(Xlsx).GetProperty("schema").GetProperty("format").GetString());

        var format = Operation("/api/alliances/{id}/reports/{year}", "get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format");
        Assert.Equal(["json", "csv", "xlsx", "html"], format.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var headers = Operation("/api/indicators/{id}/series", "get").GetProperty("responses").GetProperty("200").GetProperty("headers");
        Assert.True(headers.TryGetProperty("Content-Disposition", out _));
    }

    [Fact]
    public void Period_IsAStringCodeWithPatternAndExample()
    {
        var period = Schemas.GetProperty("Period");

        Assert.Equal("string", period.GetProperty("type").GetString());
        var pattern = new Regex(period.GetProperty("pattern").GetString()!);
        Assert.All(["2024", "2024H2", "2024K3", "2024M07", "2024M12"], code => Assert.Matches(pattern, code));
        Assert.All(["24", "2024K5", "2024M13", "2024M7", "2024-07"], code => Assert.DoesNotMatch(pattern, code));
        Assert.Matches(pattern, period.GetProperty("examples")[0].GetString()!);
    }

    [Fact]
    public void ApiKey_OnlyOperatorEndpoints_RequireIt()
    {
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));

        var secured = Operations().Where(o => o.Operation.TryGetProperty("security", out _)).Select(o => o.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            new List<string>
            {
                "post /api/indicators/{id}/refresh", "put /api/indicators/{id}/values", "delete /api/indicators/{id}/values/{area}/{period}",
                "post /api/targets/{id}/notes", "put /api/targets/{id}/goals", "post /api/targets/evaluate", "get /api/alerts", "get /api/alerts/routes", "post /api/alerts/test",
                "get /api/alliances/{id}/members", "post /api/alliances/{id}/members", "put /api/alliances/{id}/members/{email}",
                "delete /api/alliances/{id}/members/{email}", "get /api/alliances/{id}/keys", "post /api/alliances/{id}/keys",
                "delete /api/alliances/{id}/keys/{name}", "get /api/me",
            }.Order(StringComparer.Ordinal),
            secured);
        Assert.True(Operation("/api/indicators/{id}/refresh", "post").GetProperty("security")[0].TryGetProperty("ApiKey", out _));
        Assert.Equal(["202", "401", "403"], Responses("/api/targets/evaluate", "post"));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "502"], Responses("/api/alerts/test", "post"));
    }

    private IEnumerable<(string Name, JsonElement Operation)> Operations() =>
        from path in Paths.EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select ($"{operation.Name} {path.Name}", operation.Value);

    private JsonElement Operation(string path, string method) => Paths.GetProperty(path).GetProperty(method);

    private IEnumerable<string> Responses(string path, string method) =>
        Operation(path, method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal);

    private JsonElement Ok(string path) => Operation(path, "get").GetProperty("responses").GetProperty("200").GetProperty("content");
}
