using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Targets;

/// <summary>A target judged on the stored data: the evaluation, its expected path and the series it was judged on.</summary>
public sealed record TargetResult(CatalogTarget Target, TargetEvaluation Evaluation, IReadOnlyList<TrajectoryPoint> Trajectory, Series Actual, Series? Benchmark);

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
