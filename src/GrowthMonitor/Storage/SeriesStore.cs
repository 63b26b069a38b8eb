using System.Globalization;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Storage;

/// <summary>
/// Reads indicator figures back from InfluxDB as Core series, one per area, of the vintage a reader asks for: by
/// default each period's newest committed figure. Figures of a run that has not committed are never returned.
/// </summary>
public sealed class SeriesStore(InfluxClient influx, IndicatorFrequencies frequencies, IngestRuns runs)
{
    /// <summary>The newest committed figures of each requested area (all areas when <paramref name="areas"/> is null), periods in [from, to].</summary>
    public Task<IndicatorData> ReadAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, CancellationToken cancellationToken) =>
        ReadAsync(indicatorId, areas, from, to, VintageChoice.Latest, cancellationToken);

    /// <summary>The figures of the chosen vintage; empty until the indicator has been ingested.</summary>
    public async Task<IndicatorData> ReadAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, VintageChoice vintage, CancellationToken cancellationToken) =>
        (await ReadAsync(indicatorId, areas, from, to, [vintage], cancellationToken))[0];

    /// <summary>The figures of each chosen vintage, in the order asked, from one read of every vintage.</summary>
    public async Task<IReadOnlyList<IndicatorData>> ReadAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, IReadOnlyList<VintageChoice> vintages, CancellationToken cancellationToken)
    {
        if (await frequencies.GetAsync(indicatorId, cancellationToken) is not { } frequency)
        {
            return [.. vintages.Select(_ => IndicatorData.NothingStored)];
        }

        var parameters = new Dictionary<string, object>();
        var where = Where(areas, from, to, parameters);
        var figures = $"SELECT {InfluxQl.Identifier(Schema.Figures.Value)}, {InfluxQl.Identifier(Schema.Figures.Deleted)} FROM {InfluxQl.Identifier(indicatorId)}{where} GROUP BY {InfluxQl.Identifier(Schema.Figures.AreaTag)}, {InfluxQl.Identifier(Schema.Figures.VintageTag)}";
        // The commits are read before the figures: a run commits after writing all its figures, so every vintage read
        // as committed is whole in the figures read after, and a run committing in between is simply not seen yet.
        var committed = await runs.CommittedAsync(indicatorId, cancellationToken);
        var figureSeries = await influx.QueryAsync(new InfluxQuery(figures, parameters), cancellationToken);
        return [.. vintages.Select(vintage => Choose(frequency, committed, figureSeries, vintage))];
    }

    /// <summary>
    /// What an early estimate of <paramref name="indicatorId"/> is made from: its newest figures and those of its leading
    /// indicator, every area of each (the band pools the errors of every area the two share).
    /// </summary>
    public Task<(IndicatorData Annual, IndicatorData Leading)> ReadForNowcastAsync(string indicatorId, string leadingId, CancellationToken cancellationToken) =>
        ReadForNowcastAsync(indicatorId, leadingId, VintageChoice.Latest, cancellationToken);

    /// <summary>As the other overload, of the chosen vintage (a report as of a past moment estimates on the figures known then).</summary>
    public async Task<(IndicatorData Annual, IndicatorData Leading)> ReadForNowcastAsync(string indicatorId, string leadingId, VintageChoice vintage, CancellationToken cancellationToken) =>
        (await ReadAsync(indicatorId, null, from: null, to: null, vintage, cancellationToken), await ReadAsync(leadingId, null, from: null, to: null, vintage, cancellationToken));

    /// <summary>How many figures (of every vintage) a read of these areas and periods would return, without reading them.</summary>
    public async Task<long> CountAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object>();
        var where = Where(areas, from, to, parameters);
        var result = await influx.QueryAsync(new InfluxQuery($"SELECT count({InfluxQl.Identifier(Schema.Figures.Value)}) FROM {InfluxQl.Identifier(indicatorId)}{where}", parameters), cancellationToken);
        return result.SelectMany(s => s.Rows).Sum(r => r.GetInt64("count") ?? 0);
    }

    /// <summary>The WHERE clause for areas and periods, with its values bound in <paramref name="parameters"/>.</summary>
    private static string Where(IReadOnlyCollection<string>? areas, Period? from, Period? to, Dictionary<string, object> parameters)
    {
        var conditions = new List<string>();
        var area = InfluxQl.Identifier(Schema.Figures.AreaTag);
        if (areas is not null)
        {
            var names = areas.Select((code, i) => { parameters[$"area{i}"] = code; return $"{area} = $area{i}"; });
            conditions.Add($"({string.Join(" OR ", names)})");
        }

        if (from is { } start)
        {
            parameters["from"] = start.StartUtc;
            conditions.Add("time >= $from");
        }

        if (to is { } end)
        {
            // A vintage's figures lie a few milliseconds after their period's start.
            parameters["to"] = end.Next().StartUtc;
            conditions.Add("time < $to");
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    /// <summary>Per area and period, the figure of the chosen committed vintage.</summary>
    private static IndicatorData Choose(Frequency frequency, IReadOnlyDictionary<int, Vintage> committed, IEnumerable<InfluxSeries> figures, VintageChoice choice)
    {
        var chosen = new Dictionary<string, Dictionary<Period, (int Vintage, double Value)>>(StringComparer.Ordinal);
        foreach (var series in figures)
        {
            var number = int.TryParse(series.Tags.GetValueOrDefault(Schema.Figures.VintageTag), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : FigureVintages.Unversioned.Number;
            if (!committed.TryGetValue(number, out var vintage) || (choice.Kind == VintageKind.AsOf && vintage.CommittedAt > choice.Moment))
            {
                continue;
            }

            var periods = chosen.TryGetValue(series.Tag(Schema.Figures.AreaTag), out var known) ? known : chosen[series.Tag(Schema.Figures.AreaTag)] = [];
            foreach (var row in series.Rows)
            {
                // A withdrawn figure is a vintage too: newer than the figure it withdraws, it hides it.
                if ((row.GetDouble(Schema.Figures.Value) ?? (row.GetBoolean(Schema.Figures.Deleted) == true ? double.NaN : null)) is not { } value)
                {
                    continue;
                }

                var period = Period.Containing(frequency, DateOnly.FromDateTime(row.Time.UtcDateTime));
                if (!periods.TryGetValue(period, out var other) || (choice.Kind == VintageKind.First ? number < other.Vintage : number > other.Vintage))
                {
                    periods[period] = (number, value);
                }
            }
        }

        return new IndicatorData(
            frequency,
            chosen.ToDictionary(a => a.Key, a => new Series(frequency, a.Value.Where(p => !double.IsNaN(p.Value.Value)).Select(p => new Observation(p.Key, p.Value.Value)))))
        {
            Vintage = chosen.Values.SelectMany(p => p.Values).Select(p => (int?)p.Vintage).Max(),
        };
    }
}

/// <summary>An indicator's series by area code; areas without data are absent.</summary>
public sealed record IndicatorData(Frequency Frequency, IReadOnlyDictionary<string, Series> Areas)
{
    /// <summary>An indicator that was never ingested: no areas, and any frequency serves an empty series.</summary>
    public static readonly IndicatorData NothingStored = new(Frequency.Year, new Dictionary<string, Series>());

    /// <summary>The newest vintage among the figures read; null when there are none.</summary>
    public int? Vintage { get; init; }

    public Series Of(string area) => Areas.TryGetValue(area, out var series) ? series : new Series(Frequency, []);

    /// <summary>The sum over the areas (a regional target); only periods every area has count.</summary>
    public Series SumOf(IReadOnlyList<string> areas) => areas.Count == 1 ? Of(areas[0]) : SeriesMath.Sum([.. areas.Select(Of)]);
}
