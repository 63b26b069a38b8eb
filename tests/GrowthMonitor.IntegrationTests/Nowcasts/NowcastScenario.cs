using System.Globalization;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Nowcasts;

/// <summary>
/// Jobs (annual, 2015–2024) estimated early from wage earners (quarterly, 2015K1–2025K2) in three areas, served by the
/// fake Statistics Denmark. Built so that every estimate is worked out by hand:
/// <list type="bullet">
/// <item>Jobs grow by a fixed step a year: Y = base + step × (year − 2015); 101: 10,000 + 100, 615: 40,000 + 500,
/// 751: 20,000 + 200. So "no change" is off by the step and "last year's change repeated" is exact.</item>
/// <item>Wage earners in K2–K4 are the year's jobs: every estimate with K2–K4 is exact (Ŷ = Y_{T−1} × Y_T / Y_{T−1}).</item>
/// <item>In K1 they are the year's jobs times a factor m (<see cref="K1Factor"/>), so the estimate with K1 is
/// Y_T × m_T / m_{T−1} and its relative error m_T / m_{T−1} − 1: ±0.1 or ±0.05 in the years below, else 0.</item>
/// </list>
/// K1 errors by year (101, 615, 751): 2016 (+0.1, 0, 0), 2017 (0, +0.05, 0), 2018 (−0.1, 0, 0), 2019 (0, 0, +0.05),
/// 2020 (0, −0.05, 0), 2021 (0, 0, −0.05), 2022 (0, 0, 0), 2023 (+0.1, 0, 0), 2024 (−0.1, +0.1, 0).
/// In 2025 wage earners in 615 grow 2 % in K1 and 1 % in K2 over 2024; in 751 5 % in K1 and 0 % in K2.
/// </summary>
public static class NowcastScenario
{
    public static readonly string[] Areas = ["101", "615", "751"];

    public static decimal Jobs(string area, int year) => area switch
    {
        "101" => 10_000 + 100 * (year - 2015),
        "615" => 40_000 + 500 * (year - 2015),
        _ => 20_000 + 200 * (year - 2015),
    };

    /// <summary>m per area and year: a step of m is the K1 estimate's error that year.</summary>
    public static decimal K1Factor(string area, int year) => (area, year) switch
    {
        ("101", 2015) => 100m,
        ("101", 2016 or 2017) => 110m, // +0.1 in 2016
        ("101", <= 2022) => 99m, // 99 / 110 = 0.9: −0.1 in 2018
        ("101", 2023) => 108.9m, // × 1.1
        ("101", _) => 98.01m, // × 0.9
        ("615", <= 2016) => 20m,
        ("615", <= 2019) => 21m, // +0.05 in 2017
        ("615", <= 2023) => 19.95m, // × 0.95 in 2020
        ("615", _) => 21.945m, // × 1.1 in 2024
        (_, <= 2018) => 20m,
        (_, <= 2020) => 21m, // +0.05 in 2019
        _ => 19.95m, // × 0.95 in 2021
    };

    public static decimal? WageEarners(string area, string period)
    {
        var year = int.Parse(period[..4], CultureInfo.InvariantCulture);
        var quarter = period[^1];
        return (year, quarter) switch
        {
            (2025, '1') => Jobs(area, 2024) * K1Factor(area, 2024) * (area == "615" ? 1.02m : area == "751" ? 1.05m : 1m),
            (2025, _) => Jobs(area, 2024) * (area == "615" ? 1.01m : 1m),
            (_, '1') => Jobs(area, year) * K1Factor(area, year),
            _ => Jobs(area, year),
        };
    }

    public static FakeTable Erhv2() => new("ERHVX", "OMRÅDE", Areas, [.. Enumerable.Range(2015, 10).Select(y => y.ToString(CultureInfo.InvariantCulture))],
        new Dictionary<string, IReadOnlyList<string>> { ["TAL"] = ["ANSATTE"] })
    {
        Values = (area, year) => Jobs(area, int.Parse(year, CultureInfo.InvariantCulture)),
    };

    public static FakeTable Lbesk69() => new("LBESKX", "BOPKOM", Areas,
        [.. Enumerable.Range(2015, 11).SelectMany(y => Enumerable.Range(1, 4).Select(q => $"{y}K{q}")).Where(p => string.CompareOrdinal(p, "2025K2") <= 0)],
        new Dictionary<string, IReadOnlyList<string>> { ["TAL"] = ["1020"] })
    {
        Values = WageEarners,
    };

    /// <summary>jobs led by wage-earners, and population (an indicator without a leading one).</summary>
    public static JsonObject Catalog()
    {
        var jobs = ServiceHarness.Indicator("jobs", "ERHVX", "OMRÅDE", new Dictionary<string, string[]> { ["TAL"] = ["ANSATTE"] });
        jobs["nowcast"] = new JsonObject { ["from"] = "wage-earners" };
        return ServiceHarness.Catalog(
            jobs,
            ServiceHarness.Indicator("wage-earners", "LBESKX", "BOPKOM", new Dictionary<string, string[]> { ["TAL"] = ["1020"] }),
            ServiceHarness.Indicator("population", "FOLKX", "OMRÅDE", new Dictionary<string, string[]> { ["KØN"] = ["TOT"] }));
    }

    public static async Task<ServiceHarness> StartAsync(ServersFixture servers)
    {
        var harness = ServiceHarness.Create(servers, Catalog());
        harness.StatBank.Add(Erhv2());
        harness.StatBank.Add(Lbesk69());
        await harness.IngestAsync("jobs");
        await harness.IngestAsync("wage-earners");
        return harness;
    }
}
