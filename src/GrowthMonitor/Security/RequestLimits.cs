using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

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

public static class RequestLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RequestLimitsOptions>(RequestLimitsOptions.SectionName);
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, configured) =>
        {
            RequestLimitsOptions limits;
            try
            {
                limits = configured.Value;
            }
            catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
            {
                // Kestrel is built with the host, before configuration errors are reported: with a bad value it keeps
                // its defaults here, and the report a moment later names the value and stops the service.
                return;
            }

            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        });
        return builder;
    }
}
