using System.Net;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

public static class TrustedProxies
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TrustedProxiesOptions>(TrustedProxiesOptions.SectionName);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxiesOptions>>((forwarded, configured) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var trusted = configured.Value;
            if (trusted.KnownProxies.Count == 0 && trusted.KnownNetworks.Count == 0)
            {
                // ASP.NET Core's default, loopback. Or anyone: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true empties the lists
                // for a proxy that alone reaches the service (docker/compose.proxy.yml); then only the entry that proxy
                // added is believed, never one a client wrote itself.
                forwarded.ForwardLimit = forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count == 0 ? 1 : null;
                return;
            }

            // Walk back through every trusted proxy in a chain and stop at the first address that is not one: what a
            // client wrote into X-Forwarded-For itself is never believed.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }
}
