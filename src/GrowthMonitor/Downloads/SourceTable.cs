using GrowthMonitor.Catalog;
using GrowthMonitor.Ingestion;

namespace GrowthMonitor.Downloads;

/// <summary>
/// The Statistics Denmark table an indicator's figures come from and when that table was last published, as recorded
/// by the last successful ingestion (<c>table_updated</c> in <c>ingest_runs</c>); null when nothing was fetched yet.
/// Figures entered by hand name their source instead of a table.
/// </summary>
public sealed record SourceTable(string Table, DateTimeOffset? Updated)
{
    /// <summary>What the spreadsheets write where a table id would stand, for figures entered by the alliance.</summary>
    public const string EnteredByHand = "indtastet af alliancen";

    public static async Task<SourceTable> OfAsync(IndicatorDefinition indicator, IngestRuns runs, CancellationToken cancellationToken) =>
        new(indicator.Table ?? EnteredByHand, (await runs.LastSuccessAsync(indicator.Id, cancellationToken))?.TableUpdated);
}
