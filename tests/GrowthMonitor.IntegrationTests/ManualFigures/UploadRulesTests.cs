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

    private ServiceHarness Start(Dictionary<string, string?>? settings = null) =>
        ServiceHarness.Create(servers, Catalog(), settings: settings, today: Today);

    /// <summary>Two manual half-year indicators of Hedensted: apprenticeships made (counts, never below zero) and the net change in firms.</summary>
    private static JsonObject Catalog() => JsonNode.Parse("""
        {
          "indicators": [
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "half-year", "areas": ["766"] },
            { "id": "net-firms", "title": "Nettotilgang af virksomheder", "unit": "virksomheder", "source": "manual", "frequency": "half-year", "areas": ["766"], "allowNegative": true }
          ]
        }
        """)!.AsObject();

    private static async Task<HttpResponseMessage> PutCsvAsync(HttpClient client, string indicator, string csv) =>
        await client.PutAsync($"/api/indicators/{indicator}/values", new StringContent(csv, new UTF8Encoding(false), "text/csv"));
}
