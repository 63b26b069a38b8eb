using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Presentation;
using GrowthMonitor.Storage;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Reports;

/// <summary>
/// Puts an annual report together from what the evaluation runs stored (each target as it stood at the end of the
/// year), with the member areas' figures beside their region's and Denmark's; or reproduces it as it would have been
/// produced at a past moment, from the figures known then.
/// </summary>
public sealed class AnnualReportBuilder(GrowthCatalog catalog, SeriesStore series, SourceCredit credit, TimeProvider time)
{
    /// <summary>
    /// The report from the stored assessments; with <paramref name="focusArea"/>, the follow-up report of that focus
    /// area or collaboration group alone.
    /// </summary>
    public async Task<AnnualReport> BuildAsync(AllianceDefinition alliance, int year, string? focusArea, AssessmentSnapshot assessments, CancellationToken cancellationToken) =>
        await BuildAsync(alliance, year, focusArea, VintageChoice.Latest, assessments, null,
                target => Task.FromResult((assessments.Of(target), (IReadOnlyList<FigureRevision>)[])), cancellationToken)
            with { EvaluatedAt = assessments.Run?.Time };

    /// <summary>
    /// The report as it would have been produced at <paramref name="moment"/>: each target judged, as the evaluation
    /// job judges, on the figures committed by then, the figures revised since listed beside it, and the notes written by then.
    /// </summary>
    public async Task<AnnualReport> BuildAsOfAsync(AllianceDefinition alliance, int year, string? focusArea, DateTimeOffset moment, AssessmentSnapshot assessments, CancellationToken cancellationToken) =>
        await BuildAsync(alliance, year, focusArea, VintageChoice.KnownAt(moment), assessments, moment, ReproduceAt(moment, cancellationToken), cancellationToken)
            with { AsOf = moment };

    private async Task<AnnualReport> BuildAsync(
        AllianceDefinition alliance,
        int year,
        string? focusArea,
        VintageChoice vintage,
        AssessmentSnapshot assessments,
        DateTimeOffset? moment,
        Func<CatalogTarget, Task<(StoredAssessment Stored, IReadOnlyList<FigureRevision> Revisions)>> judged,
        CancellationToken cancellationToken)
    {
        var comparisons = new Dictionary<string, AreaComparison[]>(StringComparer.Ordinal);
        List<ReportTarget> targets = [];
        foreach (var catalogTarget in catalog.TargetsOf(alliance).Where(t => focusArea is null || t.Spec.FocusArea == focusArea))
        {
            // A yearly goal set through the service wins over the catalog's: the report shows (and a reproduced one
            // judges by) the goals that applied, as known at its moment.
            var target = assessments.Goals.Apply(catalogTarget, moment);
            var (stored, revisions) = await judged(target);
            var yearEnd = stored.YearEnd(year);
            if (!comparisons.TryGetValue(target.Indicator.Id, out var comparison))
            {
                comparison = comparisons[target.Indicator.Id] = await CompareAsync(alliance, target.Indicator, year, vintage, cancellationToken);
            }

            // An estimate belongs to the report of the year it estimates: a report for 2025 made before 2025's official
            // figure is out shows the estimate of 2025.
            var nowcast = stored.Assessment.Nowcast is { } estimate && estimate.Period.Year == year ? estimate : null;
            targets.Add(new ReportTarget(TargetInfo.From(target), yearEnd.Evaluation, yearEnd.Change, ChartAsOf(stored.Assessment.Path, year), comparison)
            {
                Revisions = revisions,
                Source = stored.Assessment.Source,
                Note = assessments.LatestNote(target.Id, year, moment),
                Nowcast = nowcast,
                NowcastIndicatorTitle = nowcast is null ? null : catalog.TitleOf(nowcast.BasedOn.Indicator),
            });
        }

        return new AnnualReport(alliance.Id, alliance.Name, year, time.GetUtcNow(), [.. alliance.Areas.Select(Area)], targets)
        {
            FocusArea = focusArea,
            Credit = credit,
        };
    }

    /// <summary>
    /// Judges each target as the evaluation job would have at <paramref name="moment"/>, with the early estimate made
    /// then; the figures an estimate needs (every area of two indicators) are read once per indicator.
    /// </summary>
    private Func<CatalogTarget, Task<(StoredAssessment Stored, IReadOnlyList<FigureRevision> Revisions)>> ReproduceAt(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        var nowcastFigures = new Dictionary<string, (IndicatorData Annual, IndicatorData Leading)>(StringComparer.Ordinal);
        return async target =>
        {
            var figures = await series.ReadAsync(target.Indicator.Id, target.AreasRead, from: null, to: null, [VintageChoice.KnownAt(moment), VintageChoice.Latest], cancellationToken);
            var (then, now) = (figures[0], figures[1]);
            var known = then.SumOf(target.Spec.Areas);
            var revisions = now.SumOf(target.Spec.Areas).Observations
                .Select(o => known.TryGetValue(o.Period, out var old) && old != o.Value ? new FigureRevision(o.Period, old, o.Value) : null)
                .OfType<FigureRevision>()
                .ToList();
            if (target.Indicator.Nowcast?.From is not { } leadingId)
            {
                return (new StoredAssessment(TargetJudge.Assess(target, then, moment), moment), revisions);
            }

            // The figures known then of every area, of both indicators: the estimate's band needs them all.
            if (!nowcastFigures.TryGetValue(target.Indicator.Id, out var read))
            {
                read = nowcastFigures[target.Indicator.Id] = await series.ReadForNowcastAsync(target.Indicator.Id, leadingId, VintageChoice.KnownAt(moment), cancellationToken);
            }

            return (new StoredAssessment(TargetJudge.Assess(target, read.Annual, moment, leading: read.Leading), moment), revisions);
        };
    }

    /// <summary>The path as the report's year saw it: the whole expected path, actual figures up to the year.</summary>
    private static ChartPoint[] ChartAsOf(IReadOnlyList<ChartPoint> path, int year) =>
        [.. path.Select(p => p.Period.Year <= year ? p : p with { Actual = null }).Where(p => p.Actual is not null || p.Expected is not null)];

    /// <summary>Each member area, the regions they lie in, and Denmark, on the target's indicator.</summary>
    private async Task<AreaComparison[]> CompareAsync(AllianceDefinition alliance, IndicatorDefinition indicator, int year, VintageChoice vintage, CancellationToken cancellationToken)
    {
        var regions = alliance.Areas.Select(a => DanishAreas.Find(a)?.RegionCode).OfType<string>().Distinct();
        var areas = alliance.Areas.Concat(regions).Append(DanishAreas.Denmark).Distinct().ToList();
        var data = await series.ReadAsync(indicator.Id, areas, from: null, to: null, vintage, cancellationToken);
        return [.. areas.Select(area =>
        {
            var change = YearChange.Compute(data.Of(area), year, aggregation: indicator.FigureAggregation);
            return new AreaComparison(area, DanishAreas.NameOf(area), AreaCodes.LevelOf(area), change?.From, change?.To, change?.FromValue, change?.ToValue, change?.Change, change?.PercentChange);
        })];
    }

    private static ReportArea Area(string code) => new(code, DanishAreas.NameOf(code), AreaCodes.LevelOf(code));
}
