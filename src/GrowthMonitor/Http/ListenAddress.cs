namespace GrowthMonitor.Http;

/// <summary>Where the service listens: the one rule the service and its healthcheck command both read.</summary>
public static class ListenAddress
{
    /// <summary>Where the service listens when nothing says otherwise: loopback, so a first run exposes nothing.</summary>
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>
    /// Whether the configuration leaves the listen address to the service (<see cref="Default"/>): ASPNETCORE_URLS,
    /// --urls, Urls, ASPNETCORE_HTTP_PORTS/HTTPS_PORTS and Kestrel:Endpoints all win over the default.
    /// </summary>
    public static bool IsDefault(IConfiguration configuration) =>
        new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(configuration[key]))
        && !configuration.GetSection("Kestrel:Endpoints").Exists();
}
