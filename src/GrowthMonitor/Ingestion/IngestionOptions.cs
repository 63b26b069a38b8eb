using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Ingestion;

/// <summary>Configuration section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>How many already fetched periods are fetched again on each run, because Statistics Denmark revises them.</summary>
    [Range(0, 100)]
    public int RevisionWindow { get; set; } = 3;

    /// <summary>Retries of a whole fetch when the streamed body breaks after the HTTP pipeline has handed it over.</summary>
    [Range(0, 10)]
    public int StreamRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StreamRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Queue every indicator that has never been ingested as soon as the service starts.</summary>
    public bool IngestNewIndicatorsAtStart { get; set; } = true;
}
