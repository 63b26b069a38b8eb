using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Influx;

/// <summary>Configuration section <c>Influx</c>.</summary>
public sealed class InfluxOptions : IValidatableObject
{
    public const string SectionName = "Influx";

    /// <summary>Base URL of the InfluxDB HTTP API, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    [Required]
    public Uri? Url { get; set; }

    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '_' or '-'")]
    public string Database { get; set; } = "growthmonitor";

    /// <summary>InfluxDB 2.x/3.x API token, sent as <c>Authorization: Token …</c>.</summary>
    public string? Token { get; set; }

    /// <summary>InfluxDB 1.x user, sent with <see cref="Password"/> as HTTP basic authentication.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>One HTTP attempt; a batch of several thousand points into a cold shard can take longer than 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One request including its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the jittered exponential backoff between retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"must be an absolute http(s) URL, not '{Url.OriginalString}'", [nameof(Url)]);
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Username and Password must be given together", [nameof(Username), nameof(Password)]);
        }

        if (!string.IsNullOrEmpty(Token) && !string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult("give either Token (InfluxDB 2.x/3.x) or Username/Password (1.x), not both", [nameof(Token)]);
        }
    }
}
