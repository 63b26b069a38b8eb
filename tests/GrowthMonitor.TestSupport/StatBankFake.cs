using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.ResponseProviders;
using WireMock.Server;
using WireMock.Settings;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// Statistics Denmark on loopback, for the tests and the benchmark alike, and the one place that knows its wire
/// format: JSON as <c>text/json; charset=utf-8</c>; data (BULK and CSV) as UTF-8 with BOM, CRLF, <c>;</c>, value
/// column INDHOLD, decimal commas and <c>..</c> for missing values; errors as HTTP 400 with
/// <c>{"errorTypeCode","message"}</c>.
/// <para>
/// It serves the tables a test adds (<see cref="Add"/>) at <c>/v1/tableinfo</c> and <c>/v1/data</c>, data bodies
/// generated from each request and <see cref="FakeTable.Values"/> and streamed while they are sent, so a test knows
/// every figure without asking the code under test and a body of a million rows costs no memory. A test answers any
/// request its own way through <see cref="Server"/> (WireMock; its mappings win over the tables), including a broken
/// stream (<see cref="CutOff"/>), which WireMock alone cannot send.
/// </para>
/// <para>
/// Every request is recorded as it arrives, before it is answered, so what a test counts after its call returned
/// is complete.
/// </para>
/// </summary>
public sealed class StatBankFake : IDisposable
{
    public const string Json = "text/json; charset=utf-8";
    public const string Csv = "text/csv; charset=utf-8";

    private const string DataPath = "/v1/data";
    private const string TableInfoPath = "/v1/tableinfo";

    /// <summary>Below WireMock's default priority (0): a test's own mapping for the same request wins.</summary>
    private const int TablePriority = 100;

    /// <summary>Statistics Denmark writes æ, ø and å as UTF-8, not as JSON escapes.</summary>
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, FakeTable> tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeRequest> requests = new();

    public StatBankFake()
    {
        Server = WireMockServer.Start(new WireMockServerSettings
        {
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(RecordAsync),
        });
        Server.Given(Get("tableinfo")).AtPriority(TablePriority).RespondWith(new WrittenResponse(TableInfoAsync));
        Server.Given(Get("tables")).AtPriority(TablePriority).RespondWith(new WrittenResponse(TablesAsync));
        Server.Given(PostData()).AtPriority(TablePriority).RespondWith(new WrittenResponse(DataAsync));
    }

    public WireMockServer Server { get; }

    /// <summary>The base URL a client is configured with, ending in <c>/v1/</c>.</summary>
    public string BaseUrl => $"{Server.Url}/v1/";

    /// <summary>Every request received, in order of arrival.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. requests];

    public int DataRequests => Requests.Count(r => r.Path == DataPath);

    public int TableInfoRequests => Requests.Count(r => r.Path == TableInfoPath);

    /// <summary>The JSON bodies of the data requests, in order.</summary>
    public IReadOnlyList<JsonNode> DataRequestBodies => [.. Requests.Where(r => r.Path == DataPath).Select(r => JsonNode.Parse(r.Body)!)];

    /// <summary>The time values of each data request, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequestedPeriods => [.. DataRequestBodies.Select(body => FakeTable.RequestedValues(body)[FakeTable.TimeColumn])];

    public FakeTable Add(FakeTable table)
    {
        tables[table.Id] = table;
        return table;
    }

    public static IRequestBuilder Get(string endpoint) => Request.Create().WithPath($"/v1/{endpoint}").UsingGet();

    public static IRequestBuilder PostData() => Request.Create().WithPath(DataPath).UsingPost();

    public static IResponseBuilder Answer(byte[] body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    /// <summary>A text body as UTF-8; a leading <c>\uFEFF</c> becomes the byte order mark.</summary>
    public static IResponseBuilder Answer(string body, string contentType, HttpStatusCode status = HttpStatusCode.OK) =>
        Answer(Encoding.UTF8.GetBytes(body), contentType, status);

    /// <summary>An error as Statistics Denmark answers it, e.g. <c>EXTRACT-NOTFOUND</c> or <c>REQUEST-LIMIT</c>.</summary>
    public static IResponseBuilder Error(string errorTypeCode, string message) =>
        Answer(ErrorBody(errorTypeCode, message), Json, HttpStatusCode.BadRequest);

    /// <summary>
    /// A 200 whose headers promise the whole <paramref name="body"/> (Content-Length) but whose connection closes after
    /// half of it: a broken stream, as the network delivers one.
    /// </summary>
    /// <remarks>
    /// Kestrel closes the connection itself when a response ends short of its Content-Length, after sending what was
    /// written; aborting instead would reset the connection and could discard the headers before the client reads them.
    /// </remarks>
    public static IResponseProvider CutOff(byte[] body, string contentType) => new WrittenResponse(async (_, context) =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
    });

    /// <summary>
    /// A 200 that sends the first <paramref name="pauseAt"/> bytes of <paramref name="body"/> and then nothing until
    /// <paramref name="resume"/> completes, when the rest follows: a slow source, held where a test wants it (to kill
    /// the service or stop InfluxDB in the middle of a run). Chunked, as Statistics Denmark streams BULK. A client that
    /// goes away meanwhile (a killed service) ends the response.
    /// </summary>
    public static IResponseProvider Paused(byte[] body, string contentType, int pauseAt, Task resume) => new WrittenResponse(async (_, context) =>
    {
        context.Response.ContentType = contentType;
        try
        {
            await context.Response.Body.WriteAsync(body.AsMemory(0, pauseAt), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await resume.WaitAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(body.AsMemory(pauseAt), context.RequestAborted);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client is gone; there is nobody to answer.
        }
    });

    public void Dispose() => Server.Dispose();

    private static byte[] ErrorBody(string errorTypeCode, string message) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["errorTypeCode"] = errorTypeCode, ["message"] = message }.ToJsonString(WireJson));

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, string contentType, byte[] body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task RefuseAsync(HttpContext context, Refusal refusal) =>
        WriteAsync(context, HttpStatusCode.BadRequest, Json, ErrorBody(refusal.ErrorTypeCode, refusal.Message));

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        // Read and rewind, so that WireMock reads the same body after us.
        context.Request.EnableBuffering();
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true))
        {
            requests.Enqueue(new FakeRequest(context.Request.Path.Value ?? "", await reader.ReadToEndAsync(context.RequestAborted)));
        }

        context.Request.Body.Position = 0;
        await next(context);
    }

    private Task TableInfoAsync(IRequestMessage request, HttpContext context)
    {
        var id = context.Request.Query["id"].ToString();
        return tables.TryGetValue(id, out var table)
            ? WriteAsync(context, HttpStatusCode.OK, Json, Encoding.UTF8.GetBytes(table.TableInfoJson(WireJson)))
            : RefuseAsync(context, FakeTable.NoSuchTable(id));
    }

    /// <summary>Every table, whatever <c>pastdays</c> asks: callers compare <c>updated</c> themselves.</summary>
    private Task TablesAsync(IRequestMessage request, HttpContext context) =>
        WriteAsync(context, HttpStatusCode.OK, Json, Encoding.UTF8.GetBytes(new JsonArray([.. tables.Values.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => (JsonNode)t.Summary())]).ToJsonString(WireJson)));

    private async Task DataAsync(IRequestMessage request, HttpContext context)
    {
        var body = JsonNode.Parse(request.Body ?? "{}")!;
        var id = (string?)body["table"] ?? "";
        if (!tables.TryGetValue(id, out var table))
        {
            await RefuseAsync(context, FakeTable.NoSuchTable(id));
            return;
        }

        if (!table.TrySelect(body, out var selection, out var refusal))
        {
            await RefuseAsync(context, refusal);
            return;
        }

        context.Response.ContentType = Csv;
        await using var rows = table.Body(selection);
        await rows.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>
    /// A response written straight to Kestrel, for what WireMock's buffered responses cannot do: stream a body of any
    /// size, or break one.
    /// </summary>
    private sealed class WrittenResponse(Func<IRequestMessage, HttpContext, Task> write) : IResponseProvider
    {
        public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(
            IMapping mapping, HttpContext context, IRequestMessage requestMessage, WireMockServerSettings settings)
        {
            await write(requestMessage, context);
            // No message: WireMock logs the request and, the response being written, sends nothing more.
            return (null!, null);
        }
    }
}

/// <summary>A request as the fake received it.</summary>
public sealed record FakeRequest(string Path, string Body);

/// <summary>An error answer: what Statistics Denmark would refuse, or what the fake cannot serve.</summary>
internal sealed record Refusal(string ErrorTypeCode, string Message);
