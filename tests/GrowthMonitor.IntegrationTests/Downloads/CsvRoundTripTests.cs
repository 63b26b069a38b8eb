using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Downloads;

/// <summary>
/// A manual indicator's figures downloaded as CSV are the upload's file: the same columns, Danish Excel's dialect and
/// every digit, so a group can correct its figures in Excel and upload the file again. On real InfluxDB and PostgreSQL.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class CsvRoundTripTests(ServersFixture servers)
{
    /// <summary>2 March 2026: the half-years of 2025 are over.</summary>
    private static readonly DateTimeOffset Today = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Sorted by area, then period. Decimal commas, and no thousands separator in 1234,75 (which a reader of Danish
    /// numbers could not tell from a decimal point).
    /// </summary>
    private const string Downloaded = "area;period;value\r\n615;2025H1;1234,75\r\n766;2024H2;9\r\n766;2025H1;12,5\r\n766;2025H2;13\r\n";

    [Fact]
    public async Task SeriesCsv_UploadedAgain_NothingChangesAndOneCorrectionChangesOneFigure()
    {
        await using var harness = ServiceHarness.Create(servers, Catalog(), today: Today);
        using var client = harness.OperatorClient();
        using (var entered = await client.PutAsJsonAsync("/api/indicators/apprenticeships/values", new
        {
            values = new object[]
            {
                new { area = "766", period = "2024H2", value = 9 },
                new { area = "766", period = "2025H1", value = 12.5 },
                new { area = "766", period = "2025H2", value = 13 },
                new { area = "615", period = "2025H1", value = 1234.75 },
            },
        }))
        {
            Assert.Equal((4, 0), await WrittenAsync(entered));
        }

        using var download = await client.GetAsync("/api/indicators/apprenticeships/series?format=csv");
        var file = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal((byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Downloaded)], file);

        // The file as it was downloaded: every figure is found as it is stored.
        using (var unchanged = await PutCsvAsync(client, file))
        {
            Assert.Equal((0, 4), await WrittenAsync(unchanged));
        }

        // One figure corrected, as a person would in Excel: that figure alone is written.
        using (var corrected = await PutCsvAsync(client, Encoding.UTF8.GetBytes("\uFEFF" + Downloaded.Replace("766;2025H1;12,5", "766;2025H1;14,5", StringComparison.Ordinal))))
        {
            Assert.Equal((1, 3), await WrittenAsync(corrected));
        }

        using var series = JsonDocument.Parse(await client.GetStringAsync("/api/indicators/apprenticeships/series"));
        Assert.Equal(
            [("615", "2025H1", 1234.75), ("766", "2024H2", 9d), ("766", "2025H1", 14.5), ("766", "2025H2", 13d)],
            series.RootElement.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("area").GetString(), p.GetProperty("period").GetString(), p.GetProperty("value").GetDouble())));
        var audit = await client.GetFromJsonAsync<JsonElement[]>("/api/indicators/apprenticeships/values/audit");
        var change = Assert.Single(audit!, a => a.GetProperty("old").ValueKind == JsonValueKind.Number);
        Assert.Equal(("766", "2025H1", 12.5, 14.5), (change.GetProperty("area").GetString(), change.GetProperty("period").GetString(), change.GetProperty("old").GetDouble(), change.GetProperty("new").GetDouble()));
    }

    private static async Task<HttpResponseMessage> PutCsvAsync(HttpClient client, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PutAsync("/api/indicators/apprenticeships/values", content);
    }

    /// <summary>The upload's answer: how many figures it changed and how many it found as they were.</summary>
    private static async Task<(int Changed, int Unchanged)> WrittenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var written = JsonDocument.Parse(body).RootElement;
        return (written.GetProperty("changed").GetInt32(), written.GetProperty("unchanged").GetInt32());
    }

    /// <summary>Hedensted's new apprenticeships, entered per half-year for two municipalities, with a yearly goal.</summary>
    private static JsonObject Catalog() => JsonNode.Parse("""
        {
          "indicators": [
            { "id": "apprenticeships", "title": "Nye lærepladser", "unit": "lærepladser", "source": "manual", "frequency": "half-year", "areas": ["766", "615"] }
          ],
          "alliances": [
            { "id": "hedensted", "name": "Hedensted Kommune", "areas": ["766"] }
          ],
          "targets": [
            { "id": "hedensted-apprenticeships", "alliance": "hedensted", "indicator": "apprenticeships", "areas": ["766"], "kind": "yearly-goal", "goals": { "2025": 20 } }
          ]
        }
        """)!.AsObject();
}
