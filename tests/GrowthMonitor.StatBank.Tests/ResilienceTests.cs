using System.Diagnostics;
using System.Net;
using System.Text;
using GrowthMonitor.StatBank.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Refit;
using WireMock.ResponseProviders;
using static GrowthMonitor.TestSupport.StatBankFake;

namespace GrowthMonitor.StatBank.Tests;

/// <summary>Faults at the HTTP level, through the client and resilience pipeline an application resolves.</summary>
public sealed class ResilienceTests : IDisposable
{
    private const string RequestLimitMessage = "Forespørgslen på op mod 1.500.000 celler er over begrænsningen på 1.000.000 celler for denne filtype.";

    private static readonly byte[] TableInfo = Fixtures.Read("tableinfo_ERHV2_da_synthetic.json");
    private static readonly DataRequest JobsRequest = new("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])]);

    private readonly StatBankUnderTest statBank = new();

    [Fact]
    public async Task GetTableInfoAsync_ServiceUnavailableThenOk_RetriesAndSucceeds()
    {
        FirstThen(Get("tableinfo"), Answer("Service Unavailable", "text/html", HttpStatusCode.ServiceUnavailable), Answer(TableInfo, Json));

        var table = await statBank.Client.GetTableInfoAsync("ERHV2");

        Assert.Equal("ERHV2", table.Id);
        Assert.Equal(new DateTimeOffset(2024, 10, 28, 8, 0, 0, TimeSpan.FromHours(1)), table.Updated);
        Assert.Equal(2, statBank.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task ReadDataAsync_ServiceUnavailableThenOk_SendsTheSameBodyAgain()
    {
        FirstThen(PostData(), Answer("", "text/html", HttpStatusCode.ServiceUnavailable), Answer("OMRÅDE;TID;INDHOLD\r\n615;2023;44890\r\n", Csv));

        var row = Assert.Single(await statBank.Client.ReadDataAsync(JobsRequest).ToListAsync());

        Assert.Equal(44890m, row.Value);
        var bodies = statBank.Fake.DataRequestBodies;
        Assert.Equal(2, bodies.Count);
        Assert.Equal(bodies[0].ToJsonString(), bodies[1].ToJsonString());
    }

    [Fact]
    public async Task GetTableInfoAsync_TooManyRequestsWithRetryAfter_WaitsThatLongBeforeRetrying()
    {
        FirstThen(Get("tableinfo"), Answer("", "text/plain", HttpStatusCode.TooManyRequests).WithHeader("Retry-After", "1"), Answer(TableInfo, Json));
        var clock = Stopwatch.StartNew();

        await statBank.Client.GetTableInfoAsync("ERHV2");

        // The configured backoff is 10 ms; only the header explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(2, statBank.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task GetTableInfoAsync_ExtractNotFound_IsRequestedOnceAndNamesTheTable()
    {
        statBank.Fake.Server.Given(Get("tableinfo")).RespondWith(Error("EXTRACT-NOTFOUND", "Tabel findes ikke: ERHV9"));

        var error = await Assert.ThrowsAsync<StatBankNotFoundException>(() => statBank.Client.GetTableInfoAsync("ERHV9"));

        Assert.StartsWith("Table 'ERHV9' does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, statBank.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task GetTableInfoAsync_ServerFailsEveryTime_GivesUpAfterTheConfiguredRetriesNotAsABrokenBody()
    {
        using var impatient = new StatBankUnderTest(options => options.MaxRetryAttempts = 2);
        impatient.Fake.Server.Given(Get("tableinfo")).RespondWith(Answer("", "text/html", HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<ApiException>(() => impatient.Client.GetTableInfoAsync("ERHV2"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.False(StatBankTransientErrors.IsBrokenBody(error));
        Assert.Equal(3, impatient.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task ReadDataAsync_ServerFailsEveryTime_SendsOneRequestPlusTheDefaultFourRetriesAndIsNotABrokenBody()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer("", "text/html", HttpStatusCode.ServiceUnavailable));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => statBank.Client.ReadDataAsync(JobsRequest).ToListAsync().AsTask());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        // The handler's retries are spent: a caller that retried this too would multiply them.
        Assert.False(StatBankTransientErrors.IsBrokenBody(error));
        Assert.Equal(5, statBank.Fake.DataRequests);
    }

    [Fact]
    public async Task GetTableInfoAsync_FirstBodyEndsEarly_IsRetriedInsideThePipeline()
    {
        FirstThen(Get("tableinfo"), Answer(TableInfo[..(TableInfo.Length / 2)], Json), Answer(TableInfo, Json));

        var table = await statBank.Client.GetTableInfoAsync("ERHV2");

        Assert.Equal(3, table.Variables.Count);
        Assert.Equal(2, statBank.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task GetTableInfoAsync_AnswerOverTheLimit_RefusedWithoutHoldingItWhole()
    {
        using var impatient = new StatBankUnderTest(options => options.MaxRetryAttempts = 1);
        var junk = new byte[ResponseBufferingHandler.MaxJsonAnswerBytes + 1];
        Array.Fill(junk, (byte)' ');
        junk[0] = (byte)'[';
        impatient.Fake.Server.Given(Get("tableinfo")).RespondWith(Answer(junk, Json));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => impatient.Client.GetTableInfoAsync("ERHV2"));

        Assert.Contains("maximum buffer size", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTableInfoAsync_ConnectionDropsInsideTheBody_IsRetriedInsideThePipeline()
    {
        FirstThen(Get("tableinfo"), CutOff(TableInfo, Json), Answer(TableInfo, Json));

        var table = await statBank.Client.GetTableInfoAsync("ERHV2");

        Assert.Equal("ERHV2", table.Id);
        Assert.Equal(2, statBank.Fake.TableInfoRequests);
    }

    [Fact]
    public async Task ReadDataAsync_ConnectionDropsInsideTheBody_ThrowsBrokenBodyIOExceptionWithoutRetrying()
    {
        var body = "\uFEFFOMRÅDE;TID;INDHOLD\r\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"615;{2000 + (i % 20)};{i}\r\n"));
        statBank.Fake.Server.Given(PostData()).RespondWith(CutOff(Encoding.UTF8.GetBytes(body), Csv));

        var error = await Assert.ThrowsAnyAsync<IOException>(() => statBank.Client.ReadDataAsync(JobsRequest).ToListAsync().AsTask());

        Assert.True(StatBankTransientErrors.IsBrokenBody(error));
        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    [Fact]
    public async Task ReadDataAsync_BodyCutOffInsideALine_ThrowsBrokenBodyFormatException()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer("\uFEFFOMRÅDE;TID;INDHOLD\r\n615;2022;44105\r\n615;20", Csv));

        var error = await Assert.ThrowsAsync<StatBankFormatException>(() => statBank.Client.ReadDataAsync(JobsRequest).ToListAsync().AsTask());

        Assert.Equal(3, error.LineNumber);
        Assert.True(error.CutOff);
        Assert.True(StatBankTransientErrors.IsBrokenBody(error));
        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    [Fact]
    public async Task ReadDataAsync_CsvOverTheCellLimit_ThrowsRequestLimitAfterOneRequest()
    {
        string[] periods = ["2023K1", "2023K2", "2023K3"];
        // Like the real server, only smaller: refuses CSV requests of more than four cells.
        statBank.Fake.Add(new FakeTable("AULK01", "OMRÅDE", ["615", "657"], periods, new Dictionary<string, IReadOnlyList<string>>()) { CellLimit = 4 });
        var request = new DataRequest("AULK01", [new("OMRÅDE", ["615", "657"]), new("Tid", periods)], DataFormat.Csv);

        var error = await Assert.ThrowsAsync<StatBankRequestLimitException>(() => statBank.Client.ReadDataAsync(request).ToListAsync().AsTask());

        Assert.Equal(periods, error.Request.Variables.Single(variable => variable.Code == "Tid").Values);
        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    [Fact]
    public async Task ReadDataAsync_BulkRefusedOverTheCellLimit_ThrowsRequestLimitAfterOneRequest()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Error("REQUEST-LIMIT", RequestLimitMessage));
        var request = new DataRequest("FOLK1A", [new("OMRÅDE", ["*"]), new("Tid", ["2024K1", "2024K2"])]);

        await Assert.ThrowsAsync<StatBankRequestLimitException>(() => statBank.Client.ReadDataAsync(request).ToListAsync().AsTask());

        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    [Fact]
    public async Task ReadDataAsync_HugeBody_IsStreamedNotBuffered()
    {
        using var body = LargeTable.Body(rows: 1_000_000);
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

    public void Dispose() => statBank.Dispose();

    private void FirstThen(WireMock.RequestBuilders.IRequestBuilder request, IResponseProvider first, IResponseProvider then)
    {
        var scenario = Guid.NewGuid().ToString();
        statBank.Fake.Server.Given(request).InScenario(scenario).WillSetStateTo("answered once").RespondWith(first);
        statBank.Fake.Server.Given(request).InScenario(scenario).WhenStateIs("answered once").RespondWith(then);
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
