using GrowthMonitor.Influx;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>What a test reads straight from the stores, past the service: stored points, their vintages and the run log.</summary>
public static class StoredData
{
    /// <summary>Every stored point of a measurement, of every vintage, as (area, period start, value), in a stable order.</summary>
    public static async Task<IReadOnlyList<(string Area, DateTimeOffset Time, double Value)>> StoredAsync(this InfluxClient influx, string measurement)
    {
        // The service creates its database in the background at start; a test may look before anything was written.
        await influx.EnsureDatabaseAsync();
        var series = await influx.QueryAsync(new InfluxQuery($"SELECT \"value\" FROM {InfluxQl.Identifier(measurement)} GROUP BY area"));
        return [.. series.SelectMany(s => s.Rows.Select(r => (s.Tag("area"), r.Time, r.GetDouble("value")!.Value)))
            .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Time)];
    }

    /// <summary>The vintages (the runs) that stored points of a measurement, committed or not.</summary>
    public static async Task<IReadOnlyList<string>> VintagesAsync(this InfluxClient influx, string measurement)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SHOW TAG VALUES FROM {InfluxQl.Identifier(measurement)} WITH KEY = \"vintage\""));
        return [.. series.SelectMany(s => s.Rows).Select(r => r.GetString("value")!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every ended run of an indicator, oldest first, read straight from the run log in PostgreSQL.</summary>
    public static async Task<IReadOnlyList<RecordedRun>> RunsAsync(string connectionString, string indicator)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT outcome, at, rows, points, error FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome <> 'running' ORDER BY at, id", connection);
        query.Parameters.AddWithValue("indicator", indicator);
        List<RecordedRun> runs = [];
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new RecordedRun(reader.GetString(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
                reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return runs;
    }

    /// <summary>The runs of an indicator as InfluxDB's <c>ingest_runs</c> projection holds them for Grafana, oldest first.</summary>
    public static async Task<IReadOnlyList<RecordedRun>> ProjectedRunsAsync(this InfluxClient influx, string indicator)
    {
        var series = await influx.QueryAsync(new InfluxQuery(
            "SELECT * FROM ingest_runs WHERE indicator = $indicator GROUP BY outcome",
            new Dictionary<string, object> { ["indicator"] = indicator }));
        return [.. series.SelectMany(s => s.Rows.Select(r => new RecordedRun(s.Tag("outcome"), r.Time, r.GetInt64("rows"), r.GetInt64("points"), r.GetString("error"))))
            .OrderBy(r => r.Time)];
    }
}
