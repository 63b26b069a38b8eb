using System.Text.RegularExpressions;
using GrowthMonitor.Health;
using GrowthMonitor.Http;

namespace GrowthMonitor.Commands;

/// <summary>
/// <c>healthcheck [--url URL]</c>: asks a running service on this machine whether it is ready (<c>GET /health/ready</c>)
/// and exits 0 when it answers 200, 1 otherwise. The container image's HEALTHCHECK runs it, so the image needs no curl.
/// It reads only the configuration, registers no services and opens no storage: it runs every few seconds.
/// </summary>
public static partial class HealthCheckCommand
{
    public const string Name = "healthcheck";

    /// <summary>Shorter than the image's HEALTHCHECK timeout, longer than the ready checks' own timeout.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(8);

    public static bool Matches(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        Uri url;
        switch (args)
        {
            case [Name]:
                try
                {
                    url = ReadinessUrl(configuration);
                }
                catch (InvalidOperationException e)
                {
                    await Console.Error.WriteLineAsync(e.Message);
                    return CommandLine.Usage;
                }

                break;
            case [Name, "--url", var given] when Uri.TryCreate(given, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https":
                url = new Uri(baseUrl, "/health/ready");
                break;
            default:
                await Console.Error.WriteLineAsync($"Usage: GrowthMonitor {Name} [--url http://host:port]");
                return CommandLine.Usage;
        }

        // A probe of this machine never goes through HTTP_PROXY/HTTPS_PROXY, whatever the environment says.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = RequestTimeout };
        try
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"ready: {url}");
                return 0;
            }

            var report = await ReadReportAsync(response);
            await Console.Error.WriteLineAsync($"not ready: {url} answered {(int)response.StatusCode}{(report is { Down.Count: > 0 } ? $"; down: {string.Join(", ", report.Down)}" : "")}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"not ready: {url} did not answer: {e.Message}");
        }

        return CommandLine.Failure;
    }

    /// <summary>
    /// The ready endpoint where the service listens, read from the same configuration as the service reads it: its
    /// default address when nothing says otherwise (<see cref="ListenAddress.IsDefault"/>), else the URLs of
    /// <c>Kestrel:Endpoints</c> (which win over <c>Urls</c> in Kestrel too), else <c>Urls</c>, else the ports of
    /// <c>ASPNETCORE_HTTP_PORTS</c> on every address.
    /// </summary>
    internal static Uri ReadinessUrl(IConfiguration configuration) => ReadinessUrl(
        ListenAddress.IsDefault(configuration) ? ListenAddress.Default
        : string.Join(';', configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>()) is { Length: > 0 } endpoints ? endpoints
        : configuration["urls"] is { Length: > 0 } urls ? urls
        : string.Join(';', Split(configuration["http_ports"]).Select(port => $"http://*:{port}")));

    /// <summary>
    /// The ready endpoint on the first http binding of <c>Urls</c> (else the first binding), with a wildcard host
    /// (<c>0.0.0.0</c>, <c>+</c>, <c>*</c>, <c>[::]</c>) replaced by loopback: the service listens there too.
    /// </summary>
    internal static Uri ReadinessUrl(string urls)
    {
        var bindings = Split(urls);
        var binding = bindings.FirstOrDefault(b => b.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? bindings.FirstOrDefault()
            ?? throw new InvalidOperationException($"Neither Kestrel:Endpoints, Urls nor ASPNETCORE_HTTP_PORTS names an http address to ask; give one with {Name} --url.");
        var parts = Binding().Match(binding);
        if (!parts.Success)
        {
            throw new InvalidOperationException($"Urls has a binding that is not a URL: '{binding}'.");
        }

        var host = parts.Groups["host"].Value switch
        {
            "0.0.0.0" or "+" or "*" => "127.0.0.1",
            "[::]" => "[::1]",
            var named => named,
        };
        return new Uri($"{parts.Groups["scheme"].Value}://{host}{parts.Groups["port"].Value}/health/ready");
    }

    private static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<HealthResponse?> ReadReportAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(HealthJsonContext.Default.HealthResponse);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return null; // Not the service's own report (another program on that port): the status code says enough.
        }
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]*\]|[^:/]+)(?<port>:\d+)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex Binding();
}
