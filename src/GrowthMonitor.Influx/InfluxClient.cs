using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Influx;

/// <summary>Typed access to one InfluxDB database: ping, batched line-protocol writes and InfluxQL queries.</summary>
public sealed partial class InfluxClient(IInfluxApi api, IOptions<InfluxOptions> options, ILogger<InfluxClient> logger)
{
    /// <summary>
    /// Official statistics are sparse and span decades; with InfluxDB's default 7-day shards one batch touches
    /// thousands of shards and writes 30× slower, so the database gets one shard per 100 years.
    /// </summary>
    public const string CreateDatabaseClause = "WITH DURATION INF SHARD DURATION 5200w";

    private static readonly MediaTypeHeaderValue LineProtocolType = new("text/plain") { CharSet = "utf-8" };

    private volatile bool databaseEnsured;

    public string Database => options.Value.Database;

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await ReachAsync(api.PingAsync, "ping", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InfluxUnavailableException($"InfluxDB at {options.Value.Url} answered /ping with {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    /// <summary>Creates the configured database with long shards unless it exists; after one success it returns at once.</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (databaseEnsured)
        {
            return;
        }

        var databases = await QueryAsync(new InfluxQuery("SHOW DATABASES"), database: null, cancellationToken).ConfigureAwait(false);
        if (databases.SelectMany(s => s.Rows).Any(r => r.GetString("name") == Database))
        {
            databaseEnsured = true;
            return;
        }

        try
        {
            await QueryAsync(new InfluxQuery($"CREATE DATABASE {InfluxQl.Identifier(Database)} {CreateDatabaseClause}"), database: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InfluxException e)
        {
            throw new InfluxException($"Database '{Database}' does not exist and could not be created ({e.Message}). On InfluxDB 2.x create a bucket and a DBRP mapping for it (see docs/configuration.md).", e);
        }

        databaseEnsured = true;
        LogDatabaseCreated(Database);
    }

    public Task<int> WriteAsync(IEnumerable<InfluxPoint> points, CancellationToken cancellationToken = default) =>
        WriteAsync(points.ToAsyncEnumerable(), cancellationToken);

    /// <summary>
    /// Writes points in batches of <see cref="InfluxOptions.BatchSize"/>, serialising the next batch while the
    /// previous one is on the wire. Returns the number of points stored; throws <see cref="InfluxWriteException"/>
    /// after the last batch when any point was refused.
    /// </summary>
    public async Task<int> WriteAsync(IAsyncEnumerable<InfluxPoint> points, CancellationToken cancellationToken = default)
    {
        var batchSize = options.Value.BatchSize;
        var filling = new LineProtocolWriter();
        var sending = new LineProtocolWriter();
        var inFlight = Task.FromResult(BatchOutcome.Empty);
        var total = BatchOutcome.Empty;

        try
        {
            await foreach (var point in points.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    filling.Write(point);
                }
                catch (InvalidPointException e)
                {
                    total = total.Add(new BatchOutcome(0, [e.Message]));
                    continue;
                }

                if (filling.PointCount >= batchSize)
                {
                    total = total.Add(await inFlight.ConfigureAwait(false));
                    (filling, sending) = (sending, filling);
                    filling.Clear();
                    inFlight = SendAsync(sending, cancellationToken);
                }
            }
        }
        catch
        {
            // When the source fails, no batch may still be on the wire: the caller's clean-up (deleting a failed
            // vintage) would race it, and a batch landing after the delete would leave figures of a failed run behind.
            await ((Task)inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        total = total.Add(await inFlight.ConfigureAwait(false));
        if (filling.PointCount > 0)
        {
            total = total.Add(await SendAsync(filling, cancellationToken).ConfigureAwait(false));
        }

        return total.Problems.Count == 0 ? total.Written : throw new InfluxWriteException(total.Written, total.Problems);
    }

    /// <summary>Writes ready-made line protocol of <see cref="LineProtocolWriter.Precision"/>, as one request.</summary>
    public async Task WriteLineProtocolAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancellationToken = default)
    {
        var problem = await PostAsync(lineProtocol, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            throw new InfluxException(problem.Message);
        }
    }

    public Task<IReadOnlyList<InfluxSeries>> QueryAsync(InfluxQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(query, Database, cancellationToken);

    private async Task<IReadOnlyList<InfluxSeries>> QueryAsync(InfluxQuery query, string? database, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["q"] = query.Text, ["epoch"] = "s" };
        if (database is not null)
        {
            form["db"] = database;
        }

        if (query.Parameters is { Count: > 0 })
        {
            form["params"] = SerializeParameters(query.Parameters);
        }

        using var response = await ReachAsync(token => api.QueryAsync(form, token), "query", cancellationToken).ConfigureAwait(false);
        var body = await ReachAsync(response.Content.ReadAsStringAsync, "query", cancellationToken).ConfigureAwait(false);
        QueryResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, InfluxJsonContext.Default.QueryResponse);
        }
        catch (JsonException e)
        {
            throw new InfluxException($"InfluxDB answered the query with {(int)response.StatusCode} and a body that is not a query result: {Truncate(body)}", e);
        }

        var error = parsed?.Error ?? parsed?.Results?.Select(r => r.Error).FirstOrDefault(e => e is not null);
        if ((int)response.StatusCode >= 500 || error?.StartsWith("database not found", StringComparison.Ordinal) == true)
        {
            throw new InfluxUnavailableException($"InfluxDB is not ready ({(int)response.StatusCode}): {error ?? Truncate(body)}");
        }

        if (!response.IsSuccessStatusCode || error is not null || parsed?.Results is null)
        {
            throw new InfluxException($"InfluxDB refused the query ({(int)response.StatusCode}): {error ?? Truncate(body)}");
        }

        return [.. parsed.Results
            .SelectMany(r => r.Series ?? [])
            .Select(s => new InfluxSeries(
                s.Name ?? string.Empty,
                s.Tags ?? [],
                s.Columns,
                [.. (s.Values ?? []).Select(v => new InfluxRow(s.Columns, v))]))];
    }

    private async Task<BatchOutcome> SendAsync(LineProtocolWriter batch, CancellationToken cancellationToken)
    {
        var problem = await PostAsync(batch.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return problem switch
        {
            null => new BatchOutcome(batch.PointCount, []),
            { Partial: true } => new BatchOutcome(batch.PointCount - problem.Dropped, [problem.Message]),
            _ => throw new InfluxException(problem.Message),
        };
    }

    private async Task<WriteProblem?> PostAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(lineProtocol);
        content.Headers.ContentType = LineProtocolType;
        using var response = await ReachAsync(token => api.WriteAsync(Database, LineProtocolWriter.Precision, content, token), "write", cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await ReachAsync(response.Content.ReadAsStringAsync, "write", cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 500)
        {
            throw new InfluxUnavailableException($"InfluxDB could not store a write ({(int)response.StatusCode}): {TryReadError(body) ?? Truncate(body)}");
        }

        var message = TryReadError(body) ?? Truncate(body);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new WriteProblem($"InfluxDB has no database '{Database}': {message}", Partial: false, Dropped: 0),
            HttpStatusCode.BadRequest when message.StartsWith("partial write", StringComparison.Ordinal) =>
                new WriteProblem($"InfluxDB refused part of a batch: {message}", Partial: true, Dropped: ReadDropped(message)),
            _ => new WriteProblem($"InfluxDB refused a write ({(int)response.StatusCode}): {message}", Partial: false, Dropped: 0),
        };
    }

    /// <summary>InfluxDB 1.x ends a partial-write error with <c>dropped=N</c>.</summary>
    private static int ReadDropped(string message)
    {
        var at = message.LastIndexOf("dropped=", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(message.AsSpan(at + "dropped=".Length).TrimEnd(), out var dropped) ? dropped : 0;
    }

    private static string? TryReadError(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, InfluxJsonContext.Default.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string SerializeParameters(IReadOnlyDictionary<string, object> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var (name, value) in parameters)
            {
                switch (value)
                {
                    case string text:
                        json.WriteString(name, text);
                        break;
                    case double number:
                        json.WriteNumber(name, number);
                        break;
                    case long or int:
                        json.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    case DateTimeOffset time when !InfluxQl.IsStorable(time):
                        throw new InfluxTimeRangeException(name, time);
                    case DateTimeOffset time:
                        json.WriteString(name, InfluxQl.Time(time));
                        break;
                    default:
                        throw new ArgumentException($"Parameter '{name}' has unsupported type {value?.GetType().Name}.", nameof(parameters));
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Any failure to reach InfluxDB (refused connection, timeout, open circuit, broken body) becomes one exception
    /// type, so that callers tell InfluxDB's unavailability apart from their own and other services' failures.
    /// </summary>
    private async Task<T> ReachAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not InfluxException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new InfluxUnavailableException($"InfluxDB at {options.Value.Url} could not be reached ({what}): {e.Message}", e);
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created InfluxDB database {Database} with long shards")]
    private partial void LogDatabaseCreated(string database);

    private sealed record WriteProblem(string Message, bool Partial, int Dropped);

    private sealed record BatchOutcome(int Written, IReadOnlyList<string> Problems)
    {
        public static readonly BatchOutcome Empty = new(0, []);

        public BatchOutcome Add(BatchOutcome other) =>
            other.Problems.Count == 0 && other.Written == 0 ? this : new(Written + other.Written, [.. Problems, .. other.Problems]);
    }
}
