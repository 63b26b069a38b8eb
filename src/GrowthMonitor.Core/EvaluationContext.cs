namespace GrowthMonitor.Core;

/// <param name="Now">The present, against which staleness is judged.</param>
/// <param name="AsOf">
/// Report cut-off: only periods starting before this day count, and staleness is judged at its 00:00 UTC (or at
/// Now, if that is earlier).
/// </param>
public sealed record EvaluationContext(DateTimeOffset Now, DateOnly? AsOf = null)
{
    public static EvaluationContext From(TimeProvider timeProvider, DateOnly? asOf = null) =>
        new(timeProvider.GetUtcNow(), asOf);

    /// <summary>"Status at the end of year Y": data up to year Y only.</summary>
    public static EvaluationContext AtEndOfYear(int year, DateTimeOffset now) => new(now, new DateOnly(year + 1, 1, 1));
}
