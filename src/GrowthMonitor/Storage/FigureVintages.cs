using System.Globalization;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using Npgsql;
using Figures = GrowthMonitor.Storage.Schema.Figures;

namespace GrowthMonitor.Storage;

/// <summary>Which vintage of each figure a reader wants.</summary>
public enum VintageKind
{
    /// <summary>The newest committed vintage: what every reader sees by default.</summary>
    Latest,

    /// <summary>The newest vintage committed at or before a moment: the figures as they were known then.</summary>
    AsOf,

    /// <summary>Each period's first published figure.</summary>
    First,
}

public sealed record VintageChoice(VintageKind Kind, DateTimeOffset? Moment = null)
{
    public static readonly VintageChoice Latest = new(VintageKind.Latest);

    public static readonly VintageChoice First = new(VintageKind.First);

    public static VintageChoice KnownAt(DateTimeOffset moment) => new(VintageKind.AsOf, moment);
}

/// <summary>A committed vintage: its number and when its run succeeded (when its figures became visible).</summary>
public sealed record Vintage(int Number, DateTimeOffset CommittedAt);

/// <summary>
/// The one writer of indicator figures, fetched or entered by hand: a run begins a vintage (a numbered row of the run
/// log), writes the figures it found new or revised to InfluxDB under that number, and commits them by ending its row
/// as a success in PostgreSQL. Until then no reader sees them, so readers see all of a run or none of it, and a
/// revision adds to what was published instead of erasing it. Numbers only grow, so the newest vintage is the highest.
/// </summary>
public sealed partial class FigureVintages(ServiceDatabase database, InfluxClient influx, IngestRuns runs, TimeProvider time, ILogger<FigureVintages> logger)
{
    /// <summary>Figures written before vintages existed carry none; they count as committed from the start.</summary>
    public static readonly Vintage Unversioned = new(0, DateTimeOffset.UnixEpoch);

    /// <summary>The tag value and the time offset of a vintage's points.</summary>
    public static string TagOf(int vintage) => vintage.ToString(CultureInfo.InvariantCulture);

    public static TimeSpan OffsetOf(int vintage) => TimeSpan.FromMilliseconds(vintage);

    /// <summary>
    /// Begins a vintage of <paramref name="indicatorId"/>'s figures, after deleting from InfluxDB what runs that never
    /// committed left there (a failure whose clean-up failed too, or a process that died). The caller holds the
    /// indicator's lock, so no other run of it is under way.
    /// </summary>
    /// <param name="origin">The tag that says where the figures come from: <c>table</c> or <c>source=manual</c>.</param>
    public async Task<OpenVintage> BeginAsync(string indicatorId, Frequency frequency, KeyValuePair<string, string> origin, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await DiscardLeftoversAsync(connection, indicatorId, cancellationToken);
        await using var next = new NpgsqlCommand("SELECT coalesce(max(vintage), 0) + 1 FROM growthmonitor.ingest_runs WHERE indicator = @indicator", connection);
        next.Parameters.AddWithValue("indicator", indicatorId);
        var number = (int)(await next.ExecuteScalarAsync(cancellationToken))!;
        var begun = new IngestRun(indicatorId, IngestOutcome.Running, time.GetUtcNow(), 0, 0, 0, null, null, null, null) { Vintage = number };
        var row = await IngestRuns.InsertAsync(connection, null, begun, frequency, cancellationToken);
        return new OpenVintage(this, indicatorId, number, row, origin);
    }

    private async Task DiscardLeftoversAsync(NpgsqlConnection connection, string indicatorId, CancellationToken cancellationToken)
    {
        List<(long Id, int Vintage)> leftovers = [];
        await using (var query = new NpgsqlCommand(
            "SELECT id, vintage FROM growthmonitor.ingest_runs WHERE indicator = @indicator AND outcome IN ('running', 'failed') AND vintage IS NOT NULL AND discarded_at IS NULL",
            connection))
        {
            query.Parameters.AddWithValue("indicator", indicatorId);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leftovers.Add((reader.GetInt64(0), reader.GetInt32(1)));
            }
        }

        foreach (var (id, vintage) in leftovers)
        {
            await DeleteFiguresAsync(indicatorId, vintage, cancellationToken);
            await MarkDiscardedAsync(connection, id, cancellationToken);
            LogDiscarded(indicatorId, vintage);
        }
    }

    /// <summary>Ends a run that did not commit: its figures are deleted when InfluxDB lets them be, the next begin does it otherwise.</summary>
    private async Task FailAsync(OpenVintage vintage, IngestRun run, CancellationToken cancellationToken)
    {
        var discarded = false;
        try
        {
            await DeleteFiguresAsync(vintage.Indicator, vintage.Number, cancellationToken);
            discarded = true;
        }
        catch (InfluxException e)
        {
            LogNotDiscarded(vintage.Indicator, vintage.Number, e.Message);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await IngestRuns.EndAsync(connection, null, vintage.Row, run with { Vintage = vintage.Number }, cancellationToken);
        if (discarded)
        {
            await MarkDiscardedAsync(connection, vintage.Row, cancellationToken);
        }

        await runs.TryProjectAsync(cancellationToken);
    }

    private async Task CommitAsync(OpenVintage vintage, IngestRun run, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // A run that found nothing new wrote no figures; its number is free again.
            await IngestRuns.EndAsync(connection, transaction, vintage.Row, run with { Vintage = run.Points > 0 ? vintage.Number : null }, cancellationToken);
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(connection, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await runs.TryProjectAsync(cancellationToken);
    }

    private Task<int> WriteAsync(IAsyncEnumerable<InfluxPoint> figures, CancellationToken cancellationToken) => influx.WriteAsync(figures, cancellationToken);

    private Task DeleteFiguresAsync(string indicatorId, int vintage, CancellationToken cancellationToken) =>
        influx.QueryAsync(
            new InfluxQuery(
                $"DELETE FROM {InfluxQl.Identifier(indicatorId)} WHERE {InfluxQl.Identifier(Figures.VintageTag)} = $vintage",
                new Dictionary<string, object> { ["vintage"] = TagOf(vintage) }),
            cancellationToken);

    private async Task MarkDiscardedAsync(NpgsqlConnection connection, long row, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            """
            UPDATE growthmonitor.ingest_runs SET discarded_at = @now,
                outcome = CASE outcome WHEN 'running' THEN 'failed' ELSE outcome END,
                error = coalesce(error, 'The run stopped before it committed its figures (its process ended).')
            WHERE id = @id
            """, connection);
        update.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        update.Parameters.AddWithValue("id", row);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicator {Indicator}: deleted the figures of vintage {Vintage}, which its run never committed")]
    private partial void LogDiscarded(string indicator, int vintage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator {Indicator}: the figures of failed vintage {Vintage} could not be deleted yet (the next run deletes them): {Reason}")]
    private partial void LogNotDiscarded(string indicator, int vintage, string reason);

    /// <summary>A begun vintage: its figures go to InfluxDB through it, then it is committed or failed, once.</summary>
    public sealed class OpenVintage
    {
        private readonly FigureVintages owner;
        private readonly KeyValuePair<string, string> origin;
        private readonly KeyValuePair<string, string> vintageTag;
        private readonly bool manual;

        internal OpenVintage(FigureVintages owner, string indicator, int number, long row, KeyValuePair<string, string> origin)
        {
            this.owner = owner;
            this.origin = origin;
            Indicator = indicator;
            Number = number;
            Row = row;
            vintageTag = new(Figures.VintageTag, TagOf(number));
            manual = origin.Key == Figures.SourceTag;
        }

        public string Indicator { get; }

        public int Number { get; }

        internal long Row { get; }

        /// <summary>
        /// A figure of this vintage, or with a null value the withdrawal of one. Every figure entered by hand says
        /// whether it withdraws, so that a raw query's last("deleted") per period belongs to the same (newest) vintage
        /// as its last("value"): Grafana hides the withdrawn periods.
        /// </summary>
        public InfluxPoint Figure(string area, string areaName, Period period, double? value) => new(
            Indicator,
            [new(Figures.AreaTag, area), new(Figures.AreaNameTag, areaName), origin, vintageTag],
            value is { } figure
                ? manual ? [new(Figures.Value, FieldValue.Float(figure)), new(Figures.Deleted, FieldValue.Boolean(false))] : [new(Figures.Value, FieldValue.Float(figure))]
                : [new(Figures.Deleted, FieldValue.Boolean(true))],
            period.StartUtc + OffsetOf(Number));

        public Task<int> WriteAsync(IAsyncEnumerable<InfluxPoint> figures, CancellationToken cancellationToken) => owner.WriteAsync(figures, cancellationToken);

        /// <summary>Makes the figures visible: the run ends as <paramref name="run"/> says, with whatever else must commit with them.</summary>
        public Task CommitAsync(IngestRun run, CancellationToken cancellationToken, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? alsoInTransaction = null) =>
            owner.CommitAsync(this, run, alsoInTransaction, cancellationToken);

        public Task FailAsync(IngestRun run, CancellationToken cancellationToken) => owner.FailAsync(this, run, cancellationToken);
    }
}
