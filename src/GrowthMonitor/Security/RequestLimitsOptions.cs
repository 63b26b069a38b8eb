using System.ComponentModel.DataAnnotations;

namespace GrowthMonitor.Security;

/// <summary>
/// Configuration section <c>RequestLimits</c>: how large a request Kestrel accepts. The API takes small JSON bodies
/// at most, so a body over the limit is refused with 413 before it is read; a longer request line (the URL) 414 and
/// larger headers 431, both by Kestrel before the request reaches the service.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Bytes of request body.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxRequestBodySize { get; set; } = 1_048_576;

    /// <summary>Bytes of the request line: method, URL and protocol (Kestrel's default).</summary>
    [Range(1_024, 1_048_576)]
    public int MaxRequestLineSize { get; set; } = 8_192;

    /// <summary>Bytes of all request headers together (Kestrel's default).</summary>
    [Range(1_024, 1_048_576)]
    public int MaxRequestHeadersTotalSize { get; set; } = 32_768;
}
