namespace GrowthMonitor.Http;

/// <summary>The root configuration key <c>PublicBaseUrl</c>: where readers reach the service, for links in messages.</summary>
public sealed class PublicUrlOptions
{
    /// <summary>E.g. <c>https://vaekst.horsens.dk/</c>; messages carry no links into the service without it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    public static IEnumerable<string> Problems(PublicUrlOptions options)
    {
        if (options.PublicBaseUrl is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return $"PublicBaseUrl: must be an absolute http(s) URL, not '{options.PublicBaseUrl}'";
        }
    }
}
