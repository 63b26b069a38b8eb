using System.Collections.Concurrent;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;

namespace GrowthMonitor.Storage;

/// <summary>
/// The frequency of each indicator's periods, learnt from the table's time axis when it is ingested (or from the
/// catalog for figures entered by hand) and kept with each run in the run log: figures are stored at their period's
/// first day, and only the frequency turns a timestamp back into a period. <c>indicator_info</c> in InfluxDB is a
/// projection of it, with names and freshness, for Grafana.
/// </summary>
public sealed class IndicatorFrequencies(InfluxClient influx, IngestRuns runs)
{
    // A table's frequency never changes; once known it is remembered, so reading a series stays one query.
    private readonly ConcurrentDictionary<string, Frequency> known = new(StringComparer.Ordinal);

    public async Task RecordAsync(string indicatorId, Frequency frequency, string table, CancellationToken cancellationToken)
    {
        await influx.WriteAsync(
            [InfluxPoint.Create(Schema.IndicatorInfo.Measurement, DateTimeOffset.UnixEpoch, [(Schema.IndicatorInfo.IndicatorTag, indicatorId)],
                (Schema.IndicatorInfo.Frequency, FieldValue.String(Wire.Frequency.Of(frequency))),
                (Schema.IndicatorInfo.Table, FieldValue.String(table)))],
            cancellationToken);
        known[indicatorId] = frequency;
    }

    /// <summary>
    /// Adds each indicator's names and freshness to its point (the frequency and table stay: fields of a point written
    /// again at the same time are merged). Freshness changes with time alone, so every evaluation run writes it.
    /// </summary>
    public async Task DescribeAsync(IEnumerable<(IndicatorDefinition Indicator, Period? Latest)> indicators, DateOnly today, CancellationToken cancellationToken)
    {
        await influx.WriteAsync(
            [.. indicators.Select(i =>
            {
                List<KeyValuePair<string, FieldValue>> fields =
                [
                    new(Schema.IndicatorInfo.Title, FieldValue.String(i.Indicator.Title)),
                    new(Schema.IndicatorInfo.Choice, FieldValue.String($"{i.Indicator.Id} {i.Indicator.Title}")),
                    new(Schema.IndicatorInfo.Aggregation, FieldValue.String(Wire.Aggregation.Of(i.Indicator.FigureAggregation))),
                ];
                fields.AddText(Schema.IndicatorInfo.Unit, i.Indicator.Unit);
                if (i.Latest is { } latest)
                {
                    fields.Add(new(Schema.IndicatorInfo.LatestPeriod, FieldValue.String(latest.ToString())));
                    fields.Add(new(Schema.IndicatorInfo.OverdueFrom, FieldValue.Integer(new DateTimeOffset(Freshness.OverdueFrom(latest), TimeOnly.MinValue, TimeSpan.Zero).ToUnixTimeSeconds())));
                    fields.Add(new(Schema.IndicatorInfo.DaysOverdue, FieldValue.Integer(Freshness.DaysOverdue(latest, today))));
                }

                return new InfluxPoint(Schema.IndicatorInfo.Measurement, [new(Schema.IndicatorInfo.IndicatorTag, i.Indicator.Id)], fields, DateTimeOffset.UnixEpoch);
            })],
            cancellationToken);
    }

    /// <summary>Null until the indicator has been ingested once.</summary>
    public async Task<Frequency?> GetAsync(string indicatorId, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(indicatorId, out var frequency))
        {
            return frequency;
        }

        return await runs.FrequencyAsync(indicatorId, cancellationToken) is { } stored
            ? known[indicatorId] = stored
            : null;
    }
}
