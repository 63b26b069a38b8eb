using GrowthMonitor.Catalog;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Storage;

namespace GrowthMonitor.IntegrationTests.Ingestion;

/// <summary>Whether an indicator's fetch is overdue, from its latest runs and its schedule (09:00 in Copenhagen).</summary>
public sealed class IndicatorSummaryTests
{
    private static readonly IndicatorDefinition Jobs = new("jobs", "Job", "ERHV2", "OMRÅDE", "0 9 * * *");

    /// <summary>1 November 2025, 09:00 in Copenhagen (08:00 UTC, winter time): the scheduled run succeeded.</summary>
    private static readonly DateTimeOffset Fetched = new(2025, 11, 1, 8, 0, 5, TimeSpan.Zero);

    [Theory]
    // The next scheduled fetch is 2 November 08:00 UTC; with an hour's grace it is overdue from 09:00 UTC.
    [InlineData("2025-11-02T08:59:00Z", false)]
    [InlineData("2025-11-02T09:01:00Z", true)]
    public void Of_LastSuccessBeforeAScheduledFetch_OverdueAfterTheGrace(string now, bool overdue)
    {
        var summary = IndicatorSummary.Of(Jobs, [Run(IngestOutcome.Success, Fetched)], DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(overdue, summary.Overdue);
    }

    [Fact]
    public void Of_TableUnchangedAtTheLatestScheduledFetch_NotOverdue()
    {
        var summary = IndicatorSummary.Of(Jobs, [Run(IngestOutcome.Success, Fetched), Run(IngestOutcome.Unchanged, Fetched.AddDays(1))], Fetched.AddDays(1).AddHours(3));

        Assert.False(summary.Overdue);
        Assert.Equal(Fetched.AddDays(1), summary.LastSuccessfulRun);
    }

    [Fact]
    public void Of_LatestFetchFailed_FailureWithTimeAndError()
    {
        var failedAt = Fetched.AddDays(1);
        var summary = IndicatorSummary.Of(Jobs, [Run(IngestOutcome.Success, Fetched), Run(IngestOutcome.Failed, failedAt) with { Error = "Connection refused" }], failedAt.AddMinutes(5));

        Assert.Equal(new GrowthMonitor.Core.FetchFailure(failedAt, "Connection refused"), summary.FailedFetch);
        Assert.False(summary.Overdue); // the failed fetch was the scheduled one; within its grace its retries may still succeed
    }

    [Fact]
    public void Of_RunsButNoneSucceeded_Overdue()
    {
        Assert.True(IndicatorSummary.Of(Jobs, [Run(IngestOutcome.Failed, Fetched)], Fetched.AddMinutes(1)).Overdue);
    }

    [Fact]
    public void Of_NeverRun_NotOverdue()
    {
        var summary = IndicatorSummary.Of(Jobs, [], Fetched);

        Assert.Equal((false, null, null), (summary.Overdue, summary.LastRun, summary.FailedFetch));
    }

    private static IngestRun Run(string outcome, DateTimeOffset time) =>
        new("jobs", outcome, time, 10, 10, 1, new DateTimeOffset(2025, 3, 25, 7, 0, 0, TimeSpan.Zero), "2024", "definition", null);
}
