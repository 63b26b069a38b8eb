using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace GrowthMonitor.Demo;

/// <summary>
/// Answers the Statistics Denmark client from the bundled sample as the API would: <c>GET /tableinfo?id=</c> with the
/// table's JSON as <c>text/json</c>, <c>POST /data</c> with the BULK rows whose codes the request asks for (BOM,
/// CRLF, <c>;</c>, INDHOLD, <c>..</c>), and an unknown table with the API's 400 <c>EXTRACT-NOTFOUND</c> error.
/// </summary>
public sealed class DemoStatBankHandler : HttpMessageHandler
{
    private const string ResourcePrefix = "demo/";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = request.RequestUri?.AbsolutePath.TrimEnd('/').Split('/')[^1];
        if (endpoint == "tableinfo" && request.Method == HttpMethod.Get)
        {
            var id = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["id"] ?? "";
            return Read(id, "tableinfo.json") is { } json ? Answer(HttpStatusCode.OK, json, "text/json") : NotFound(id);
        }

        if (endpoint == "data" && request.Method == HttpMethod.Post && request.Content is not null)
        {
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            var table = body.RootElement.GetProperty("table").GetString() ?? "";
            var wanted = body.RootElement.GetProperty("variables").EnumerateArray().ToDictionary(
                v => v.GetProperty("code").GetString()!.ToUpperInvariant(),
                v => v.GetProperty("values").EnumerateArray().Select(x => x.GetString()).ToHashSet());
            return Read(table, "bulk.csv") is { } bulk ? Answer(HttpStatusCode.OK, Select(bulk, wanted), "text/csv") : NotFound(table);
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
    }

    /// <summary>The header and the rows whose every requested column holds a requested code (or the request says <c>*</c>).</summary>
    private static string Select(string bulk, Dictionary<string, HashSet<string?>> wanted)
    {
        var lines = bulk.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].TrimStart('\uFEFF').Split(';');
        var filters = columns.Select(c => wanted.GetValueOrDefault(c) is { } values && !values.Contains("*") ? values : null).ToArray();
        var selected = new StringBuilder("\uFEFF").Append(lines[0].TrimStart('\uFEFF')).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(';');
            if (filters.Select((filter, i) => filter is null || filter.Contains(cells[i])).All(match => match))
            {
                selected.Append(line).Append("\r\n");
            }
        }

        return selected.ToString();
    }

    private static string? Read(string table, string kind)
    {
        // Table ids are letters and digits; anything else cannot name a bundled file.
        if (table.Length == 0 || !table.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{ResourcePrefix}{table.ToUpperInvariant()}.{kind}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    private static HttpResponseMessage NotFound(string table) => Answer(
        HttpStatusCode.BadRequest,
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["errorTypeCode"] = "EXTRACT-NOTFOUND",
            ["message"] = $"Tabellen '{table}' findes ikke i demodata.",
        }),
        "text/json");

    /// <summary>UTF-8 as the API sends it; a leading BOM character in <paramref name="text"/> becomes the BOM bytes.</summary>
    private static HttpResponseMessage Answer(HttpStatusCode status, string text, string mediaType) => new(status)
    {
        Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = new(mediaType) { CharSet = "utf-8" } } },
    };
}
