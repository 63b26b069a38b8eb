using GrowthMonitor.Catalog;

namespace GrowthMonitor.IntegrationTests.Reminders;

/// <summary>The catalog's <c>dueDays</c>: a positive whole number of days, on indicators entered by hand only. No servers.</summary>
public sealed class DueDaysCatalogTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("growthmonitor-catalog-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Load_DueDaysOnAManualIndicator_Kept()
    {
        var result = Load("""{ "id": "firms", "title": "Virksomheder", "source": "manual", "frequency": "half-year", "dueDays": 62 }""");

        Assert.Empty(result.Problems);
        Assert.Equal(62, result.Catalog!.FindIndicator("firms")!.DueDays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Load_DueDaysNotPositive_OneLineSaysSo(int days)
    {
        var result = Load($$"""{ "id": "firms", "title": "Virksomheder", "source": "manual", "frequency": "half-year", "dueDays": {{days}} }""");

        Assert.Equal([$"Catalog catalog.json: indicators[0] 'firms': dueDays must be a positive whole number of days after the period ends, not {days}"], result.Problems);
    }

    [Fact]
    public void Load_DueDaysOnAStatisticsDenmarkIndicator_OneLineSaysItIsForManualIndicators()
    {
        var result = Load("""{ "id": "jobs", "title": "Job", "table": "ERHV2", "area": "OMRÅDE", "schedule": "0 9 * * *", "dueDays": 30 }""");

        Assert.Equal(["Catalog catalog.json: indicators[0] 'jobs': dueDays is for indicators entered by hand (source manual); Statistics Denmark's figures are fetched, nobody enters them"], result.Problems);
    }

    private CatalogLoadResult Load(string indicator)
    {
        var path = Path.Combine(directory.FullName, "catalog.json");
        File.WriteAllText(path, $$"""{ "indicators": [{{indicator}}] }""");
        return CatalogLoader.Load(path);
    }
}
