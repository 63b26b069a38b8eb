using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// <see cref="HorsensScenario"/> with wage earners by residence (LBESK69, quarterly) leading its jobs, so that the
/// evaluation estimates 2025 before ERHV2 has it. With the second quarters of 2024 and 2025 the estimate of 2025 in
/// Horsens is 41.900 × 40.400 / 40.000 = 42.319 job; no earlier year can be estimated with a second quarter (there is
/// no 2023K2), so there are 0 past errors and no band. Against 41.000 + 3 × 500 = 42.500 expected in 2025 that is
/// progress 1.319 / 1.500 = 0,879: at risk (0,85 ≤ 0,879 &lt; 1).
/// </summary>
public static class AnnualReportNowcastScenario
{
    public const double Horsens2025 = 42_319;

    public static readonly Dictionary<(string Area, string Quarter), decimal> WageEarners = new()
    {
        [("615", "2024K1")] = 39_500, [("615", "2024K2")] = 40_000, [("615", "2025K1")] = 39_800, [("615", "2025K2")] = 40_400,
        [("082", "2024K1")] = 595_000, [("082", "2024K2")] = 600_000, [("082", "2025K1")] = 598_000, [("082", "2025K2")] = 603_000,
        [("000", "2024K1")] = 2_990_000, [("000", "2024K2")] = 3_000_000, [("000", "2025K1")] = 3_000_000, [("000", "2025K2")] = 3_015_000,
    };

    public static FakeTable Lbesk69() => new("LBESK69", "BOPKOM", ["000", "082", "615"], ["2024K1", "2024K2", "2025K1", "2025K2"], new Dictionary<string, IReadOnlyList<string>>
    {
        ["TAL"] = ["1020"],
        ["KØN"] = ["TOT"],
    })
    {
        Values = (area, quarter) => WageEarners.TryGetValue((area, quarter), out var value) ? value : null,
    };

    /// <summary>Adds the wage earners to a catalog made from <see cref="HorsensScenario.Catalog"/> and lets them lead its jobs.</summary>
    public static JsonObject WithWageEarners(JsonObject catalog)
    {
        var indicators = catalog["indicators"]!.AsArray();
        indicators.Single(i => (string?)i!["id"] == "jobs")!["nowcast"] = new JsonObject { ["from"] = "wage-earners" };
        indicators.Add(ServiceHarness.Indicator("wage-earners", "LBESK69", "BOPKOM", new Dictionary<string, string[]> { ["TAL"] = ["1020"], ["KØN"] = ["TOT"] }));
        return catalog;
    }
}
