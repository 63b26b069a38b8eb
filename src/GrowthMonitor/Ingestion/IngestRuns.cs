using GrowthMonitor.Catalog;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using Fields = GrowthMonitor.Storage.Schema.IngestRuns;

namespace GrowthMonitor.Ingestion;

public static class IngestOutcome
{
    public const string Success = "success";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";
}

/// <summary>One ingestion run as recorded in measurement <c>ingest_runs</c>, which dashboards use to show freshness.</summary>
public sealed record IngestRun(
    string Indicator,
    string Outcome,
    DateTimeOffset Time,
    long Rows,
    long Points,
    double Seconds,
    DateTimeOffset? TableUpdated,
    string? LatestPeriod,
    string? Definition,
    string? Error)
{
    /// <summary>The vintage the run wrote its figures under; a success commits it. Null when it wrote none.</summary>
    public int? Vintage { get; init; }
}

/// <summary>
/// Reads and writes the run log in InfluxDB (tags <c>indicator</c>, <c>outcome</c>). Every run is recorded with the
/// indicator's title from the catalog, so whoever recorded it (ingestion, figures entered by hand, the outbox) names it.
/// </summary>
public sealed class IngestRuns(InfluxClient influx, GrowthCatalog catalog)
{
    private static readonly string Measurement = InfluxQl.Identifier(Fields.Measurement);
    private static readonly string IndicatorTag = InfluxQl.Identifier(Fields.IndicatorTag);
    private static readonly string OutcomeTag = InfluxQl.Identifier(Fields.OutcomeTag);

    public async Task RecordAsync(IngestRun run, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, FieldValue>> fields =
        [
            new(Fields.Rows, FieldValue.Integer(run.Rows)),
            new(Fields.Points, FieldValue.Integer(run.Points)),
            new(Fields.Seconds, FieldValue.Float(run.Seconds)),
        ];
        if (run.TableUpdated is { } updated)
        {
            fields.Add(new(Fields.TableUpdated, FieldValue.Integer(updated.ToUnixTimeSeconds())));
        }

        fields.AddText(Fields.LatestPeriod, run.LatestPeriod);
        fields.AddText(Fields.Definition, run.Definition);
        fields.AddText(Fields.Error, run.Error);
        // A run kept in the outbox may outlive its indicator's removal from the catalog: then it has no title.
        fields.AddText(Fields.IndicatorTitle, catalog.FindIndicator(run.Indicator)?.Title);
        List<KeyValuePair<string, string>> tags = [new(Fields.IndicatorTag, run.Indicator), new(Fields.OutcomeTag, run.Outcome)];
        if (run.Vintage is { } vintage)
        {
            tags.Add(new(Fields.VintageTag, FigureVintages.TagOf(vintage)));
        }

        await influx.WriteAsync([new InfluxPoint(Fields.Measurement, tags, fields, run.Time)], cancellationToken);
    }

    public async Task<IngestRun?> LastSuccessAsync(string indicator, CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(
            new InfluxQuery(
                $"SELECT * FROM {Measurement} WHERE {IndicatorTag} = $indicator AND {OutcomeTag} = $outcome GROUP BY {IndicatorTag}, {OutcomeTag} ORDER BY time DESC LIMIT 1",
                new Dictionary<string, object> { ["indicator"] = indicator, ["outcome"] = IngestOutcome.Success }),
            cancellationToken);
        return Read(series).FirstOrDefault();
    }

    /// <summary>The latest run of every indicator for each outcome.</summary>
    public async Task<IReadOnlyList<IngestRun>> LatestAsync(CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SELECT * FROM {Measurement} GROUP BY {IndicatorTag}, {OutcomeTag} ORDER BY time DESC LIMIT 1"), cancellationToken);
        return [.. Read(series)];
    }

    private static IEnumerable<IngestRun> Read(IReadOnlyList<InfluxSeries> series) =>
        from s in series
        from row in s.Rows
        select new IngestRun(
            s.Tag(Fields.IndicatorTag),
            s.Tag(Fields.OutcomeTag),
            row.Time,
            row.GetInt64(Fields.Rows) ?? 0,
            row.GetInt64(Fields.Points) ?? 0,
            row.GetDouble(Fields.Seconds) ?? 0,
            row.GetInt64(Fields.TableUpdated) is { } updated ? DateTimeOffset.FromUnixTimeSeconds(updated) : null,
            row.GetString(Fields.LatestPeriod),
            row.GetString(Fields.Definition),
            row.GetString(Fields.Error));
}
