namespace GrowthMonitor.Core;

/// <summary>
/// Where an indicator's figures come from, as the catalog, the API and the reports name it. Credits and texts depend on
/// it: figures entered by hand must not be passed off as official statistics.
/// </summary>
public static class IndicatorSources
{
    /// <summary>Fetched from Statistics Denmark (the default).</summary>
    public const string StatBank = "statbank";

    /// <summary>Entered by hand through <c>PUT /api/indicators/{id}/values</c>.</summary>
    public const string Manual = "manual";
}
