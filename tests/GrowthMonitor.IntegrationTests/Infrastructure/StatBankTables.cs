using System.Globalization;
using System.Text.Json.Nodes;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>Synthetic tables in the shape of the real ones, with figures a test can work out by hand.</summary>
public static class StatBankTables
{
    public static readonly string[] Erhv2Areas = ["000", "084", "615", "657"];
    public static readonly string[] Erhv2Years = ["2019", "2020", "2021", "2022", "2023"];

    /// <summary>4 areas × 5 years, less the one missing value.</summary>
    public const int Erhv2PointCount = 19;

    /// <summary>
    /// Figures worked out from area and year alone: e.g. 615 in 2021 is 615 × 100 + 21 × 10 = 61710, so an expected
    /// value never depends on the code under test. 657 in 2020 is missing (served as <c>..</c>), and 084 carries a decimal.
    /// </summary>
    public static decimal? Erhv2Figure(string area, string period)
    {
        if (area == "657" && period == "2020")
        {
            return null;
        }

        var value = int.Parse(area, CultureInfo.InvariantCulture) * 100 + (int.Parse(period[..4], CultureInfo.InvariantCulture) - 2000) * 10;
        return area == "084" ? value + 0.5m : value;
    }

    /// <summary>A catalog of one indicator, <c>jobs</c>: <see cref="Erhv2"/>'s jobs in every area.</summary>
    public static JsonObject JobsCatalog() =>
        ServiceHarness.Catalog(ServiceHarness.Indicator("jobs", "ERHV2", "OMRÅDE", new Dictionary<string, string[]> { ["BRANCHEDB0710"] = ["TOT"], ["TAL"] = ["ANSATTE"] }));

    /// <summary>ERHV2 (workplaces and jobs by area), updated 2025-03-25 08:00 Danish time.</summary>
    public static FakeTable Erhv2() => new("ERHV2", "OMRÅDE", Erhv2Areas, Erhv2Years, new Dictionary<string, IReadOnlyList<string>>
    {
        ["BRANCHEDB0710"] = ["TOT", "1"],
        ["TAL"] = ["ARBSTED", "ANSATTE"],
    })
    {
        Values = Erhv2Figure,
    };
}
