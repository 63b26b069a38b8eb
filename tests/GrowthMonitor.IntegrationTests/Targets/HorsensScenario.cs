using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// Vækstalliancen Horsens with jobs in Horsens (615), Region Midtjylland (082) and Denmark (000), 2019–2024, served
/// by the fake Statistics Denmark, ingested and evaluated through the service's own path. Every figure the tests expect is
/// worked out by hand from these numbers.
/// </summary>
public static class HorsensScenario
{
    /// <summary>A day on which the 2024 figures are fresh, whatever day the tests run.</summary>
    public static readonly DateTimeOffset Today = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly Dictionary<(string Area, string Year), decimal> Jobs = new()
    {
        [("615", "2019")] = 40_000, [("615", "2020")] = 40_200, [("615", "2021")] = 40_500,
        [("615", "2022")] = 41_000, [("615", "2023")] = 41_450, [("615", "2024")] = 41_900,
        [("082", "2019")] = 590_000, [("082", "2020")] = 595_000, [("082", "2021")] = 598_000,
        [("082", "2022")] = 600_000, [("082", "2023")] = 606_000, [("082", "2024")] = 609_000,
        [("000", "2019")] = 2_900_000, [("000", "2020")] = 2_920_000, [("000", "2021")] = 2_960_000,
        [("000", "2022")] = 3_000_000, [("000", "2023")] = 3_030_000, [("000", "2024")] = 3_045_000,
    };

    public static FakeTable Erhv2() => new("ERHV2", "OMRÅDE", ["000", "082", "615"], ["2019", "2020", "2021", "2022", "2023", "2024"], new Dictionary<string, IReadOnlyList<string>>
    {
        ["BRANCHEDB0710"] = ["TOT"],
        ["TAL"] = ["ARBSTED", "ANSATTE"],
    })
    {
        Values = (area, year) => Jobs.TryGetValue((area, year), out var value) ? value : null,
    };

    public static JsonObject Catalog()
    {
        var catalog = ServiceHarness.Catalog(ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }));
        catalog["alliances"] = JsonNode.Parse("""
            [{ "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"],
               "contacts": [{ "name": "Erhvervsdirektør", "email": "erhverv@horsens.example" }] }]
            """);
        catalog["targets"] = JsonNode.Parse("""
            [
              { "id": "horsens-jobs", "title": "500 flere job om året", "alliance": "horsens", "indicator": "jobs", "areas": ["615"],
                "kind": "annual-increase", "amount": 500, "baselinePeriod": "2022", "endPeriod": "2030" },
              { "id": "horsens-vs-denmark", "title": "Hurtigere jobvækst end landet", "alliance": "horsens", "indicator": "jobs", "areas": ["615"],
                "kind": "relative", "amount": 0.5, "benchmark": "000", "baselinePeriod": "2022", "endPeriod": "2030" }
            ]
            """);
        return catalog;
    }

    /// <param name="onKestrel">Serve on Kestrel over loopback, as in production (<see cref="GrowthMonitorFactory.OnKestrel"/>).</param>
    public static async Task<ServiceHarness> StartAsync(ServersFixture servers, IReadOnlyDictionary<string, string?>? settings = null, bool onKestrel = false)
    {
        var harness = ServiceHarness.Create(servers, Catalog(), settings: settings, today: Today);
        if (onKestrel)
        {
            harness.Factory.OnKestrel();
        }

        harness.StatBank.Add(Erhv2());
        await harness.IngestAsync("jobs");
        await harness.EvaluateAsync();
        return harness;
    }
}
