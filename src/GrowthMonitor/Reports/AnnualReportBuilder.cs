using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Reports;

public sealed class AnnualReportBuilder(GrowthCatalog catalog, TargetEvaluations evaluations, SeriesStore series, TimeProvider time)
{
    public async Task<AnnualReport> BuildAsync(AllianceDefinition alliance, int year, CancellationToken cancellationToken)
    {
        List<ReportTarget> targets = [];
        foreach (var target in catalog.TargetsOf(alliance))
        {
            var result = await evaluations.EvaluateAsync(target, endOfYear: year, cancellationToken);
            targets.Add(await ReportTargetAsync(alliance, result, year, cancellationToken));
        }

        return new AnnualReport(alliance.Id, alliance.Name, year, time.GetUtcNow(), [.. alliance.Areas.Select(Area)], targets);
    }

    private async Task<ReportTarget> ReportTargetAsync(AllianceDefinition alliance, TargetResult result, int year, CancellationToken cancellationToken) => new(
        TargetInfo.From(result.Target),
        result.Evaluation,
        YearChange.Compute(result.Actual, year, result.Target.Definition, result.Benchmark),
        result.Path(),
        await CompareAsync(alliance, result.Target, year, cancellationToken));

    /// <summary>Each member area, the regions they lie in, and Denmark, on the target's indicator.</summary>
    private async Task<AreaComparison[]> CompareAsync(AllianceDefinition alliance, CatalogTarget target, int year, CancellationToken cancellationToken)
    {
        var regions = alliance.Areas.Select(a => DanishAreas.Find(a)?.RegionCode).OfType<string>().Distinct();
        var areas = alliance.Areas.Concat(regions).Append(DanishAreas.Denmark).Distinct().ToList();
        var data = await series.ReadAsync(target.Indicator.Id, areas, from: null, to: null, cancellationToken);
        return [.. areas.Select(area =>
        {
            var change = YearChange.Compute(data.Of(area), year);
            return new AreaComparison(area, DanishAreas.NameOf(area), AreaCodes.LevelOf(area), change?.From, change?.To, change?.FromValue, change?.ToValue, change?.Change, change?.PercentChange);
        })];
    }

    private static ReportArea Area(string code) => new(code, DanishAreas.NameOf(code), AreaCodes.LevelOf(code));
}
