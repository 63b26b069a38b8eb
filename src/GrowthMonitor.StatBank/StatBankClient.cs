using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace GrowthMonitor.StatBank;

/// <summary>
/// Typed access to Statistics Denmark. Each HTTP request runs through one standard resilience pipeline (retries
/// on 5xx, 408, 429 with <c>Retry-After</c>, network errors and timeouts; circuit breaker); JSON answers are read
/// inside it. Data bodies are streamed after it, so a read can still fail midway: retry the whole unit of work
/// when <see cref="StatBankTransientErrors.IsBrokenBody"/> says so, and for nothing else (the handler has retried the
/// rest). Errors the server states (HTTP 400) become <see cref="StatBankException"/>s and are never retried.
/// </summary>
public sealed partial class StatBankClient(
    IStatBankApi api,
    IOptions<StatBankOptions> options,
    TimeProvider timeProvider,
    ILogger<StatBankClient> logger)
{
    private readonly StatBankOptions settings = options.Value;

    public Task<IReadOnlyList<Subject>> GetSubjectsAsync(bool recursive = false, CancellationToken cancellationToken = default) =>
        CallAsync(
            new StatBankRequestContext("subjects", null, []),
            () => api.GetSubjectsAsync(settings.Language, recursive ? true : null, cancellationToken));

    /// <summary>
    /// Lists tables, with <paramref name="pastDays"/> only those updated in that many days (how to find what
    /// changed), with <paramref name="subjects"/> only those under these subject ids.
    /// </summary>
    public Task<IReadOnlyList<TableSummary>> GetTablesAsync(
        int? pastDays = null,
        IReadOnlyList<string>? subjects = null,
        bool includeInactive = false,
        CancellationToken cancellationToken = default) =>
        CallAsync(
            new StatBankRequestContext("tables", null, []),
            () => api.GetTablesAsync(settings.Language, pastDays, subjects, includeInactive ? true : null, cancellationToken));

    public Task<TableInfo> GetTableInfoAsync(string tableId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableId);
        return CallAsync(
            new StatBankRequestContext("tableinfo", tableId, []),
            () => api.GetTableInfoAsync(tableId, settings.Language, cancellationToken));
    }

    /// <summary>
    /// Streams the rows of a data request. Non-streaming formats (CSV) are refused over the server's cell limit, BULK
    /// never is: ask for BULK to read a whole table.
    /// </summary>
    /// <exception cref="StatBankException">The server refused the request (over the cell limit: <see cref="StatBankRequestLimitException"/>).</exception>
    /// <exception cref="StatBankFormatException">The body is malformed or cut off; transient.</exception>
    public IAsyncEnumerable<DataRow> ReadDataAsync(DataRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Table);
        ArgumentNullException.ThrowIfNull(request.Variables);
        return ReadRowsAsync(request with { Language = request.Language ?? settings.Language }, cancellationToken);
    }

    private async IAsyncEnumerable<DataRow> ReadRowsAsync(DataRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        LogDataRequest(request.Table, request.Format, request.Variables.Sum(variable => variable.Values.Count));
        using var response = await api.PostDataAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw StatBankErrors.FromBody(
                await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false),
                new StatBankRequestContext("data", request.Table, request.Variables));
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in StatBankDataReader.ReadAsync(body, settings.AttemptTimeout, timeProvider, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    private static async Task<T> CallAsync<T>(StatBankRequestContext context, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw StatBankErrors.FromBody(e.Content ?? "", context, e);
        }
        catch (ApiException e) when ((int)e.StatusCode is >= 200 and < 300)
        {
            // Refit's "An error occured deserializing the response" says neither what came nor why it is unreadable.
            var contentType = e.ContentHeaders?.ContentType?.ToString() ?? "no content type";
            throw new StatBankFormatException($"The answer to /{context.Endpoint} is not the JSON expected ({contentType}): {(e.InnerException ?? e).Message}", innerException: e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Requesting {Format} data from table {Table} ({ValueCount} values)")]
    private partial void LogDataRequest(string table, DataFormat format, int valueCount);
}
