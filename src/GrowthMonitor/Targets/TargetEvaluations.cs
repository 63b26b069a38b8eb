using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Targets;

/// <summary>A target judged on the stored data: the evaluation, its expected path and the series it was judged on.</summary>
public sealed record TargetResult(CatalogTarget Target, TargetEvaluation Evaluation, IReadOnlyList<TrajectoryPoint> Trajectory, Series Actual, Series? Benchmark)
{
    /// <summary>
    /// Actual (summed) figures and the expected path side by side, per period from the baseline year to the target's
    /// end: what charts and dashboards draw.
    /// </summary>
    public IReadOnlyList<ChartPoint> Path()
    {
        var expected = Trajectory.ToDictionary(p => p.Period, p => p.Expected);
        var last = expected.Count > 0 ? expected.Keys.Max() : (Period?)null;
        var actual = Actual.Observations
            .Where(o => o.Period.Year >= Target.Definition.Baseline.Year && (last is null || o.Period <= last))
            .ToDictionary(o => o.Period, o => o.Value);
        return [.. expected.Keys.Union(actual.Keys).Order()
            .Select(period => new ChartPoint(period, actual.TryGetValue(period, out var a) ? a : null, expected.TryGetValue(period, out var e) ? e : null))];
    }
}

/// <summary>One period of a target's path: the actual figure where there is one, and the expected value.</summary>
public sealed record ChartPoint(Period Period, double? Actual, double? Expected);

public sealed class TargetEvaluations(SeriesStore series, TimeProvider time)
{
    /// <summary>Judges a target now, or as at the end of <paramref name="endOfYear"/> for an annual report.</summary>
    public async Task<TargetResult> EvaluateAsync(CatalogTarget target, int? endOfYear, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var areas = spec.Benchmark is { } benchmarkArea ? [.. spec.Areas, benchmarkArea] : spec.Areas.ToList();
        var data = await series.ReadAsync(target.Indicator.Id, areas, from: null, to: null, cancellationToken);
        var context = endOfYear is { } year ? EvaluationContext.AtEndOfYear(year, time.GetUtcNow()) : EvaluationContext.From(time);
        var actual = Cut(data.SumOf(spec.Areas), context);
        var benchmark = spec.Benchmark is { } code ? Cut(data.Of(code), context) : null;
        return new TargetResult(
            target,
            TargetEvaluator.Evaluate(target.Definition, actual, benchmark, context),
            TargetEvaluator.Trajectory(target.Definition, actual, benchmark),
            actual,
            benchmark);
    }

    private static Series Cut(Series series, EvaluationContext context) => context.AsOf is { } asOf ? series.StartingBefore(asOf) : series;
}
