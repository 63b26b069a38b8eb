using Microsoft.Extensions.Options;

namespace GrowthMonitor.StatBank;

/// <summary>Configuration section <c>StatBank</c>.</summary>
public sealed class StatBankOptions
{
    public const string SectionName = "StatBank";

    public Uri BaseUrl { get; set; } = new("https://api.statbank.dk/v1/");

    /// <summary>Language of texts and headers: <c>da</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "da";

    /// <summary>
    /// Limit for one HTTP attempt up to the response headers (JSON endpoints: up to the whole body), and for a
    /// streamed data body to go without receiving any bytes.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for one request including all retries and their delays.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Base of the jittered exponential backoff; a <c>Retry-After</c> header overrides it.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>One failure line per problem, so a bad configuration stops the service at start with a clear reason.</summary>
internal sealed class StatBankOptionsValidator : IValidateOptions<StatBankOptions>
{
    // The resilience pipeline's own limits, checked here so the message names our settings.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, StatBankOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            Add(builder, nameof(options.BaseUrl), $"must be an absolute http(s) URL, not '{options.BaseUrl}'");
        }

        if (string.IsNullOrWhiteSpace(options.Language))
        {
            Add(builder, nameof(options.Language), "must be a language code such as da or en");
        }

        if (options.AttemptTimeout < MinTimeout || options.AttemptTimeout > MaxTimeout)
        {
            Add(builder, nameof(options.AttemptTimeout), $"must be between {MinTimeout} and {MaxTimeout}, not {options.AttemptTimeout}");
        }

        if (options.TotalTimeout <= options.AttemptTimeout || options.TotalTimeout > MaxTimeout)
        {
            Add(builder, nameof(options.TotalTimeout), $"must be longer than AttemptTimeout and at most {MaxTimeout}, not {options.TotalTimeout}");
        }

        if (options.MaxRetryAttempts is < 1 or > 100)
        {
            Add(builder, nameof(options.MaxRetryAttempts), $"must be between 1 and 100, not {options.MaxRetryAttempts}");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > MaxTimeout)
        {
            Add(builder, nameof(options.RetryDelay), $"must be between 0 and {MaxTimeout}, not {options.RetryDelay}");
        }

        return builder.Build();
    }

    /// <summary>Each line names the full key first, as the service's other sections do: <c>StatBank:BaseUrl: …</c>.</summary>
    private static void Add(ValidateOptionsResultBuilder builder, string property, string problem) =>
        builder.AddError($"{StatBankOptions.SectionName}:{property}: {problem}");
}
