using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

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
