using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GrowthMonitor.StatBank.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Refit;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;
using static GrowthMonitor.StatBank.Tests.TestSupport.StatBankServer;

namespace GrowthMonitor.StatBank.Tests;

/// <summary>Faults at the HTTP level, through the client and resilience pipeline an application resolves.</summary>
public sealed class ResilienceTests : IDisposable
{
    private const string RequestLimitBody =
        """{"errorTypeCode":"REQUEST-LIMIT","message":"Forespørgslen på op mod 1.500.000 celler er over begrænsningen på 1.000.000 celler for denne filtype."}""";

    private static readonly byte[] TableInfo = Fixtures.Read("tableinfo_ERHV2_da_synthetic.json");
    private static readonly DataRequest JobsRequest = new("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])]);

    private readonly StatBankServer server = new();

    [Fact]
    public async Task GetTableInfoAsync_ServiceUnavailableThenOk_RetriesAndSucceeds()
    {
        FirstThen(Get("tableinfo"), Answer("Service Unavailable", "text/html", HttpStatusCode.ServiceUnavailable), Answer(TableInfo, Json));

        var table = await server.Client.GetTableInfoAsync("ERHV2");

        Assert.Equal("ERHV2", table.Id);
        Assert.Equal(new DateTimeOffset(2024, 10, 28, 8, 0, 0, TimeSpan.FromHours(1)), table.Updated);
        Assert.Equal(2, server.RequestCount("tableinfo"));
    }

    [Fact]
    public async Task ReadDataAsync_ServiceUnavailableThenOk_SendsTheSameBodyAgain()
    {
        FirstThen(PostData(), Answer("", "text/html", HttpStatusCode.ServiceUnavailable), Answer("OMRÅDE;TID;INDHOLD\r\n615;2023;44890\r\n", Csv));

        var row = Assert.Single(await server.Client.ReadDataAsync(JobsRequest).ToListAsync());

        Assert.Equal(44890m, row.Value);
        var bodies = server.DataRequests();
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0].ToJsonString(), bodies[1].ToJsonString());
    }

    [Fact]
    public async Task GetTableInfoAsync_TooManyRequestsWithRetryAfter_WaitsThatLongBeforeRetrying()
    {
        FirstThen(Get("tableinfo"), Answer("", "text/plain", HttpStatusCode.TooManyRequests).WithHeader("Retry-After", "1"), Answer(TableInfo, Json));
        var clock = Stopwatch.StartNew();

        await server.Client.GetTableInfoAsync("ERHV2");

        // The configured backoff is 10 ms; only the header explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(2, server.RequestCount("tableinfo"));
    }

    [Fact]
    public async Task GetTableInfoAsync_ExtractNotFound_IsRequestedOnceAndNamesTheTable()
    {
        server.Mock.Given(Get("tableinfo")).RespondWith(Answer(
            """{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Tabel findes ikke: ERHV9"}""", Json, HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<StatBankNotFoundException>(() => server.Client.GetTableInfoAsync("ERHV9"));

        Assert.StartsWith("Table 'ERHV9' does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount("tableinfo"));
    }

    [Fact]
    public async Task GetTableInfoAsync_ServerFailsEveryTime_GivesUpAfterTheConfiguredRetriesWithATransientError()
    {
        using var impatient = new StatBankServer(options => options.MaxRetryAttempts = 2);
        impatient.Mock.Given(Get("tableinfo")).RespondWith(Answer("", "text/html", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<ApiException>(() => impatient.Client.GetTableInfoAsync("ERHV2"));

        Assert.True(StatBankTransientErrors.IsTransient(error));
        Assert.Equal(3, impatient.RequestCount("tableinfo"));
    }

    [Fact]
    public async Task GetTableInfoAsync_FirstBodyEndsEarly_IsRetriedInsideThePipeline()
    {
        FirstThen(Get("tableinfo"), Answer(TableInfo[..(TableInfo.Length / 2)], Json), Answer(TableInfo, Json));

        var table = await server.Client.GetTableInfoAsync("ERHV2");

        Assert.Equal(3, table.Variables.Count);
        Assert.Equal(2, server.RequestCount("tableinfo"));
    }

    [Fact]
    public async Task GetTableInfoAsync_ConnectionDropsInsideTheBody_IsRetriedInsideThePipeline()
    {
        var body = Encoding.UTF8.GetString(TableInfo);
        await using var raw = new RawHttpServer(RawHttpServer.CutOff(Json, body), RawHttpServer.Complete(Json, body));
        using var services = ClientServices(raw.BaseUrl);

        var table = await services.GetRequiredService<StatBankClient>().GetTableInfoAsync("ERHV2");

        Assert.Equal("ERHV2", table.Id);
        Assert.Equal(2, raw.RequestCount);
    }

    [Fact]
    public async Task ReadDataAsync_ConnectionDropsInsideTheBody_ThrowsTransientIOException()
    {
        var body = "\uFEFFOMRÅDE;TID;INDHOLD\r\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"615;{2000 + (i % 20)};{i}\r\n"));
        await using var raw = new RawHttpServer(RawHttpServer.CutOff(Csv, body));
        using var services = ClientServices(raw.BaseUrl);

        var error = await Assert.ThrowsAnyAsync<IOException>(() => services.GetRequiredService<StatBankClient>().ReadDataAsync(JobsRequest).ToListAsync().AsTask());

        Assert.True(StatBankTransientErrors.IsTransient(error));
        Assert.Equal(1, raw.RequestCount);
    }

    [Fact]
    public async Task ReadDataAsync_BodyCutOffInsideALine_ThrowsTransientFormatException()
    {
        server.Mock.Given(PostData()).RespondWith(Answer("\uFEFFOMRÅDE;TID;INDHOLD\r\n615;2022;44105\r\n615;20", Csv));

        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => server.Client.ReadDataAsync(JobsRequest).ToListAsync().AsTask());

        Assert.Equal(3, error.LineNumber);
        Assert.True(StatBankTransientErrors.IsTransient(error));
    }

    [Fact]
    public async Task ReadDataAsync_CsvOverTheCellLimit_SplitsByTimeAndYieldsEveryRowInTimeOrder()
    {
        server.Mock.Given(PostData()).RespondWith(Response.Create().WithCallback(AnswerAtMostTwoPeriods));
        string[] periods = ["2024K3", "2023K1", "2023K2", "2023K3", "2023K4", "2024K1", "2024K2"];
        var request = new DataRequest("AULK01", [new("OMRÅDE", ["615", "657"]), new("Tid", periods)], DataFormat.Csv);

        var rows = await server.Client.ReadDataAsync(request).ToListAsync();

        Assert.Equal(14, rows.Count);
        Assert.Equal(14, rows.Select(row => (row["OMRÅDE"], row["Tid"])).Distinct().Count());
        Assert.Equal(periods.Order(StringComparer.Ordinal), rows.Select(row => row["Tid"]).Distinct());
        Assert.Equal(
            ["2023K1", "2023K2,2023K3", "2023K4,2024K1", "2024K2,2024K3"],
            server.DataRequests().Select(TimeValues).Where(values => values.Count <= 2).Select(values => string.Join(',', values)));
    }

    [Fact]
    public async Task ReadDataAsync_SinglePeriodStillOverTheCellLimit_ThrowsRequestLimit()
    {
        server.Mock.Given(PostData()).RespondWith(Answer(RequestLimitBody, Json, HttpStatusCode.BadRequest));
        var request = new DataRequest("FOLK1A", [new("OMRÅDE", ["*"]), new("Tid", ["2024K1", "2024K2", "2024K3", "2024K4"])], DataFormat.Csv);

        var error = await Assert.ThrowsAsync<StatBankRequestLimitException>(() => server.Client.ReadDataAsync(request).ToListAsync().AsTask());

        Assert.Equal(["2024K1"], error.Request.Variables.Single(variable => variable.Code == "Tid").Values);
        Assert.Equal(3, server.RequestCount("data"));
    }

    [Fact]
    public async Task ReadDataAsync_BulkOverTheCellLimit_IsNotSplit()
    {
        server.Mock.Given(PostData()).RespondWith(Answer(RequestLimitBody, Json, HttpStatusCode.BadRequest));
        var request = new DataRequest("FOLK1A", [new("OMRÅDE", ["*"]), new("Tid", ["2024K1", "2024K2"])]);

        await Assert.ThrowsAsync<StatBankRequestLimitException>(() => server.Client.ReadDataAsync(request).ToListAsync().AsTask());

        Assert.Equal(1, server.RequestCount("data"));
    }

    [Fact]
    public async Task ReadDataAsync_HugeBody_IsStreamedNotBuffered()
    {
        using var body = new GeneratedBody(rows: 1_000_000);
        var services = new ServiceCollection().AddStatBankClient(options => options.BaseUrl = new Uri("http://127.0.0.1:9/v1/"));
        // After every other configuration, so the stand-in network is the innermost handler whatever Refit sets.
        services.PostConfigureAll<HttpClientFactoryOptions>(factory =>
            factory.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new BodyHandler(body)));
        using var provider = services.BuildServiceProvider();

        await using var rows = provider.GetRequiredService<StatBankClient>().ReadDataAsync(JobsRequest).GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());

        Assert.Equal("2000M01", rows.Current["TID"]);
        Assert.InRange(body.BytesProduced, 1, 1024 * 1024);
    }

    public void Dispose() => server.Dispose();

    private static List<string> TimeValues(JsonNode request) =>
        [.. request["variables"]!.AsArray().Single(variable => (string?)variable!["code"] == "Tid")!["values"]!.AsArray().Select(value => (string)value!)];

    // Like the real server: refuses more than two periods, otherwise answers every area × period, ascending.
    private static ResponseMessage AnswerAtMostTwoPeriods(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var periods = TimeValues(body);
        if (periods.Count > 2)
        {
            return Message(HttpStatusCode.BadRequest, Json, RequestLimitBody);
        }

        var areas = body["variables"]!.AsArray().Single(variable => (string?)variable!["code"] == "OMRÅDE")!["values"]!.AsArray().Select(value => (string)value!);
        var rows = areas.SelectMany(area => periods.Order(StringComparer.Ordinal).Select(period => $"{area};{period};{area.Length + period.Length}\r\n"));
        return Message(HttpStatusCode.OK, Csv, "\uFEFFOMRÅDE;TID;INDHOLD\r\n" + string.Concat(rows));
    }

    private static ResponseMessage Message(HttpStatusCode status, string contentType, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = (int)status,
            BodyData = new BodyData { BodyAsBytes = Encoding.UTF8.GetBytes(body), DetectedBodyType = BodyType.Bytes },
        };
        message.AddHeader("Content-Type", contentType);
        return message;
    }

    private void FirstThen(WireMock.RequestBuilders.IRequestBuilder request, IResponseBuilder first, IResponseBuilder then)
    {
        var scenario = Guid.NewGuid().ToString();
        server.Mock.Given(request).InScenario(scenario).WillSetStateTo("answered once").RespondWith(first);
        server.Mock.Given(request).InScenario(scenario).WhenStateIs("answered once").RespondWith(then);
    }

    /// <summary>Answers every request with the same streamed body, as the network would deliver it.</summary>
    private sealed class BodyHandler(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StreamContent(body) { Headers = { ContentType = new("text/csv") { CharSet = "utf-8" } } },
            });
    }
}
