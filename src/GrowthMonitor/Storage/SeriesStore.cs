using System.Collections.Concurrent;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Ingestion;

namespace GrowthMonitor.Storage;

/// <summary>
/// Reads indicator series back from InfluxDB. Values are stored at each period's first day, so the frequency comes
/// from the period code of the indicator's last successful run (InfluxQL cannot group by calendar periods).
/// </summary>
public sealed class SeriesStore(InfluxClient influx, IngestRuns runs)
{
    // A table's frequency never changes, and an edited catalog takes effect on restart: once known, it is remembered,
    // so that reading a series (every API call, every target of a report) is one query, not two.
    private readonly ConcurrentDictionary<string, Frequency> frequencies = new(StringComparer.Ordinal);

    /// <summary>The series of each requested area (all areas when <paramref name="areas"/> is null), periods in [from, to].</summary>
    public async Task<IndicatorData> ReadAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, object>();
        var conditions = new List<string>();
        if (areas is not null)
        {
            var names = areas.Select((area, i) => { parameters[$"area{i}"] = area; return $"area = $area{i}"; });
            conditions.Add($"({string.Join(" OR ", names)})");
        }

        if (from is { } start)
        {
            parameters["from"] = start.StartUtc;
            conditions.Add("time >= $from");
        }

        if (to is { } end)
        {
            parameters["to"] = end.StartUtc;
            conditions.Add("time <= $to");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var frequency = await FrequencyAsync(indicatorId, cancellationToken);
        var result = await influx.QueryAsync(new InfluxQuery($"SELECT \"value\" FROM {InfluxQl.Identifier(indicatorId)}{where} GROUP BY area", parameters), cancellationToken);
        var rows = result.ToDictionary(s => s.Tag("area"), s => s.Rows.Select(r => (r.Time, Value: r.GetDouble("value"))).Where(r => r.Value is not null).ToList());
        frequency ??= Infer(rows.Values.SelectMany(r => r.Select(p => p.Time)));
        return new IndicatorData(frequency.Value, rows.ToDictionary(
            r => r.Key,
            r => new Series(frequency.Value, r.Value.Select(p => new Observation(Period.FromStart(frequency.Value, p.Time), p.Value!.Value)))));
    }

    /// <summary>The frequency of an indicator's periods, known once it has been ingested.</summary>
    public async Task<Frequency?> FrequencyAsync(string indicatorId, CancellationToken cancellationToken)
    {
        if (frequencies.TryGetValue(indicatorId, out var known))
        {
            return known;
        }

        if ((await runs.LastSuccessAsync(indicatorId, cancellationToken))?.LatestPeriod is { } code && Period.TryParse(code, out var period))
        {
            return frequencies[indicatorId] = period.Frequency;
        }

        return null;
    }

    /// <summary>For data written without a run record: the coarsest frequency whose period starts fit every time.</summary>
    private static Frequency Infer(IEnumerable<DateTimeOffset> times)
    {
        var months = times.Select(t => t.Month).Distinct().ToList();
        return months.All(m => m == 1) ? Frequency.Annual
            : months.All(m => m is 1 or 7) ? Frequency.HalfYear
            : months.All(m => m % 3 == 1) ? Frequency.Quarter
            : Frequency.Month;
    }
}

/// <summary>An indicator's series by area code; areas without data are absent.</summary>
public sealed record IndicatorData(Frequency Frequency, IReadOnlyDictionary<string, Series> Areas)
{
    public Series Of(string area) => Areas.TryGetValue(area, out var series) ? series : new Series(Frequency, []);

    /// <summary>The sum over the areas (a regional target); only periods every area has count.</summary>
    public Series SumOf(IReadOnlyList<string> areas) => areas.Count == 1 ? Of(areas[0]) : SeriesMath.Sum([.. areas.Select(Of)]);
}
