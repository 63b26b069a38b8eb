using GrowthMonitor.Catalog;
using GrowthMonitor.Ingestion;

namespace GrowthMonitor.Downloads;

/// <summary>
/// The Statistics Denmark table an indicator's figures come from and when that table was last published, as recorded
/// by the last successful ingestion (<c>table_updated</c> in <c>ingest_runs</c>); null when nothing was fetched yet.
/// </summary>
public sealed record SourceTable(string Table, DateTimeOffset? Updated)
{
    public static async Task<SourceTable> OfAsync(IndicatorDefinition indicator, IngestRuns runs, CancellationToken cancellationToken) =>
        new(indicator.Table, (await runs.LastSuccessAsync(indicator.Id, cancellationToken))?.TableUpdated);
}
