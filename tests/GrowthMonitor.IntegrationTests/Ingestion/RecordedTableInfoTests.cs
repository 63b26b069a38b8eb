using System.Globalization;
using System.Text;
using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Storage;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>
/// The ingestion path on a real recorded <c>/tableinfo</c> answer (STRAF42, Danish, as Statistics Denmark sent it),
/// with a BULK body generated in the same wire format for the periods the service asks for.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class RecordedTableInfoTests(ServersFixture servers)
{
    [RecordedSamplesFact]
    public async Task Ingest_RecordedStraf42TableInfo_EveryValueStoredForEveryOriginAndYear()
    {
        var recorded = Encoding.UTF8.GetString(RecordedSamples.Read("tableinfo_STRAF42_da.json"));
        using var info = JsonDocument.Parse(recorded);
        var origins = Values(info, "HERKOMST1");
        var years = Values(info, "Tid");
        await using var harness = ServiceHarness.Create(servers, ServiceHarness.Catalog(ServiceHarness.Indicator(
            "decisions", "STRAF42", "HERKOMST1",
            new Dictionary<string, string[]> { ["OVERTRÆD"] = ["TOT"], ["AFGØRELSE"] = ["000"], ["ALDER"] = ["TOT"], ["KØN"] = ["TOT"] })));
        harness.StatBank.Add(new FakeTable("STRAF42", "HERKOMST1", origins, years, new Dictionary<string, IReadOnlyList<string>>
        {
            ["OVERTRÆD"] = ["TOT"], ["AFGØRELSE"] = ["000"], ["ALDER"] = ["TOT"], ["KØN"] = ["TOT"],
        })
        {
            RecordedTableInfo = recorded,
            // e.g. origin 80 in 2023: 80 × 1,000 + 2023 = 82,023
            Values = (origin, year) => int.Parse(origin, CultureInfo.InvariantCulture) * 1_000 + int.Parse(year, CultureInfo.InvariantCulture),
        });

        var result = await harness.IngestAsync("decisions");

        Assert.Equal((7, 30), (origins.Count, years.Count)); // the recorded table: seven origins, 1995–2024
        Assert.Equal(IngestOutcome.Success, result.Run.Outcome);
        Assert.Equal("2024", result.Run.LatestPeriod);
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero), result.Run.TableUpdated); // 08:00 Danish winter time
        var stored = await harness.StoredAsync("decisions");
        Assert.Equal(7 * 30, stored.Count);
        Assert.Contains(stored, p => p is ("80", { Year: 2023 }, 82_023));
        Assert.Contains(stored, p => p is ("00", { Year: 1995 }, 1_995));
    }

    private static List<string> Values(JsonDocument info, string variable) =>
        [.. info.RootElement.GetProperty("variables").EnumerateArray()
            .Single(v => v.GetProperty("id").GetString() == variable)
            .GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];
}
