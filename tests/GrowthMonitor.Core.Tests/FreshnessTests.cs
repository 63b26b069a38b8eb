namespace GrowthMonitor.Core.Tests;

public sealed class FreshnessTests
{
    [Theory]
    [InlineData("2024", "2027-01-01")] // 2025 may take all of 2026 to be published
    [InlineData("2025K2", "2026-01-01")] // 2025K3 ends 30 September, then a quarter
    [InlineData("2025M08", "2025-11-01")]
    public void OverdueFrom_LatestPeriod_OnePeriodAfterTheNextOneEnds(string latest, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Freshness.OverdueFrom(Period.Parse(latest)));

    [Theory]
    [InlineData("2026-12-31", 0)]
    [InlineData("2027-01-01", 1)]
    [InlineData("2027-02-01", 32)]
    public void DaysOverdue_AroundTheDeadline_CountsTheFirstDayAsOne(string today, int expected) =>
        Assert.Equal(expected, Freshness.DaysOverdue(Period.Parse("2024"), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
