using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Downloads;

/// <summary>
/// The Statistics Denmark table an indicator's figures come from, when that table was last published and its latest
/// period, as recorded by the last successful ingestion (<c>table_updated</c> and <c>latest_period</c> in
/// <c>ingest_runs</c>); no publication before anything was fetched. Figures entered by hand name their source instead
/// of a table.
/// </summary>
public static class SourceTable
{
    /// <summary>What the spreadsheets write where a table id would stand, for figures entered by the alliance.</summary>
    public const string EnteredByHand = "indtastet af alliancen";

    public static async Task<DataSource> OfAsync(IndicatorDefinition indicator, IngestRuns runs, CancellationToken cancellationToken)
    {
        var last = await runs.LastSuccessAsync(indicator.Id, cancellationToken);
        return DataSource.Of(indicator.Table ?? EnteredByHand, last?.TableUpdated, last?.LatestPeriod);
    }
}
