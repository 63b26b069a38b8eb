using System.Globalization;
using GrowthMonitor.Influx;
using Figures = GrowthMonitor.Storage.Schema.Figures;
using Runs = GrowthMonitor.Storage.Schema.IngestRuns;

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
/// Vintages of an indicator's figures. A run writes the figures it found new or revised under a vintage number of
/// its own and commits them by recording its success; until then no reader sees them, and a run that failed or was
/// killed is discarded by the next one. Numbers only grow, so the newest vintage is the highest.
/// </summary>
public sealed class FigureVintages(InfluxClient influx)
{
    /// <summary>Figures written before vintages existed carry none; they count as committed from the start.</summary>
    public static readonly Vintage Unversioned = new(0, DateTimeOffset.UnixEpoch);

    private static readonly string RunsMeasurement = InfluxQl.Identifier(Runs.Measurement);

    /// <summary>The tag value and the time offset of a vintage's points.</summary>
    public static string TagOf(int vintage) => vintage.ToString(CultureInfo.InvariantCulture);

    public static TimeSpan OffsetOf(int vintage) => TimeSpan.FromMilliseconds(vintage);

    /// <summary>The query for the committed vintages of an indicator, to send together with a read of its figures.</summary>
    public static InfluxQuery CommittedQuery(string indicatorId) => new(
        $"SELECT {InfluxQl.Identifier(Runs.Points)}, {InfluxQl.Identifier(Runs.VintageTag)} FROM {RunsMeasurement} " +
        $"WHERE {InfluxQl.Identifier(Runs.IndicatorTag)} = $indicator AND {InfluxQl.Identifier(Runs.OutcomeTag)} = $success",
        new Dictionary<string, object> { ["indicator"] = indicatorId, ["success"] = Ingestion.IngestOutcome.Success });

    /// <summary>The committed vintages in the result of <see cref="CommittedQuery"/>, by number.</summary>
    public static IReadOnlyDictionary<int, Vintage> Committed(IEnumerable<InfluxRow> runs)
    {
        var committed = new Dictionary<int, Vintage> { [Unversioned.Number] = Unversioned };
        foreach (var run in runs)
        {
            if (int.TryParse(run.GetString(Runs.VintageTag), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && !committed.ContainsKey(number))
            {
                committed[number] = new Vintage(number, run.Time);
            }
        }

        return committed;
    }

    /// <summary>
    /// The number for a new run of the indicator, after discarding what runs that never committed left behind
    /// (a failure whose clean-up failed too, or a killed process). Runs of one indicator are serialised by its lock.
    /// </summary>
    public async Task<int> BeginAsync(string indicatorId, CancellationToken cancellationToken)
    {
        var results = await influx.QueryAsync(new InfluxQuery(
            $"SHOW TAG VALUES FROM {InfluxQl.Identifier(indicatorId)} WITH KEY = {InfluxQl.Identifier(Figures.VintageTag)}; " +
            $"SHOW TAG VALUES FROM {RunsMeasurement} WITH KEY = {InfluxQl.Identifier(Runs.VintageTag)} WHERE {InfluxQl.Identifier(Runs.IndicatorTag)} = $indicator",
            new Dictionary<string, object> { ["indicator"] = indicatorId }), cancellationToken);
        var stored = Numbers(results.Where(s => s.Name == indicatorId));
        var recorded = Numbers(results.Where(s => s.Name == Runs.Measurement));
        var committed = Committed((await influx.QueryAsync(CommittedQuery(indicatorId), cancellationToken)).SelectMany(s => s.Rows));
        foreach (var orphan in stored.Where(v => !committed.ContainsKey(v)))
        {
            await DiscardAsync(indicatorId, orphan, cancellationToken);
        }

        return stored.Concat(recorded).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>Deletes the figures of a vintage that will never be committed.</summary>
    public Task DiscardAsync(string indicatorId, int vintage, CancellationToken cancellationToken) =>
        influx.QueryAsync(
            new InfluxQuery(
                $"DELETE FROM {InfluxQl.Identifier(indicatorId)} WHERE {InfluxQl.Identifier(Figures.VintageTag)} = $vintage",
                new Dictionary<string, object> { ["vintage"] = TagOf(vintage) }),
            cancellationToken);

    private static List<int> Numbers(IEnumerable<InfluxSeries> tagValues) =>
        [.. tagValues.SelectMany(s => s.Rows)
            .Select(r => int.TryParse(r.GetString("value"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)];
}
