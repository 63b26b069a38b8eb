using System.Text;
using System.Text.Json.Nodes;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.Storage;
using WireMock.Matchers;

namespace GrowthMonitor.IntegrationTests.Faults;

/// <summary>
/// Statistics Denmark answers one table's data request, or its table information, with garbage under a 200 (a
/// maintenance page, a table whose columns changed, cells that are not numbers, a body cut off inside a line, 10 MB
/// of junk): that indicator's run fails with a cause naming the problem in <c>ingest_runs</c>, none of its figures is
/// stored (not even of the failed vintage), and another indicator of the catalog, ingested at the same time, is
/// stored whole.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class GarbageAnswerTests(ServersFixture servers)
{
    private const int JunkSize = 10 * 1024 * 1024;

    [Theory]
    [InlineData("html", "The header '<!DOCTYPE html>' has no INDHOLD column")]
    [InlineData("html-tableinfo", "The answer to /tableinfo is not the JSON expected (text/html; charset=utf-8)")]
    [InlineData("wrong-columns", "The data has no column OMRÅDE; its columns are BOPKOM, TAL, TID")]
    [InlineData("non-numeric", "Line 801: 'syv' in INDHOLD is neither a number nor the missing marker '..'")]
    [InlineData("cut-mid-line", "The body ends inside line 801 (no final line break): the response was cut off")]
    [InlineData("junk-one-line", "Line 1 is longer than 1048576 bytes")]
    [InlineData("junk-lines", "has no INDHOLD column")]
    public async Task Ingest_DataAnswerIsGarbage_ThatIndicatorFailsNamingTheProblemNothingStoredOthersWhole(string garbage, string cause)
    {
        await using var harness = ServiceHarness.Create(servers, ServiceHarness.Catalog(
                (JsonObject)StatBankTables.JobsCatalog()["indicators"]![0]!.DeepClone(),
                (JsonObject)MonthlyTable.Catalog("mid", "MID")["indicators"]![0]!.DeepClone()),
            // Batches of 100, so that a body that fails late has had figures of the failed vintage written.
            settings: new Dictionary<string, string?> { ["Influx:BatchSize"] = "100" });
        harness.StatBank.Add(StatBankTables.Erhv2());
        // 20 areas × 60 months (2000M01–2004M12): a header and 1,200 rows.
        var (body, contentType) = Garbage(garbage, MonthlyTable.Body(harness.StatBank.Add(MonthlyTable.Create("MID", 20, 60))));
        harness.StatBank.Server.Given(garbage == "html-tableinfo"
                ? StatBankFake.Get("tableinfo").WithParam("id", "MID")
                : StatBankFake.PostData().WithBody(new JsonPartialMatcher(new { table = "MID" })))
            .RespondWith(StatBankFake.Answer(body, contentType));

        var garbageRun = harness.IngestAsync("mid");
        var otherRun = harness.IngestAsync("jobs");

        await Assert.ThrowsAnyAsync<Exception>(() => garbageRun);
        var failed = Assert.Single(await harness.RunsAsync("mid"));
        Assert.Equal("failed", failed.Outcome);
        Assert.Contains(cause, failed.Error);
        Assert.True(failed.Error!.Length < 300, $"The recorded cause echoes the garbage: {failed.Error.Length} characters");
        Assert.Empty(await harness.StoredAsync("mid"));
        using var client = harness.Factory.CreateClient();
        Assert.Empty(await FaultScenario.SeriesAsync(client, "mid"));

        var other = (await otherRun).Run;
        Assert.Equal((IngestOutcome.Success, StatBankTables.Erhv2PointCount), (other.Outcome, (int)other.Points));
        var jobs = await FaultScenario.SeriesAsync(client, "jobs");
        Assert.Equal(StatBankTables.Erhv2PointCount, jobs.Count);
        Assert.Contains(("615", "2021", 61_710d), jobs); // 615 × 100 + 21 × 10
        Assert.Contains(("084", "2023", 8_630.5d), jobs); // 84 × 100 + 23 × 10, and the half
    }

    /// <summary>The answer for the table whose real body is <paramref name="body"/> (BOM, CRLF, a header, 1,200 rows).</summary>
    private static (byte[] Body, string ContentType) Garbage(string kind, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return kind switch
        {
            "html" or "html-tableinfo" => (Encoding.UTF8.GetBytes("<!DOCTYPE html>\r\n<html lang=\"da\"><head><title>Statistikbanken</title></head>\r\n<body><p>Vi opdaterer Statistikbanken. Prøv igen senere.</p></body></html>\r\n"), "text/html; charset=utf-8"),
            "wrong-columns" => (Encoding.UTF8.GetBytes(text.Replace("OMRÅDE;", "BOPKOM;", StringComparison.Ordinal)), StatBankFake.Csv),
            "non-numeric" => (Encoding.UTF8.GetBytes(WithLine(text, 800, line => line[..(line.LastIndexOf(';') + 1)] + "syv")), StatBankFake.Csv),
            // Three bytes short of line 801's end: inside its figure, which read as it stands would be a wrong number.
            "cut-mid-line" => (body[..(LineEnd(body, 800) - 3)], StatBankFake.Csv),
            "junk-one-line" => (Junk(lineLength: int.MaxValue), StatBankFake.Csv),
            "junk-lines" => (Junk(lineLength: 100_000), StatBankFake.Csv),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The text with line <paramref name="index"/> (0 is the header) changed.</summary>
    private static string WithLine(string text, int index, Func<string, string> change)
    {
        var lines = text.Split("\r\n");
        lines[index] = change(lines[index]);
        return string.Join("\r\n", lines);
    }

    /// <summary>Where line <paramref name="index"/> (0 is the header) ends: the offset of its <c>\r</c>.</summary>
    private static int LineEnd(byte[] body, int index)
    {
        var end = -2;
        for (var line = 0; line <= index; line++)
        {
            end = Array.IndexOf(body, (byte)'\r', end + 2);
        }

        return end;
    }

    /// <summary><see cref="JunkSize"/> bytes of printable characters, a line break after every <paramref name="lineLength"/>.</summary>
    private static byte[] Junk(int lineLength)
    {
        var random = new Random(9);
        var junk = new byte[JunkSize];
        for (var i = 0; i < junk.Length; i++)
        {
            junk[i] = (i + 1) % lineLength == 0 ? (byte)'\n' : (byte)random.Next(0x21, 0x7F);
        }

        return junk;
    }
}
