namespace GrowthMonitor.Core;

/// <summary>
/// The Statistics Denmark table a target's figures come from: when the table was last published (its <c>updated</c>,
/// as the last successful fetch saw it) and the latest period it then held.
/// </summary>
public sealed record DataSource(string Table, DateTimeOffset? Published, Period? LatestPeriod)
{
    /// <summary>The table as a run log records it, its latest period by code; a code that is no period counts as none.</summary>
    public static DataSource Of(string table, DateTimeOffset? published, string? latestPeriod) =>
        new(table, published, Period.TryParse(latestPeriod, out var latest) ? latest : null);

    /// <summary>Days from the end of the latest period to the publication, e.g. about 323 for ERHV2 (jobs in 2024, published in November 2025).</summary>
    public double? LagDays => Published is { } published && LatestPeriod is { } latest
        ? (published - new DateTimeOffset(latest.End, TimeOnly.MinValue, TimeSpan.Zero)).TotalDays
        : null;
}
