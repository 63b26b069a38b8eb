using GrowthMonitor.Core;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Catalog;

/// <summary>The validated catalog the service runs on; every reference in it is known to resolve.</summary>
public sealed class GrowthCatalog(IReadOnlyList<IndicatorDefinition> indicators, IReadOnlyList<AllianceDefinition> alliances, IReadOnlyList<CatalogTarget> targets)
{
    private readonly Dictionary<string, IndicatorDefinition> indicatorsById = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, AllianceDefinition> alliancesById = alliances.ToDictionary(a => a.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogTarget> targetsById = targets.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public IReadOnlyList<IndicatorDefinition> Indicators { get; } = indicators;

    /// <summary>The indicators fetched from Statistics Denmark, on a schedule; the others are entered by hand.</summary>
    public IReadOnlyList<IndicatorDefinition> FetchedIndicators { get; } = [.. indicators.Where(i => !i.IsManual)];

    public IReadOnlyList<AllianceDefinition> Alliances { get; } = alliances;

    public IReadOnlyList<CatalogTarget> Targets { get; } = targets;

    /// <summary>Changes whenever the catalog file does, so that an edited catalog is evaluated again at start.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>How settings that could mean two things were read, one line each; the service logs them at start.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IndicatorDefinition? FindIndicator(string id) => indicatorsById.GetValueOrDefault(id);

    /// <summary>An indicator's title for readers; its id when the catalog no longer has it (an estimate stored earlier).</summary>
    public string TitleOf(string indicatorId) => FindIndicator(indicatorId)?.Title ?? indicatorId;

    public AllianceDefinition? FindAlliance(string id) => alliancesById.GetValueOrDefault(id);

    public CatalogTarget? FindTarget(string id) => targetsById.GetValueOrDefault(id);

    /// <summary>
    /// The alliance's targets grouped by focus area, in the order of <see cref="FocusAreasOf"/>, those without one last;
    /// within a group in catalog order. A report, its overview and the API list them this way.
    /// </summary>
    public IReadOnlyList<CatalogTarget> TargetsOf(AllianceDefinition alliance) => Grouped(alliance).Targets;

    /// <summary>The alliance's focus areas: those it lists, in its order, then any others its targets name.</summary>
    public IReadOnlyList<string> FocusAreasOf(AllianceDefinition alliance) => Grouped(alliance).FocusAreas;

    // The catalog never changes while the service runs: each alliance's grouping is worked out once.
    private readonly Dictionary<string, (IReadOnlyList<string> FocusAreas, IReadOnlyList<CatalogTarget> Targets)> grouped = alliances.ToDictionary(
        a => a.Id,
        a =>
        {
            var own = targets.Where(t => t.Spec.Alliance == a.Id).ToList();
            List<string> focusAreas = [.. (a.FocusAreas ?? []).Concat(own.Select(t => t.Spec.FocusArea).OfType<string>()).Distinct()];
            return ((IReadOnlyList<string>)focusAreas,
                (IReadOnlyList<CatalogTarget>)[.. own.OrderBy(t => t.Spec.FocusArea is { } focusArea ? focusAreas.IndexOf(focusArea) : focusAreas.Count)]);
        },
        StringComparer.Ordinal);

    private (IReadOnlyList<string> FocusAreas, IReadOnlyList<CatalogTarget> Targets) Grouped(AllianceDefinition alliance) => grouped[alliance.Id];

    public IEnumerable<CatalogTarget> TargetsOn(string indicatorId) => Targets.Where(t => t.Spec.Indicator == indicatorId);

    /// <summary>
    /// The targets whose assessment reads the indicator's figures: those measured on it, and those whose indicator it
    /// leads (their early estimate grows by it), so that new figures of either are judged.
    /// </summary>
    public IEnumerable<CatalogTarget> TargetsReading(string indicatorId) =>
        Targets.Where(t => t.Spec.Indicator == indicatorId || t.Indicator.Nowcast?.From == indicatorId);
}

/// <summary>A target from the catalog with its Core definition and the indicator it is measured on.</summary>
public sealed record CatalogTarget(TargetSpec Spec, TargetDefinition Definition, IndicatorDefinition Indicator)
{
    public string Id => Spec.Id;

    /// <summary>The catalog's title, or a readable Danish one built from the kind, amount, unit and areas: never the bare id.</summary>
    public string Title { get; } = Spec.Title ?? Danish.TargetTitle(Definition, Indicator.Title, Indicator.Unit, Spec.Areas, Spec.Benchmark);

    /// <summary>The areas whose figures judging the target needs: its own and, for a relative target, the benchmark.</summary>
    public IReadOnlyList<string> AreasRead => Spec.Benchmark is { } benchmark ? [.. Spec.Areas, benchmark] : Spec.Areas;
}
