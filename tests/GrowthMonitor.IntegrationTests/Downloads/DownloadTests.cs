using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GrowthMonitor.Downloads;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.IntegrationTests.Targets;

namespace GrowthMonitor.IntegrationTests.Downloads;

/// <summary>
/// The spreadsheet and CSV downloads of the Horsens scenario (<see cref="HorsensScenario"/>), read back cell by cell:
/// figures are numbers, codes are text, words are Danish, the CSV is Danish Excel's unless a program asks for RFC 4180,
/// and every file comes with its name.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DownloadTests(ServersFixture servers)
{
    private const double Tolerance = 1e-9;

    /// <summary>UTF-8's byte order mark, which Danish Excel needs to read æ, ø and å in a CSV.</summary>
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>ERHV2 as the fake serves it was updated 2025-03-25 08:00 Danish time: serial day 45741 (from 1899-12-30) plus 8 hours.</summary>
    private const double TableUpdatedSerial = 45_741 + 8.0 / 24;

    [Fact]
    public async Task Report_Xlsx_FiguresAreNumbersAndWordsDanish()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/alliances/horsens/reports/2024?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workbook = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Mål", "Områder", "Forløb"], workbook.Keys);

        var targets = workbook["Mål"];
        Assert.Equal("Årsrapport 2024: Vækstalliancen Horsens", targets[0]["A"]);
        Assert.Equal("Kilde: Danmarks Statistik", targets[1]["A"]);
        var header = targets.RowStartingWith("Mål");
        var jobs = targets.RowStartingWith("500 flere job om året");
        object Cell(string name) => jobs[header.Single(h => Equals(h.Value, name)).Key];
        Assert.Equal("615 Horsens", Cell("Områder"));
        Assert.Equal("I risiko", Cell("Status"));
        Assert.Equal("2024", Cell("Periode"));
        Assert.Equal(41_900.0, Cell("Faktisk"));
        Assert.Equal(42_000.0, Cell("Forventet"));        // 41,000 + 2 years × 500
        Assert.Equal(41_000.0, Cell("Udgangspunkt"));
        Assert.Equal(-100.0, Cell("Afvigelse"));
        Assert.Equal(0.9, (double)Cell("Fremdrift"), Tolerance); // 900 / 1,000, shown as 90 %
        Assert.Equal(44_490.0, (double)Cell("Fremskrevet til slutår"), 1e-6); // 41,010 + 8 × 435 (least squares 2020–2024)
        Assert.Equal("2032", Cell("Målet nås"));
        Assert.Equal(450.0, Cell("Årets ændring"));      // 41,900 − 41,450
        Assert.Equal(500.0, Cell("Forventet ændring"));
        Assert.Equal("ERHV2", Cell("Kildetabel"));
        Assert.Equal(TableUpdatedSerial, (double)Cell("Tabel opdateret"), 1e-6);
        Assert.Equal("2024", Cell("Tabellens seneste periode"));
        Assert.Equal(83 + 7 / 24.0, (double)Cell("Dage fra periodens udgang til offentliggørelse"), 1e-9); // 2025-01-01 to 2025-03-25 07:00 UTC
        Assert.Equal(45_000.0, Cell("Mål i slutåret"));                                // 41,000 + 8 × 500
        Assert.Equal(3_100 / 6.0, (double)Cell("Nødvendig ændring pr. år"), 1e-9);       // from 41,900 in six years
        Assert.Equal("I risiko", targets.RowStartingWith("I risiko")["A"]);
        Assert.Equal(2.0, targets.RowStartingWith("I risiko")["B"]);

        var areas = workbook["Områder"].Where(r => Equals(r.GetValueOrDefault("A"), "500 flere job om året")).ToList();
        Assert.Equal(["615", "082", "000"], areas.Select(r => r["B"]));
        Assert.Equal(["Horsens", "Region Midtjylland", "Hele landet"], areas.Select(r => r["C"]));
        Assert.Equal(["Kommune", "Region", "Hele landet"], areas.Select(r => r["D"]));
        Assert.Equal([41_450.0, 606_000.0, 3_030_000.0], areas.Select(r => r["G"]));
        Assert.Equal([450.0, 3_000.0, 15_000.0], areas.Select(r => r["I"]));
        Assert.Equal(450.0 / 41_450, (double)areas[0]["J"], Tolerance); // a ratio, shown as 1,1 %
    }

    [Fact]
    public async Task Series_Xlsx_OneNumericRowPerPeriodWithAreaCodeAsText()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/indicators/jobs/series?area=082&from=2022&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync())["Tal"];
        Assert.Equal("Test jobs", sheet[0]["A"]);
        Assert.Equal("Kilde: Danmarks Statistik", sheet[1]["A"]);
        Assert.Equal("ERHV2", sheet.RowStartingWith("Tabel")["B"]);
        Assert.Equal(TableUpdatedSerial, (double)sheet.RowStartingWith("Tabel opdateret")["B"], 1e-6);
        var header = sheet.FindIndex(r => Equals(r.GetValueOrDefault("A"), "Områdekode"));
        Assert.Equal(["Områdekode", "Område", "Periode", "Værdi"], sheet[header].Values);
        Assert.Equal(
            [["082", "Region Midtjylland", "2022", 600_000.0], ["082", "Region Midtjylland", "2023", 606_000.0], ["082", "Region Midtjylland", "2024", 609_000.0]],
            sheet.Skip(header + 1).Select(r => r.Values.ToArray()));
    }

    [Fact]
    public async Task Report_Csv_OpensInColumnsInDanishExcelWithDecimalCommas()
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/alliances/horsens/reports/2024?format=csv");
        var file = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bom, file[..3]);
        var lines = Encoding.UTF8.GetString(file[3..]).Split("\r\n");
        Assert.Equal("", lines[^1]);
        var header = lines[0].Split(';');
        Assert.Equal(["alliance", "year", "target", "title"], header[..4]);
        var rows = Csv.Read(file).Skip(1).Select(line => line.Fields).ToList();
        Assert.All(rows, row => Assert.Equal(header.Length, row.Count));
        var jobs = rows.Single(row => row[Array.IndexOf(header, "target")] == "horsens-jobs");
        string Cell(string name) => jobs[Array.IndexOf(header, name)];
        Assert.Equal("41900", Cell("actual"));
        Assert.Equal("0,9", Cell("progress"));                // 900 / 1,000
        Assert.Equal("516,6667", Cell("pace_per_year"));      // 3,100 / 6 with four decimals
        Assert.Equal("-100", Cell("gap"));
        Assert.Equal("at_risk", Cell("status"));
    }

    /// <summary>
    /// Danish Excel's CSV by default: the byte order mark tells Excel it is UTF-8, ';' splits the columns, CRLF ends
    /// each line. A program asks for RFC 4180: commas, no byte order mark, as the CSV was before.
    /// </summary>
    [Theory]
    [InlineData("", true, "area;period;value\r\n615;2023;41450\r\n615;2024;41900\r\n")]
    [InlineData("&dialect=rfc4180", false, "area,period,value\r\n615,2023,41450\r\n615,2024,41900\r\n")]
    public async Task Series_FormatCsv_AttachmentInTheDialectAskedForEvenWithoutAcceptHeader(string dialect, bool byteOrderMark, string expected)
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync("/api/indicators/jobs/series?area=615&from=2023&format=csv" + dialect);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        AssertAttachment(response, "jobs-series.csv");
        Assert.Equal((byte[])[.. byteOrderMark ? Bom : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(expected)], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/alliances/horsens/reports/2024?format=csv", null, "text/csv", "horsens-2024.csv")]
    [InlineData("/api/alliances/horsens/reports/2024", "text/csv", "text/csv", "horsens-2024.csv")]
    [InlineData("/api/alliances/horsens/reports/2024", Xlsx, Xlsx, "horsens-2024.xlsx")]
    [InlineData("/api/indicators/jobs/series", "text/csv", "text/csv", "jobs-series.csv")]
    [InlineData("/api/indicators/jobs/series?format=XLSX", null, Xlsx, "jobs-series.xlsx")]
    public async Task Download_FormatOrAcceptHeader_AttachmentWithFileName(string url, string? accept, string mediaType, string fileName)
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertAttachment(response, fileName);
    }

    [Theory]
    [InlineData("/api/indicators/jobs/series?format=pdf", "format must be json, csv or xlsx.")]
    [InlineData("/api/alliances/horsens/reports/2024?format=pdf", "format must be json, csv, xlsx or html.")]
    [InlineData("/api/indicators/jobs/series?format=csv&dialect=excel", "dialect must be danish or rfc4180.")]
    [InlineData("/api/alliances/horsens/reports/2024?format=csv&dialect=semicolon", "dialect must be danish or rfc4180.")]
    public async Task UnknownFormat_BadRequestProblem(string url, string detail)
    {
        await using var harness = await HorsensScenario.StartAsync(servers);
        using var client = harness.Factory.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync());
    }

    private static void AssertAttachment(HttpResponseMessage response, string fileName)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal(fileName, disposition?.FileName?.Trim('"'));
    }
}
