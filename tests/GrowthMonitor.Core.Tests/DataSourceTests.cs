namespace GrowthMonitor.Core.Tests;

public sealed class DataSourceTests
{
    [Fact]
    public void LagDays_AnnualTable_FromTheEndOfTheYearToPublication()
    {
        // 2024 ends 2025-01-01 00:00 UTC; published 2025-11-20 07:00 UTC (08:00 in Copenhagen): 323 days and 7 hours.
        var source = new DataSource("ERHV2", new DateTimeOffset(2025, 11, 20, 8, 0, 0, TimeSpan.FromHours(1)), Period.Parse("2024"));

        Assert.Equal(323 + 7 / 24.0, source.LagDays!.Value, 9);
    }

    [Fact]
    public void LagDays_NothingPublishedYet_Null()
    {
        Assert.Null(new DataSource("ERHV2", null, null).LagDays);
    }
}
