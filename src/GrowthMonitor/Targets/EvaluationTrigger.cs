using GrowthMonitor.Catalog;

namespace GrowthMonitor.Targets;

/// <summary>
/// What set an evaluation run off: figures entered by hand for one indicator, or anything else (a publication, the
/// daily run, a catalog change, an operator). Alerts hold back what a hand entry changed (<c>Alerts:GroupWait</c>), as
/// the person entering figures may still be correcting them.
/// </summary>
public sealed record EvaluationTrigger(string? EnteredIndicator)
{
    public static readonly EvaluationTrigger Other = new((string?)null);

    public static EvaluationTrigger FiguresEntered(string indicatorId) => new(indicatorId);

    /// <summary>Whether the run follows figures entered by hand for the indicator <paramref name="target"/> is measured on.</summary>
    public bool EnteredFiguresOf(CatalogTarget target) => EnteredIndicator is { } indicator && target.Indicator.Id == indicator;
}
