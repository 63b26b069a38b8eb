namespace GrowthMonitor.Core;

/// <summary>One of a target's areas (a Statistics Denmark area code) with its own figures.</summary>
public sealed record AreaSeries(string Area, Series Series);

/// <summary>The indicator's latest fetch from Statistics Denmark failed: when, and the error it failed with.</summary>
public sealed record FetchFailure(DateTimeOffset At, string Error);

/// <summary>
/// What a target is judged on: its figures (the sum over its areas, which Core works out itself so that it can tell
/// which areas hold the sum back), the benchmark's figures, and, when the indicator's latest fetch failed, that
/// failure, so that a target without figures can say why.
/// </summary>
public sealed class TargetFigures
{
    private TargetFigures(Series actual, IReadOnlyList<AreaSeries> areas, Series? benchmark, FetchFailure? failedFetch)
    {
        Actual = actual;
        Areas = areas;
        Benchmark = benchmark;
        FailedFetch = failedFetch;
    }

    /// <summary>The figures the target is judged on: the one area's, or the sum over several (periods every area has).</summary>
    public Series Actual { get; }

    /// <summary>Each area's own figures when the target sums several; empty when <see cref="Actual"/> was given as one series.</summary>
    public IReadOnlyList<AreaSeries> Areas { get; }

    public Series? Benchmark { get; }

    /// <summary>Set when the indicator's latest fetch failed; null when it succeeded (or was never tried).</summary>
    public FetchFailure? FailedFetch { get; }

    /// <summary>The figures of a target measured on one series.</summary>
    public static TargetFigures Of(Series actual, Series? benchmark = null, FetchFailure? failedFetch = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        return new(actual, [], benchmark, failedFetch);
    }

    /// <summary>The figures of a target over the given areas, summed period by period.</summary>
    public static TargetFigures SumOf(IReadOnlyList<AreaSeries> areas, Series? benchmark = null, FetchFailure? failedFetch = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return new(SeriesMath.Sum([.. areas.Select(a => a.Series)]), areas, benchmark, failedFetch);
    }

    /// <summary>
    /// The areas that lack the newest period any of them has among periods starting before <paramref name="cutoff"/>,
    /// when that period is newer than the sum's latest; null when every area has it (or there is only one area).
    /// </summary>
    public MissingFigures? MissingBefore(DateOnly cutoff)
    {
        if (Areas.Count < 2 || Areas.Select(a => LatestBefore(a.Series, cutoff)).Max() is not { } newest
            || LatestBefore(Actual, cutoff) is { } summed && summed >= newest)
        {
            return null;
        }

        return new MissingFigures(newest, [.. Areas.Where(a => !a.Series.TryGetValue(newest, out _)).Select(a => a.Area)]);
    }

    private static Period? LatestBefore(Series series, DateOnly cutoff)
    {
        for (var i = series.Count - 1; i >= 0; i--)
        {
            if (series.Observations[i].Period.Start < cutoff)
            {
                return series.Observations[i].Period;
            }
        }

        return null;
    }
}
