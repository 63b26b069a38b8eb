using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace GrowthMonitor.IntegrationTests.Deployment;

/// <summary>
/// HTTPS_PROXY, HTTP_PROXY and NO_PROXY reach every outbound HTTP client of the service (Statistics Denmark, InfluxDB).
/// .NET reads them once per process into the static <see cref="HttpClient.DefaultProxy"/>, which the primary handlers
/// of both clients use, so each case runs the one-shot <c>ingest</c> command as its own process with the variables set.
/// The hosts behind the proxy have names that do not resolve (<c>.invalid</c>): only a request that went through the
/// proxy can reach them, and nothing ever asks DNS for them.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OutboundProxyTests(ServersFixture servers) : IDisposable
{
    private const string StatBankHost = "statbank.proxy-test.invalid";
    private const string InfluxHost = "influx.proxy-test.invalid:8086";

    private readonly string catalogPath = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(catalogPath);

    [Fact]
    public async Task Ingest_HttpProxy_BothClientsGoThroughTheProxy()
    {
        // The proxy: WireMock answers Statistics Denmark's paths itself and passes InfluxDB's on to the real server.
        using var proxy = new StatBankFake();
        proxy.Add(Targets.HorsensScenario.Erhv2());
        proxy.Server.Given(Request.Create().WithPath("/ping", "/query", "/write")).AtPriority(1)
            .RespondWith(Response.Create().WithProxy(servers.Influx.Url.ToString().TrimEnd('/')));
        var environment = await EnvironmentAsync(influxUrl: $"http://{InfluxHost}/", proxyVariables: new()
        {
            ["HTTP_PROXY"] = proxy.Server.Url,
            ["http_proxy"] = proxy.Server.Url,
        });

        var result = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.Contains("jobs: success, 18 rows, 18 points", result.Output); // 3 areas × 6 years
        var proxied = ProxiedRequests(proxy);
        Assert.Contains((StatBankHost, "/v1/tableinfo"), proxied);
        Assert.Contains((StatBankHost, "/v1/data"), proxied);
        Assert.Contains((InfluxHost, "/write"), proxied);
        Assert.Equal(18, await StoredPointsAsync(environment["Influx__Database"]!));
    }

    [Fact]
    public async Task Ingest_NoProxyNamesInflux_InfluxDirectStatBankThroughTheProxy()
    {
        using var proxy = new StatBankFake();
        proxy.Add(Targets.HorsensScenario.Erhv2());
        // .NET sends even loopback addresses to the proxy unless NO_PROXY names them (as compose does for its services).
        var environment = await EnvironmentAsync(influxUrl: servers.Influx.Url.ToString(), proxyVariables: new()
        {
            ["HTTP_PROXY"] = proxy.Server.Url,
            ["http_proxy"] = proxy.Server.Url,
            ["NO_PROXY"] = $"influxdb,{servers.Influx.Url.Host}",
            ["no_proxy"] = $"influxdb,{servers.Influx.Url.Host}",
        });

        var result = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");

        Assert.True(result.ExitCode == 0, result.Errors);
        var proxied = ProxiedRequests(proxy);
        Assert.Contains((StatBankHost, "/v1/data"), proxied);
        Assert.All(proxied, request => Assert.Equal(StatBankHost, request.Host));
        Assert.Equal(18, await StoredPointsAsync(environment["Influx__Database"]!));
    }

    [Fact]
    public async Task Ingest_HttpsProxy_StatBankOverHttpsTunnelsThroughTheProxy()
    {
        // A proxy that records each CONNECT request and refuses the tunnel: the request line is the proof.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var proxyUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        ConcurrentQueue<string> requestLines = [];
        var refusing = RefuseTunnelsAsync(listener, requestLines);
        var environment = await EnvironmentAsync(influxUrl: servers.Influx.Url.ToString(), statBankUrl: $"https://{StatBankHost}/v1/", proxyVariables: new()
        {
            ["HTTPS_PROXY"] = proxyUrl,
            ["https_proxy"] = proxyUrl,
        });

        var result = await ServiceProcess.RunAsync(environment, "ingest", "--indicator", "jobs");
        listener.Stop();
        await refusing;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("jobs: failed:", result.Errors);
        // The first attempt and its one retry (StatBank:MaxRetryAttempts = 1), each a tunnel through the proxy.
        Assert.Equal([$"CONNECT {StatBankHost}:443 HTTP/1.1", $"CONNECT {StatBankHost}:443 HTTP/1.1"], requestLines);
    }

    /// <summary>Host header and path of every request the proxy received.</summary>
    private static List<(string Host, string Path)> ProxiedRequests(StatBankFake proxy) =>
        [.. proxy.Server.LogEntries.Select(e => e.RequestMessage).OfType<WireMock.IRequestMessage>()
            .Select(r => (r.Headers!["Host"].Single(), r.Path))];

    private async Task<long?> StoredPointsAsync(string database)
    {
        var influx = await InfluxTestClient.CreateAsync(servers.Influx, database);
        var stored = await influx.QueryAsync(new InfluxQuery("SELECT count(\"value\") FROM jobs"));
        return stored.SelectMany(s => s.Rows).SingleOrDefault()?.GetInt64("count");
    }

    /// <summary>Answers every connection's request with 403 and records its request line, until the listener stops.</summary>
    private static async Task RefuseTunnelsAsync(TcpListener listener, ConcurrentQueue<string> requestLines)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[1024];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) is var read and > 0)
                {
                    head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                requestLines.Enqueue(head.ToString().Split("\r\n")[0]);
                await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
        }
    }

    /// <summary>
    /// The child's settings: only the given proxy variables (any of the six the test runner may have is cleared, and an
    /// empty value is no proxy to .NET), fast retries, and Statistics Denmark behind the proxy unless said otherwise.
    /// </summary>
    private async Task<Dictionary<string, string?>> EnvironmentAsync(string influxUrl, Dictionary<string, string?> proxyVariables, string statBankUrl = $"http://{StatBankHost}/v1/")
    {
        await File.WriteAllTextAsync(catalogPath, Targets.HorsensScenario.Catalog().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var environment = new Dictionary<string, string?>
        {
            ["Influx__Url"] = influxUrl,
            ["Influx__Database"] = ServersFixture.NewInfluxDatabase(),
            ["StatBank__BaseUrl"] = statBankUrl,
            ["StatBank__RetryDelay"] = "00:00:00.050",
            ["StatBank__MaxRetryAttempts"] = "1",
            ["Ingestion__StreamRetries"] = "0",
            ["Catalog__Path"] = catalogPath,
            ["ConnectionStrings__GrowthMonitor"] = await servers.Postgres.CreateDatabaseAsync(),
        };
        foreach (var variable in (string[])["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"])
        {
            environment[variable] = proxyVariables.GetValueOrDefault(variable, "");
        }

        return environment;
    }
}
