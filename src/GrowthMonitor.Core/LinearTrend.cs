namespace GrowthMonitor.Core;

/// <summary>Least-squares line through observations with x = the period's year; one point per year.</summary>
internal readonly record struct LinearTrend(double Slope, double MeanYear, double MeanValue)
{
    public double At(int year) => MeanValue + Slope * (year - MeanYear);

    /// <summary>Needs at least two observations of different years.</summary>
    public static LinearTrend Fit(IReadOnlyList<Observation> points)
    {
        var meanYear = points.Average(p => (double)p.Period.Year);
        var meanValue = points.Average(p => p.Value);
        var sxy = points.Sum(p => (p.Period.Year - meanYear) * (p.Value - meanValue));
        var sxx = points.Sum(p => (p.Period.Year - meanYear) * (p.Period.Year - meanYear));
        return new(sxy / sxx, meanYear, meanValue);
    }
}
