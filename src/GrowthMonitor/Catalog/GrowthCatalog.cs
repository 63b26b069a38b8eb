using GrowthMonitor.Core;
using GrowthMonitor.Reports.Html;

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

    public IndicatorDefinition? FindIndicator(string id) => indicatorsById.GetValueOrDefault(id);

    public AllianceDefinition? FindAlliance(string id) => alliancesById.GetValueOrDefault(id);

    public CatalogTarget? FindTarget(string id) => targetsById.GetValueOrDefault(id);

    /// <summary>
    /// The alliance's targets grouped by focus area, in the order of <see cref="FocusAreasOf"/>, those without one last;
    /// within a group in catalog order. A report, its overview and the API list them this way.
    /// </summary>
    public IEnumerable<CatalogTarget> TargetsOf(AllianceDefinition alliance)
    {
        var order = FocusAreasOf(alliance);
        return Targets.Where(t => t.Spec.Alliance == alliance.Id)
            .OrderBy(t => t.Spec.FocusArea is { } focusArea ? order.IndexOf(focusArea) : order.Count);
    }

    /// <summary>The alliance's focus areas: those it lists, in its order, then any others its targets name.</summary>
    public List<string> FocusAreasOf(AllianceDefinition alliance) =>
        [.. (alliance.FocusAreas ?? []).Concat(Targets.Where(t => t.Spec.Alliance == alliance.Id).Select(t => t.Spec.FocusArea).OfType<string>()).Distinct()];

    public IEnumerable<CatalogTarget> TargetsOn(string indicatorId) => Targets.Where(t => t.Spec.Indicator == indicatorId);
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
