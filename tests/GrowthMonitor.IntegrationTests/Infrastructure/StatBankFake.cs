using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>
/// Statistics Denmark as WireMock serves it to the service, in the real wire format: <c>/tableinfo</c> as
/// <c>text/json</c>, BULK data as UTF-8 with BOM, CRLF, <c>;</c>, value column INDHOLD and <c>..</c> for missing
/// values. Data bodies are generated from each request and the test's <see cref="FakeTable.Values"/>, so the test
/// knows every figure served without asking the code under test.
/// </summary>
public sealed class StatBankFake : IDisposable
{
    public const string TextJson = "text/json; charset=utf-8";

    private readonly Dictionary<string, FakeTable> tables = new(StringComparer.OrdinalIgnoreCase);

    public StatBankFake()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/v1/tableinfo").UsingGet())
            .AtPriority(100)
            .RespondWith(Response.Create().WithCallback(TableInfo));
        Server.Given(Request.Create().WithPath("/v1/data").UsingPost())
            .AtPriority(100)
            .RespondWith(Response.Create().WithCallback(Data));
    }

    public WireMockServer Server { get; }

    public string BaseUrl => $"{Server.Url}/v1/";

    public FakeTable Add(FakeTable table)
    {
        tables[table.Id] = table;
        return table;
    }

    public int DataRequests => Requests("/v1/data").Count();

    public int TableInfoRequests => Requests("/v1/tableinfo").Count();

    /// <summary>The time values of each data request, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequestedPeriods => [.. Requests("/v1/data")
        .Select(r => (IReadOnlyList<string>)[.. JsonNode.Parse(r.Body!)!["variables"]!.AsArray()
            .Single(v => string.Equals((string?)v!["code"], "Tid", StringComparison.OrdinalIgnoreCase))!["values"]!.AsArray().Select(x => (string)x!)])];

    private IEnumerable<IRequestMessage> Requests(string path) =>
        Server.LogEntries.Select(e => e.RequestMessage).OfType<IRequestMessage>().Where(r => r.Path == path);

    public static ResponseMessage Error(string errorTypeCode, string message) => Body(400, TextJson, JsonSerializer.Serialize(new { errorTypeCode, message }));

    public void Dispose() => Server.Stop();

    private ResponseMessage TableInfo(IRequestMessage request)
    {
        var id = request.Query?["id"]?.FirstOrDefault() ?? "";
        return tables.TryGetValue(id, out var table)
            ? Body(200, TextJson, table.TableInfoJson())
            : Error("EXTRACT-NOTFOUND", $"Tabel findes ikke: {id}");
    }

    private ResponseMessage Data(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var id = (string)body["table"]!;
        if (!tables.TryGetValue(id, out var table))
        {
            return Error("EXTRACT-NOTFOUND", $"Tabel findes ikke: {id}");
        }

        if (!string.Equals((string?)body["format"], "BULK", StringComparison.Ordinal) || !string.Equals((string?)body["valuePresentation"], "Code", StringComparison.Ordinal))
        {
            return Error("REQUEST-INVALID", "Testen forventer BULK med koder.");
        }

        var requested = body["variables"]!.AsArray().ToDictionary(
            v => ((string)v!["code"]!).ToUpperInvariant(),
            v => v!["values"]!.AsArray().Select(x => (string)x!).ToList());
        return Body(200, "text/csv; charset=utf-8", table.Bulk(requested));
    }

    private static ResponseMessage Body(int status, string contentType, string text) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(contentType) },
        BodyData = new BodyData
        {
            DetectedBodyType = BodyType.Bytes,
            BodyAsBytes = text.StartsWith('\uFEFF') ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text[1..])] : Encoding.UTF8.GetBytes(text),
        },
    };
}

/// <summary>One table of the fake: its variables (the time variable last) and the figure for each area and period.</summary>
public sealed class FakeTable(string id, string areaVariable, IReadOnlyList<string> areas, IReadOnlyList<string> periods, IReadOnlyDictionary<string, IReadOnlyList<string>> otherVariables)
{
    public string Id { get; } = id;

    /// <summary>Danish local time without offset, as <c>/tableinfo</c> writes it.</summary>
    public DateTime Updated { get; set; } = new(2025, 3, 25, 8, 0, 0);

    public List<string> Periods { get; } = [.. periods];

    /// <summary>A recorded <c>/tableinfo</c> body to serve byte for byte instead of the generated one.</summary>
    public string? RecordedTableInfo { get; init; }

    /// <summary>The figure served for (area, period), null for a missing value (<c>..</c>). Tests change it to simulate revisions.</summary>
    public Func<string, string, decimal?> Values { get; set; } = (_, _) => 1;

    public string TableInfoJson()
    {
        if (RecordedTableInfo is not null)
        {
            return RecordedTableInfo;
        }

        var variables = new JsonArray();
        variables.Add(Variable(areaVariable, areas, time: false));
        foreach (var (code, values) in otherVariables)
        {
            variables.Add(Variable(code, values, time: false));
        }

        variables.Add(Variable("Tid", Periods, time: true));
        return new JsonObject
        {
            ["id"] = Id,
            ["text"] = "Syntetisk tabel",
            ["description"] = "Syntetisk tabel til tests",
            ["unit"] = "Antal",
            ["suppressedDataValue"] = "0",
            ["updated"] = Updated.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["active"] = true,
            ["contacts"] = new JsonArray(),
            ["documentation"] = null,
            ["footnote"] = null,
            ["variables"] = variables,
        }.ToJsonString();
    }

    /// <summary>The BULK body for a request: every combination of the requested values, time ascending.</summary>
    public string Bulk(IReadOnlyDictionary<string, List<string>> requested)
    {
        var text = new StringBuilder("\uFEFF");
        var columns = new List<string> { areaVariable.ToUpperInvariant() };
        columns.AddRange(otherVariables.Keys.Select(k => k.ToUpperInvariant()));
        text.Append(string.Join(';', columns)).Append(";TID;INDHOLD\r\n");
        var areaValues = requested[areaVariable.ToUpperInvariant()] is ["*"] ? areas : requested[areaVariable.ToUpperInvariant()];
        var pinned = otherVariables.Keys.Select(k => requested[k.ToUpperInvariant()].Single()).ToList();
        foreach (var period in requested["TID"].Where(Periods.Contains))
        {
            foreach (var area in areaValues)
            {
                var value = Values(area, period);
                text.Append(area).Append(';');
                foreach (var code in pinned)
                {
                    text.Append(code).Append(';');
                }

                text.Append(period).Append(';')
                    .Append(value is { } v ? v.ToString(CultureInfo.InvariantCulture).Replace('.', ',') : "..")
                    .Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static JsonObject Variable(string id, IEnumerable<string> values, bool time) => new()
    {
        ["id"] = id,
        ["text"] = id.ToLowerInvariant(),
        ["elimination"] = !time,
        ["time"] = time,
        ["values"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["id"] = v, ["text"] = v })]),
    };
}
