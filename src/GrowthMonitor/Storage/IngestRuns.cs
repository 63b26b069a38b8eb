using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using Npgsql;
using Fields = GrowthMonitor.Storage.Schema.IngestRuns;

namespace GrowthMonitor.Storage;

public static class IngestOutcome
{
    public const string Success = "success";
    public const string Unchanged = "unchanged";
    public const string Failed = "failed";

    /// <summary>A run that has begun a vintage and not ended yet (or whose process died): never shown as a run.</summary>
    public const string Running = "running";
}

/// <summary>One ingestion run, or one upload of figures entered by hand, as the run log records it.</summary>
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
/// The run log in PostgreSQL (<c>growthmonitor.ingest_runs</c>): every run of every indicator, and the commit of every
/// vintage of figures (<see cref="FigureVintages"/> writes the runs that write figures). InfluxDB's <c>ingest_runs</c>
/// measurement, which Grafana's freshness dashboard reads, is a projection of it (<see cref="ProjectAsync"/>).
/// </summary>
public sealed partial class IngestRuns(ServiceDatabase database, InfluxClient influx, GrowthCatalog catalog, ILogger<IngestRuns> logger)
{
    private const string Columns = "indicator, outcome, at, rows, points, seconds, table_updated, latest_period, definition, error, vintage";

    /// <summary>Records a run that wrote no figures (it found the table unchanged, or failed before writing), then projects it.</summary>
    public async Task RecordAsync(IngestRun run, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await InsertAsync(connection, null, run, frequency: null, cancellationToken);
        }

        await TryProjectAsync(cancellationToken);
    }

    public async Task<IngestRun?> LastSuccessAsync(string indicator, CancellationToken cancellationToken) =>
        (await ReadAsync(
            $"SELECT {Columns} FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome = 'success' ORDER BY at DESC, id DESC LIMIT 1",
            cancellationToken, ("indicator", indicator))).FirstOrDefault();

    /// <summary>The latest run of every indicator for each outcome.</summary>
    public Task<IReadOnlyList<IngestRun>> LatestAsync(CancellationToken cancellationToken) => ReadAsync(
        $"SELECT DISTINCT ON (indicator, outcome) {Columns} FROM growthmonitor.ingest_runs WHERE outcome <> 'running' ORDER BY indicator, outcome, at DESC, id DESC",
        cancellationToken);

    /// <summary>The committed vintages of an indicator by number, with <see cref="FigureVintages.Unversioned"/>.</summary>
    public async Task<IReadOnlyDictionary<int, Vintage>> CommittedAsync(string indicator, CancellationToken cancellationToken)
    {
        var committed = new Dictionary<int, Vintage> { [FigureVintages.Unversioned.Number] = FigureVintages.Unversioned };
        foreach (var run in await ReadAsync(
            $"SELECT {Columns} FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome = 'success' AND vintage IS NOT NULL",
            cancellationToken, ("indicator", indicator)))
        {
            committed[run.Vintage!.Value] = new Vintage(run.Vintage.Value, run.Time);
        }

        return committed;
    }

    /// <summary>The frequency of the indicator's figures as its latest committed run wrote them; null before any.</summary>
    public async Task<Frequency?> FrequencyAsync(string indicator, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT frequency FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome = 'success' AND frequency IS NOT NULL ORDER BY id DESC LIMIT 1",
            connection);
        query.Parameters.AddWithValue("indicator", indicator);
        return await query.ExecuteScalarAsync(cancellationToken) is string name && Wire.Frequency.TryParse(name, out var frequency) ? frequency : null;
    }

    /// <summary>
    /// Writes the ended runs InfluxDB does not have yet to its <c>ingest_runs</c>, oldest first, with the indicator's
    /// title from the catalog. A run ended while InfluxDB was down is written by a later call.
    /// </summary>
    public async Task ProjectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        List<(long Id, IngestRun Run)> pending = [];
        await using (var query = new NpgsqlCommand(
            $"SELECT id, {Columns} FROM growthmonitor.ingest_runs WHERE NOT projected AND outcome <> 'running' ORDER BY id LIMIT 1000", connection))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetInt64(0), Read(reader, offset: 1)));
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        await influx.WriteAsync([.. pending.Select(p => Point(p.Run))], cancellationToken);
        await using var mark = new NpgsqlCommand("UPDATE growthmonitor.ingest_runs SET projected = true WHERE id = ANY (@ids)", connection);
        mark.Parameters.AddWithValue("ids", pending.Select(p => p.Id).ToArray());
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary><see cref="ProjectAsync"/> where a failure must not fail the caller: the run is recorded, Grafana learns of it later.</summary>
    public async Task TryProjectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ProjectAsync(cancellationToken);
        }
        catch (Exception e) when (e is InfluxException or NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            LogNotProjected(e.Message);
        }
    }

    /// <summary>Inserts an ended run, or (<paramref name="frequency"/> given with outcome running) a run beginning a vintage.</summary>
    internal static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IngestRun run, Frequency? frequency, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            $"""
            INSERT INTO growthmonitor.ingest_runs ({Columns}, frequency)
            VALUES (@indicator, @outcome, @at, @rows, @points, @seconds, @tableUpdated, @latestPeriod, @definition, @error, @vintage, @frequency)
            RETURNING id
            """, connection, transaction);
        AddParameters(insert, run);
        insert.Parameters.AddWithValue("frequency", (object?)(frequency is { } f ? Wire.Frequency.Of(f) : null) ?? DBNull.Value);
        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Ends the run a vintage began (row <paramref name="id"/>) as <paramref name="run"/> says.</summary>
    internal static async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, IngestRun run, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE growthmonitor.ingest_runs SET outcome = @outcome, at = @at, rows = @rows, points = @points, seconds = @seconds,
                table_updated = @tableUpdated, latest_period = @latestPeriod, definition = @definition, error = @error, vintage = @vintage
            WHERE id = @id AND outcome = 'running'
            """, connection, transaction);
        AddParameters(update, run);
        update.Parameters.AddWithValue("id", id);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"The run of {run.Indicator} (row {id}) was ended already.");
        }
    }

    /// <summary>The run's columns as the parameters <c>@indicator</c> … <c>@vintage</c> of <paramref name="command"/>.</summary>
    internal static void AddParameters(NpgsqlCommand command, IngestRun run)
    {
        command.Parameters.AddWithValue("indicator", run.Indicator);
        command.Parameters.AddWithValue("outcome", run.Outcome);
        command.Parameters.AddWithValue("at", run.Time.UtcDateTime);
        command.Parameters.AddWithValue("rows", run.Rows);
        command.Parameters.AddWithValue("points", run.Points);
        command.Parameters.AddWithValue("seconds", run.Seconds);
        command.Parameters.AddWithValue("tableUpdated", (object?)run.TableUpdated?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue("latestPeriod", (object?)run.LatestPeriod ?? DBNull.Value);
        command.Parameters.AddWithValue("definition", (object?)run.Definition ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)run.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("vintage", (object?)run.Vintage ?? DBNull.Value);
    }

    private async Task<IReadOnlyList<IngestRun>> ReadAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            query.Parameters.AddWithValue(name, value);
        }

        List<IngestRun> runs = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(Read(reader, offset: 0));
        }

        return runs;
    }

    private static IngestRun Read(NpgsqlDataReader reader, int offset)
    {
        DateTimeOffset? Time(int column) => reader.IsDBNull(offset + column) ? null : Utc(reader.GetDateTime(offset + column));
        string? Text(int column) => reader.IsDBNull(offset + column) ? null : reader.GetString(offset + column);
        return new IngestRun(
            reader.GetString(offset), reader.GetString(offset + 1), Utc(reader.GetDateTime(offset + 2)), reader.GetInt64(offset + 3), reader.GetInt64(offset + 4),
            reader.GetDouble(offset + 5), Time(6), Text(7), Text(8), Text(9))
        {
            Vintage = reader.IsDBNull(offset + 10) ? null : reader.GetInt32(offset + 10),
        };
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private InfluxPoint Point(IngestRun run)
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
        // A run recorded before its indicator left the catalog has no title by the time it is projected.
        fields.AddText(Fields.IndicatorTitle, catalog.FindIndicator(run.Indicator)?.Title);
        List<KeyValuePair<string, string>> tags = [new(Fields.IndicatorTag, run.Indicator), new(Fields.OutcomeTag, run.Outcome)];
        if (run.Vintage is { } vintage)
        {
            tags.Add(new(Fields.VintageTag, FigureVintages.TagOf(vintage)));
        }

        return new InfluxPoint(Fields.Measurement, tags, fields, run.Time);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run log is written to InfluxDB's ingest_runs once InfluxDB answers again: {Reason}")]
    private partial void LogNotProjected(string reason);
}
