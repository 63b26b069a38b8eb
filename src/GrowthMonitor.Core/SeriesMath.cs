namespace GrowthMonitor.Core;

public static class SeriesMath
{
    /// <summary>
    /// Sums several areas period by period. Only periods present in every input are kept: a sum over the areas that
    /// happen to have a value would look like a fall wherever one area is missing.
    /// </summary>
    public static Series Sum(IReadOnlyList<Series> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("At least one series is needed.", nameof(series));
        }

        var frequency = series[0].Frequency;
        if (series.Any(s => s.Frequency != frequency))
        {
            throw new ArgumentException("Series of different frequencies cannot be summed.", nameof(series));
        }

        var sums = new List<Observation>(series[0].Count);
        foreach (var (period, first) in series[0].Observations)
        {
            var sum = first;
            var inEvery = true;
            for (var i = 1; i < series.Count && inEvery; i++)
            {
                inEvery = series[i].TryGetValue(period, out var value);
                sum += value;
            }

            if (inEvery)
            {
                sums.Add(new(period, sum));
            }
        }

        return new(frequency, sums);
    }
}
