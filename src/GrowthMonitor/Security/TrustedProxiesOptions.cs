using System.ComponentModel.DataAnnotations;
using System.Net;
using GrowthMonitor.Configuration;

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
