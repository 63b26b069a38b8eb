namespace GrowthMonitor.Core.Tests;

internal static class SeriesBuilder
{
    /// <summary>A series from (code, value) pairs, e.g. ("2020", 1000), ("2023", 1350).</summary>
    public static Series Of(params (string Period, double Value)[] observations) =>
        new(Period.Parse(observations[0].Period).Frequency,
            observations.Select(o => new Observation(Period.Parse(o.Period), o.Value)));

    /// <summary>Consecutive periods from <paramref name="first"/>, e.g. Consecutive("2020K1", 900, 1000, 1100).</summary>
    public static Series Consecutive(string first, params double[] values)
    {
        var start = Period.Parse(first);
        return new(start.Frequency, values.Select((value, i) => new Observation(start.Offset(i), value)));
    }

    public static Series Empty(Frequency frequency) => new(frequency, []);
}

internal static class TargetBuilder
{
    public static TargetDefinition Target(TargetKind kind, double? amount, string baseline = "2020", string end = "2030") =>
        new("test-target", kind, amount, Period.Parse(baseline), Period.Parse(end));

    public static TargetDefinition Increase(double perYear, string baseline = "2020", string end = "2030") =>
        Target(TargetKind.AnnualIncrease, perYear, baseline, end);
}

internal static class Contexts
{
    /// <summary>The instant the series' latest period ends: too early for any series to be stale.</summary>
    public static EvaluationContext Fresh(Series series) =>
        new(series.Latest is { } latest ? new DateTimeOffset(latest.Period.End, TimeOnly.MinValue, TimeSpan.Zero) : Utc(2025, 1, 1));

    public static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
