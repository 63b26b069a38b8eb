using System.Text.Json.Serialization;

namespace GrowthMonitor.Core;

/// <summary>How often an indicator is published; Statistics Denmark's weekly codes (2021U52) are not supported.</summary>
[JsonConverter(typeof(FrequencyJsonConverter))]
public enum Frequency
{
    Year,
    HalfYear,
    Quarter,
    Month,
}

public static class FrequencyExtensions
{
    public static int MonthsPerPeriod(this Frequency frequency) => frequency switch
    {
        Frequency.Year => 12,
        Frequency.HalfYear => 6,
        Frequency.Quarter => 3,
        Frequency.Month => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
    };

    public static int PeriodsPerYear(this Frequency frequency) => 12 / frequency.MonthsPerPeriod();
}
