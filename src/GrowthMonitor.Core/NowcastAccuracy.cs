namespace GrowthMonitor.Core;

/// <summary>One area's annual figures and its leading indicator's, as stored.</summary>
public sealed record NowcastArea(string Area, Series Annual, Series Leading)
{
    /// <summary>Every area both indicators have figures for, each on its own, in code order.</summary>
    public static IReadOnlyList<NowcastArea> Shared(IReadOnlyDictionary<string, Series> annual, IReadOnlyDictionary<string, Series> leading)
    {
        ArgumentNullException.ThrowIfNull(annual);
        ArgumentNullException.ThrowIfNull(leading);
        return [.. annual.Keys.Intersect(leading.Keys).Order(StringComparer.Ordinal).Select(area => new NowcastArea(area, annual[area], leading[area]))];
    }
}

/// <summary>How far one way of estimating was off, over <see cref="Estimates"/> years whose official figure is known.</summary>
/// <param name="MeanAbsoluteError">Mean |Ŷ − Y| in the indicator's unit; null without estimates.</param>
/// <param name="MeanAbsolutePercentError">Mean |Ŷ / Y − 1| in percent; null without estimates.</param>
public sealed record EstimateError(int Estimates, double? MeanAbsoluteError, double? MeanAbsolutePercentError)
{
    public static EstimateError Of(IReadOnlyList<(double Estimate, double Official)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return pairs.Count == 0
            ? new(0, null, null)
            : new(pairs.Count, pairs.Average(p => Math.Abs(p.Estimate - p.Official)), pairs.Average(p => Math.Abs(p.Estimate / p.Official - 1)) * 100);
    }
}

/// <summary>
/// The method's record with one quarter (or other period of the year): its error, its band's coverage (the share of
/// banded estimates whose official figure fell inside the band), and the same errors for two plain baselines on the
/// same years: "no change" (Ŷ = Y_{T−1}) and "last year's change repeated" (Ŷ = 2·Y_{T−1} − Y_{T−2}, where Y_{T−2} exists).
/// </summary>
public sealed record NowcastRecord(EstimateError Nowcast, int Banded, double? Coverage, EstimateError NoChange, EstimateError LastChangeRepeated);

/// <summary>An area's own record.</summary>
public sealed record AreaNowcastRecord(string Area, NowcastRecord Record);

/// <summary>The record of estimates made with the <see cref="Quarter"/>-th period of the year, pooled over every area and per area.</summary>
public sealed record QuarterNowcastRecord(int Quarter, NowcastRecord Pooled, IReadOnlyList<AreaNowcastRecord> Areas);

/// <summary>How well the method has done on the stored figures: every estimate it could have made, against the official figure.</summary>
public static class NowcastAccuracy
{
    /// <summary>
    /// The record per period of the year, from every single area's estimates with bands made from earlier years only
    /// (the band pools the errors of all <paramref name="areas"/>, as a target's estimate does).
    /// </summary>
    public static IReadOnlyList<QuarterNowcastRecord> Of(IReadOnlyList<NowcastArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        // One call of WithBands for every area's estimates, which it returns in the same order.
        var made = areas.SelectMany(a => NowcastMethod.Backtest(a.Annual, a.Leading).Select(e => (a.Area, a.Annual, Estimate: e))).ToList();
        var banded = NowcastMethod.WithBands([.. made.Select(m => m.Estimate)], areas);
        var judged = made
            .Select((m, i) => (m.Area, m.Annual, Estimate: banded[i]))
            .Where(j => j.Estimate.Official is not null && j.Estimate.Official != 0)
            .ToList();
        return [.. judged
            .GroupBy(j => j.Estimate.Quarter.PositionInYear)
            .OrderBy(g => g.Key)
            .Select(g => new QuarterNowcastRecord(
                g.Key,
                RecordOf([.. g.Select(j => (j.Annual, j.Estimate))]),
                [.. g.GroupBy(j => j.Area).OrderBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => new AreaNowcastRecord(a.Key, RecordOf([.. a.Select(j => (j.Annual, j.Estimate))])))]))];
    }

    private static NowcastRecord RecordOf(IReadOnlyList<(Series Annual, NowcastEstimate Estimate)> estimates)
    {
        var banded = estimates.Where(e => e.Estimate.Low is not null).Select(e => e.Estimate).ToList();
        return new(
            EstimateError.Of([.. estimates.Select(e => (e.Estimate.Value, e.Estimate.Official!.Value))]),
            banded.Count,
            banded.Count == 0 ? null : (double)banded.Count(e => e.Low <= e.Official && e.Official <= e.High) / banded.Count,
            EstimateError.Of([.. estimates.Select(e => (Year(e.Annual, e.Estimate.Year - 1)!.Value, e.Estimate.Official!.Value))]),
            EstimateError.Of([.. estimates
                .Where(e => Year(e.Annual, e.Estimate.Year - 2) is not null)
                .Select(e => (2 * Year(e.Annual, e.Estimate.Year - 1)!.Value - Year(e.Annual, e.Estimate.Year - 2)!.Value, e.Estimate.Official!.Value))]));
    }

    private static double? Year(Series annual, int year) =>
        annual.TryGetValue(Period.Create(Frequency.Year, year, 1), out var value) ? value : null;
}
