using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>
/// A WireMock stand-in for api.statbank.dk plus a <see cref="StatBankClient"/> resolved the way an application
/// gets it (<see cref="StatBankServiceCollectionExtensions.AddStatBankClient(IServiceCollection, Action{StatBankOptions}?)"/>),
/// with retry delays cut to milliseconds.
/// </summary>
internal sealed class StatBankServer : IDisposable
{
    public const string Json = "text/json; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8";

    private readonly ServiceProvider services;

    public StatBankServer(Action<StatBankOptions>? configure = null)
    {
        Mock = WireMockServer.Start();
        services = ClientServices(new Uri($"{Mock.Url}/v1/"), configure);
    }

    public WireMockServer Mock { get; }

    public StatBankClient Client => services.GetRequiredService<StatBankClient>();

    public int RequestCount(string endpoint) =>
        Mock.LogEntries.Count(entry => entry.RequestMessage?.Path == $"/v1/{endpoint}");

    /// <summary>The JSON bodies of the data requests received, in order.</summary>
    public IReadOnlyList<JsonNode> DataRequests() =>
        [.. Mock.LogEntries.Where(entry => entry.RequestMessage?.Path == "/v1/data").Select(entry => JsonNode.Parse(entry.RequestMessage!.Body!)!)];

    /// <summary>The services an application would have, pointed at <paramref name="baseUrl"/>.</summary>
    public static ServiceProvider ClientServices(Uri baseUrl, Action<StatBankOptions>? configure = null) => new ServiceCollection()
        .AddStatBankClient(options =>
        {
            options.BaseUrl = baseUrl;
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
            configure?.Invoke(options);
        })
        .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    public static IResponseBuilder Answer(byte[] body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    public static IResponseBuilder Answer(string body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer(Encoding.UTF8.GetBytes(body), contentType, status);

    public static IRequestBuilder Get(string endpoint) => Request.Create().WithPath($"/v1/{endpoint}").UsingGet();

    public static IRequestBuilder PostData() => Request.Create().WithPath("/v1/data").UsingPost();

    public void Dispose()
    {
        services.Dispose();
        Mock.Dispose();
    }
}
