using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>The leading indicator's quarter an estimate grows last year's official figure by.</summary>
public sealed record NowcastBasis(string Indicator, Period Period);

/// <summary>
/// An early estimate of a target's annual figure for <see cref="Period"/> (a year not yet published), from the
/// leading indicator's quarter <see cref="NowcastBasis.Period"/> (see <see cref="NowcastMethod"/>), judged like the
/// official figures with the target's own thresholds, and at the two ends of its 80 % band when it has one.
/// </summary>
public sealed record Nowcast(
    Period Period,
    double Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Low,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? High,
    NowcastBasis BasedOn,
    TargetStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TargetStatus? StatusLow,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TargetStatus? StatusHigh,
    int PastErrors)
{
    /// <summary>The band's two ends are judged differently: the estimate cannot say which way the year goes.</summary>
    public bool TooCloseToCall => StatusLow is { } low && StatusHigh is { } high && low != high;

    /// <summary>Why the estimate has no band (too few past errors); null when it has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}

/// <summary>
/// One estimate the method could have made (or makes) for <see cref="Year"/> with the leading indicator's
/// <see cref="Quarter"/>, beside the official figure where it is known. Low and High: the band made from the errors of
/// earlier years only, when there were enough.
/// </summary>
public sealed record NowcastEstimate(int Year, Period Quarter, double Value, double? Official)
{
    /// <summary>Relative error Ŷ/Y − 1; null while the official figure is unknown (or zero).</summary>
    public double? Error => Official is { } official && official != 0 ? Value / official - 1 : null;

    public double? Low { get; init; }

    public double? High { get; init; }
}

/// <summary>
/// The nowcast method, fixed so that anyone can reproduce it by hand: for year T and the latest quarter q of T that the
/// quarterly leading indicator X has, Ŷ_T = Y_{T−1} × X_{T,q} / X_{T−1,q}. Its band is Ŷ_T × (1 ± Q), Q the 80th
/// percentile (nearest rank) of |Ŷ_s / Y_s − 1| over every earlier year s and every single area, with the same quarter q;
/// with fewer than <see cref="MinimumPastErrors"/> such errors there is no band.
/// </summary>
public static class NowcastMethod
{
    public const int MinimumPastErrors = 20;

    /// <summary>The share of past absolute errors the band's half-width covers: the 80th percentile.</summary>
    public const int BandPercent = 80;

    /// <summary>
    /// Ŷ for the year of <paramref name="period"/> (a period of the leading indicator): last year's official figure
    /// grown by the change from the same period a year before; null when an input is missing or that period's figure is zero.
    /// </summary>
    public static double? Estimate(Series annual, Series leading, Period period)
    {
        ArgumentNullException.ThrowIfNull(annual);
        ArgumentNullException.ThrowIfNull(leading);
        return annual.TryGetValue(Period.Create(Frequency.Year, period.Year - 1, 1), out var lastYear)
               && leading.TryGetValue(period, out var now)
               && leading.TryGetValue(period.SameTimeInYear(period.Year - 1), out var yearBefore)
               && yearBefore != 0
            ? lastYear * now / yearBefore
            : null;
    }

    /// <summary>
    /// Every estimate the method could have made on these series: per year the quarterly series has and per quarter of
    /// it, with the official figure where it is known; oldest first, quarters in order. No band (see <see cref="WithBands"/>).
    /// </summary>
    public static IReadOnlyList<NowcastEstimate> Backtest(Series annual, Series quarterly)
    {
        ArgumentNullException.ThrowIfNull(annual);
        ArgumentNullException.ThrowIfNull(quarterly);
        List<NowcastEstimate> estimates = [];
        foreach (var (quarter, _) in quarterly.Observations)
        {
            if (Estimate(annual, quarterly, quarter) is { } value)
            {
                estimates.Add(new(quarter.Year, quarter, value,
                    annual.TryGetValue(Period.Create(Frequency.Year, quarter.Year, 1), out var official) ? official : null));
            }
        }

        return estimates;
    }

    /// <summary>
    /// The relative errors of every estimate that could have been made for a year before <paramref name="year"/> with
    /// quarter <paramref name="quarter"/>, in each single area (its annual and quarterly series).
    /// </summary>
    public static IReadOnlyList<double> PastErrors(IReadOnlyList<NowcastArea> areas, int year, int quarter)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return ErrorsBefore(EveryArea(areas), year, quarter);
    }

    private static List<NowcastEstimate> EveryArea(IReadOnlyList<NowcastArea> areas) =>
        [.. areas.SelectMany(area => Backtest(area.Annual, area.Leading)).Where(e => e.Error is not null)];

    private static List<double> ErrorsBefore(IEnumerable<NowcastEstimate> judged, int year, int quarter) =>
        [.. judged.Where(e => e.Year < year && e.Quarter.PositionInYear == quarter).Select(e => e.Error!.Value)];

    /// <summary>
    /// Q, the band's relative half-width: the ⌈0.8·n⌉-th smallest of the n absolute errors; null with fewer than
    /// <see cref="MinimumPastErrors"/>.
    /// </summary>
    public static double? BandHalfWidth(IReadOnlyList<double> pastErrors)
    {
        ArgumentNullException.ThrowIfNull(pastErrors);
        if (pastErrors.Count < MinimumPastErrors)
        {
            return null;
        }

        var sorted = pastErrors.Select(Math.Abs).Order().ToList();
        // ⌈0.8·n⌉ in whole numbers: 0.8·n in floating point can land a hair above a whole number.
        var rank = (BandPercent * sorted.Count + 99) / 100;
        return sorted[rank - 1];
    }

    /// <summary>Each estimate with the band the method would have given it then, from the errors of earlier years only.</summary>
    public static IReadOnlyList<NowcastEstimate> WithBands(IReadOnlyList<NowcastEstimate> estimates, IReadOnlyList<NowcastArea> areas)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        // Every area backtested once, one band per year and quarter: the accuracy table asks for thousands of estimates.
        var judged = EveryArea(areas);
        var halfWidths = estimates.Select(e => (e.Year, e.Quarter.PositionInYear)).Distinct()
            .ToDictionary(k => k, k => BandHalfWidth(ErrorsBefore(judged, k.Year, k.PositionInYear)));
        return [.. estimates.Select(e => halfWidths[(e.Year, e.Quarter.PositionInYear)] is { } q
            ? e with { Low = e.Value * (1 - q), High = e.Value * (1 + q) }
            : e)];
    }

    /// <summary>
    /// The estimate for a target: of the first year its (summed) official figures lack, from the latest quarter of that
    /// year the (summed) leading figures have, judged with the target's thresholds at the estimate and the band's ends.
    /// Null, with the reason, when no estimate can be made.
    /// </summary>
    /// <param name="areas">Every single area the two indicators share, for the band.</param>
    /// <param name="benchmark">For a target judged against a benchmark area: its annual and quarterly figures, estimated alike.</param>
    public static (Nowcast? Nowcast, string? Reason) ForTarget(
        TargetDefinition target,
        Series annual,
        Series quarterly,
        string leadingIndicator,
        IReadOnlyList<NowcastArea> areas,
        (Series Annual, Series Quarterly)? benchmark,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(annual);
        ArgumentNullException.ThrowIfNull(quarterly);
        if (annual.Latest is not { } published)
        {
            return (null, "There is no official figure yet to grow by the leading indicator.");
        }

        if (annual.Frequency != Frequency.Year || quarterly.Frequency.PeriodsPerYear() <= 1)
        {
            return (null, $"The method grows an annual figure by a leading indicator published more often; these are {annual.Frequency} and {quarterly.Frequency}.");
        }

        var year = published.Period.Year + 1;
        // Past its end a target is judged on its end year, so an estimate of a later year would carry that year's status.
        if (year > target.End.Year)
        {
            return (null, $"The target ended with {target.End}, whose official figure is published: there is no year left to estimate.");
        }

        // The latest period of the year the leading indicator has (the year's last one when it has gone on into the next
        // year while the official figure for this one is still to come).
        var ofYear = quarterly.Observations.Where(o => o.Period.Year == year).Select(o => o.Period).ToList();
        if (ofYear.Count == 0)
        {
            return (null, $"The leading indicator has no figure for {year} yet.");
        }

        var quarter = ofYear[^1];
        if (Estimate(annual, quarterly, quarter) is not { } value)
        {
            return (null, $"The leading indicator has no figure (or zero) for {quarter} or {quarter.SameTimeInYear(year - 1)}.");
        }

        var errors = PastErrors(areas, year, quarter.PositionInYear);
        var halfWidth = BandHalfWidth(errors);
        var period = Period.Create(Frequency.Year, year, 1);
        var benchmarkFigures = benchmark is ({ } benchmarkAnnual, { } benchmarkQuarterly)
            && Estimate(benchmarkAnnual, benchmarkQuarterly, quarter) is { } benchmarkValue
                ? With(benchmarkAnnual, period, benchmarkValue)
                : benchmark?.Annual;
        TargetStatus StatusAt(double estimate) =>
            TargetEvaluator.Evaluate(target, TargetFigures.Of(With(annual, period, estimate), benchmarkFigures), new EvaluationContext(now)).Status;

        return (new Nowcast(
            period,
            value,
            value * (1 - halfWidth),
            value * (1 + halfWidth),
            new NowcastBasis(leadingIndicator, quarter),
            StatusAt(value),
            halfWidth is { } low ? StatusAt(value * (1 - low)) : null,
            halfWidth is { } high ? StatusAt(value * (1 + high)) : null,
            errors.Count)
        {
            Note = halfWidth is null
                ? $"Only {errors.Count} past errors with quarter {quarter.PositionInYear} (at least {MinimumPastErrors} are needed): no band."
                : null,
        }, null);
    }

    private static Series With(Series annual, Period period, double value) =>
        new(annual.Frequency, annual.Observations.Where(o => o.Period != period).Append(new Observation(period, value)));
}
