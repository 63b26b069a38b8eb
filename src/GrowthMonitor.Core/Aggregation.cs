using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>What one figure of an indicator is, which decides what its figures of a year add up to.</summary>
[JsonConverter(typeof(AggregationJsonConverter))]
public enum Aggregation
{
    /// <summary>A count in the period (new firms, apprenticeships made): the year is the sum of its periods.</summary>
    Sum,

    /// <summary>A level at the period's end (jobs, wage earners, population): the year is its last period.</summary>
    Last,

    /// <summary>An average over the period (the unemployment rate): the year is the mean of its periods.</summary>
    Mean,
}

public sealed class AggregationJsonConverter() : JsonStringEnumConverter<Aggregation>(Wire.Aggregation.Policy, allowIntegerValues: false);

public static class Aggregations
{
    /// <summary>
    /// Each period's figure for the year so far, the figure a period is judged by: for a count the sum of the year's
    /// periods up to it, for an average their mean, for a level the figure itself. A period is left out when an earlier
    /// period of its year is missing, since the year so far is then unknown. An annual series is its own year so far.
    /// </summary>
    public static Series ToDate(this Series series, Aggregation aggregation)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (aggregation == Aggregation.Last || series.Frequency == Frequency.Year)
        {
            return series;
        }

        List<Observation> toDate = new(series.Count);
        foreach (var year in series.Observations.GroupBy(o => o.Period.Year))
        {
            var sum = 0.0;
            var position = 0;
            foreach (var (period, value) in year)
            {
                if (period.PositionInYear != ++position)
                {
                    break;
                }

                sum += value;
                toDate.Add(new(period, aggregation == Aggregation.Sum ? sum : sum / position));
            }
        }

        return new(series.Frequency, toDate);
    }
}
