using GrowthMonitor.Core;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Storage;

/// <summary>Reads indicator figures back from InfluxDB as Core series, one per area.</summary>
public sealed class SeriesStore(InfluxClient influx, IndicatorFrequencies frequencies)
{
    /// <summary>
    /// The series of each requested area (all areas when <paramref name="areas"/> is null), periods in [from, to].
    /// Empty until the indicator has been ingested.
    /// </summary>
    public async Task<IndicatorData> ReadAsync(string indicatorId, IReadOnlyCollection<string>? areas, Period? from, Period? to, CancellationToken cancellationToken)
    {
        if (await frequencies.GetAsync(indicatorId, cancellationToken) is not { } frequency)
        {
            return IndicatorData.NothingStored;
        }

        var parameters = new Dictionary<string, object>();
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
            parameters["to"] = end.StartUtc;
            conditions.Add("time <= $to");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var result = await influx.QueryAsync(
            new InfluxQuery($"SELECT {InfluxQl.Identifier(Schema.Figures.Value)} FROM {InfluxQl.Identifier(indicatorId)}{where} GROUP BY {area}", parameters),
            cancellationToken);
        return new IndicatorData(frequency, result.ToDictionary(
            s => s.Tag(Schema.Figures.AreaTag),
            s => new Series(frequency, s.Rows
                .Where(r => r.GetDouble(Schema.Figures.Value) is not null)
                .Select(r => new Observation(Period.FromStart(frequency, r.Time), r.GetDouble(Schema.Figures.Value)!.Value)))));
    }
}

/// <summary>An indicator's series by area code; areas without data are absent.</summary>
public sealed record IndicatorData(Frequency Frequency, IReadOnlyDictionary<string, Series> Areas)
{
    /// <summary>An indicator that was never ingested: no areas, and any frequency serves an empty series.</summary>
    public static readonly IndicatorData NothingStored = new(Frequency.Year, new Dictionary<string, Series>());

    public Series Of(string area) => Areas.TryGetValue(area, out var series) ? series : new Series(Frequency, []);

    /// <summary>The sum over the areas (a regional target); only periods every area has count.</summary>
    public Series SumOf(IReadOnlyList<string> areas) => areas.Count == 1 ? Of(areas[0]) : SeriesMath.Sum([.. areas.Select(Of)]);
}
