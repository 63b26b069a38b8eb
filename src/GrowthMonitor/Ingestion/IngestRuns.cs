using GrowthMonitor.Influx;

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
    string? Error);

/// <summary>Reads and writes the run log in InfluxDB (tags <c>indicator</c>, <c>outcome</c>).</summary>
public sealed class IngestRuns(InfluxClient influx)
{
    public const string Measurement = "ingest_runs";

    public async Task RecordAsync(IngestRun run, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, FieldValue>> fields =
        [
            new("rows", FieldValue.Integer(run.Rows)),
            new("points", FieldValue.Integer(run.Points)),
            new("seconds", FieldValue.Float(run.Seconds)),
        ];
        if (run.TableUpdated is { } updated)
        {
            fields.Add(new("table_updated", FieldValue.Integer(updated.ToUnixTimeSeconds())));
        }

        AddText(fields, "latest_period", run.LatestPeriod);
        AddText(fields, "definition", run.Definition);
        AddText(fields, "error", run.Error);
        await influx.WriteAsync([new InfluxPoint(Measurement, [new("indicator", run.Indicator), new("outcome", run.Outcome)], fields, run.Time)], cancellationToken);
    }

    public async Task<IngestRun?> LastSuccessAsync(string indicator, CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(
            new InfluxQuery(
                $"SELECT * FROM {Measurement} WHERE indicator = $indicator AND outcome = $outcome GROUP BY indicator, outcome ORDER BY time DESC LIMIT 1",
                new Dictionary<string, object> { ["indicator"] = indicator, ["outcome"] = IngestOutcome.Success }),
            cancellationToken);
        return Read(series).FirstOrDefault();
    }

    /// <summary>The latest run of every indicator for each outcome.</summary>
    public async Task<IReadOnlyList<IngestRun>> LatestAsync(CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SELECT * FROM {Measurement} GROUP BY indicator, outcome ORDER BY time DESC LIMIT 1"), cancellationToken);
        return [.. Read(series)];
    }

    private static IEnumerable<IngestRun> Read(IReadOnlyList<InfluxSeries> series) =>
        from s in series
        from row in s.Rows
        select new IngestRun(
            s.Tag("indicator"),
            s.Tag("outcome"),
            row.Time,
            row.GetInt64("rows") ?? 0,
            row.GetInt64("points") ?? 0,
            row.GetDouble("seconds") ?? 0,
            row.GetInt64("table_updated") is { } updated ? DateTimeOffset.FromUnixTimeSeconds(updated) : null,
            row.GetString("latest_period"),
            row.GetString("definition"),
            row.GetString("error"));

    private static void AddText(List<KeyValuePair<string, FieldValue>> fields, string key, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            fields.Add(new(key, FieldValue.String(text)));
        }
    }
}
