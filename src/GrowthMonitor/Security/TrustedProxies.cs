using System.ComponentModel.DataAnnotations;
using System.Net;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>
/// Configuration section <c>ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. With neither list set, only this machine (loopback) is trusted, as a proxy in
/// front of the default loopback address is; setting either list replaces that.
/// </summary>
public sealed class TrustedProxiesOptions : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>172.18.0.0/16</c> (a Docker network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ListValidation.Invalid(KnownProxies, nameof(KnownProxies), proxy => IPAddress.TryParse(proxy, out _), "is not an IP address (e.g. 10.0.0.5)")
            .Concat(ListValidation.Invalid(KnownNetworks, nameof(KnownNetworks), network => System.Net.IPNetwork.TryParse(network, out _), "is not a network in CIDR notation (e.g. 172.18.0.0/16)"));
}

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
