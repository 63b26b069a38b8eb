using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Indicators;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The most stored figures one series request may cover, so that memory stays bounded whatever is asked.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxSeriesPoints { get; set; } = 200_000;
}
