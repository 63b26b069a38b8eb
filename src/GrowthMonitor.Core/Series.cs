namespace GrowthMonitor.Core;

/// <summary>Observations of one indicator in one area (or summed areas), ordered by period, one value per period.</summary>
public sealed class Series
{
    private readonly Observation[] observations;
    private readonly Dictionary<Period, double> values;

    public Series(Frequency frequency, IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!Enum.IsDefined(frequency))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency.");
        }

        Frequency = frequency;
        this.observations = [.. observations.OrderBy(o => o.Period)];
        values = new Dictionary<Period, double>(this.observations.Length);
        foreach (var (period, value) in this.observations)
        {
            if (period.Frequency != frequency)
            {
                throw new ArgumentException($"Period {period} is not {frequency} like the series.", nameof(observations));
            }

            // Statistics Denmark's missing value '..' must be left out, not carried as NaN into sums and trends.
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"The value for {period} is not a finite number.", nameof(observations));
            }

            if (!values.TryAdd(period, value))
            {
                throw new ArgumentException($"Period {period} occurs more than once.", nameof(observations));
            }
        }
    }

    public Frequency Frequency { get; }

    public IReadOnlyList<Observation> Observations => observations;

    public int Count => observations.Length;

    public Observation? Latest => observations.Length == 0 ? null : observations[^1];

    public bool TryGetValue(Period period, out double value) => values.TryGetValue(period, out value);

    /// <summary>The observations of periods that start before <paramref name="cutoff"/>: the data as of that day.</summary>
    public Series StartingBefore(DateOnly cutoff) =>
        observations.Length == 0 || observations[^1].Period.Start < cutoff
            ? this
            : new(Frequency, observations.TakeWhile(o => o.Period.Start < cutoff));
}
