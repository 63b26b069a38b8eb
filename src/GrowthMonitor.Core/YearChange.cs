namespace GrowthMonitor.Core;

/// <summary>
/// What happened in one year, for an annual report: the change from the like period of the year before to the latest
/// period of the year, and what the target expected over the same span.
/// </summary>
public sealed record YearChange(int Year, Period From, Period To, double FromValue, double ToValue, double? ExpectedChange)
{
    public double Change => ToValue - FromValue;

    public double? PercentChange => FromValue == 0 ? null : Change / Math.Abs(FromValue) * 100;

    /// <summary>
    /// Uses the latest period of <paramref name="year"/> whose like period of the year before has a value, each for
    /// the year so far (<see cref="Aggregations.ToDate"/>: of counts, the sum to then); null when there is none.
    /// ExpectedChange is null without a target or where the target says nothing (either end before its baseline year
    /// or after its end).
    /// </summary>
    /// <param name="aggregation">What a figure is, when no target says it.</param>
    public static YearChange? Compute(Series series, int year, TargetDefinition? target = null, Series? benchmark = null, Aggregation aggregation = Aggregation.Last)
    {
        ArgumentNullException.ThrowIfNull(series);
        var kind = target?.Aggregation ?? aggregation;
        series = series.ToDate(kind);
        var expectation = target is null ? null : new Expectation(target, series, benchmark?.ToDate(kind));
        for (var i = series.Count - 1; i >= 0 && series.Observations[i].Period.Year >= year; i--)
        {
            var (to, toValue) = series.Observations[i];
            var from = to.SameTimeInYear(year - 1);
            if (to.Year == year && series.TryGetValue(from, out var fromValue))
            {
                return new(year, from, to, fromValue, toValue, expectation?.At(to) - expectation?.At(from));
            }
        }

        return null;
    }
}
