using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using GrowthMonitor.Downloads;
using GrowthMonitor.IntegrationTests.Access;
using GrowthMonitor.IntegrationTests.Downloads;
using GrowthMonitor.IntegrationTests.Infrastructure;
using GrowthMonitor.ManualFigures;
using Npgsql;

namespace GrowthMonitor.IntegrationTests.ManualFigures;

/// <summary>
/// <c>/indikatorer/{id}/upload</c> as a browser without JavaScript uses it, on real servers: a workbook saved the way
/// Danish Excel saves it (numbers as numeric cells, one typed as the text "1.234,5") and a semicolon CSV with decimal
/// commas are previewed row by row, written only when confirmed, in the person's name; a bad row stops everything; the
/// template downloads and reads back; a person outside the indicator's targets is refused. One service for the class;
/// each test uses its own indicator or area so the figures of one do not meet another's.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class UploadPageTests(PagesFixture service) : IClassFixture<PagesFixture>
{
    private static readonly string NetworkPage = "/indikatorer/" + PagesFixture.Network + "/upload";

    [Fact]
    public async Task Upload_DanishExcelWorkbookWithOneBadRow_PreviewNamesTheReasonAndNothingIsStored_ThenFixedConfirmedStoredInThePersonsName()
    {
        using var anders = await service.SignInAsync(PagesFixture.ContributorA);
        Assert.Equal(HttpStatusCode.OK, (await anders.GetAsync(NetworkPage)).StatusCode);

        // 2026 lies after 2025, the current year on the service's clock.
        var bad = await anders.PostFileAsync(NetworkPage, UploadPage.FileField, "tal.xlsx", Workbook(("766", 2023, 118), ("766", 2024, "1.234,5"), ("766", 2026, 5)));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<tr id=\"raekke-4\">", anders.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>Fejl:</strong> Tal for 2026 kan først indtastes, når perioden er begyndt.", anders.Html, StringComparison.Ordinal);
        Assert.Contains("2 nye tal, 0 ændrede tal, 0 uændrede tal, 1 række med fejl", anders.Html, StringComparison.Ordinal);
        Assert.Contains("Intet er gemt.", anders.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<button type=\"submit\">Gem tallene</button>", anders.Html, StringComparison.Ordinal);
        Assert.Empty(await HedenstedAuditAsync());
        Assert.Equal(0, await PendingUploadsAsync());

        var previewed = await anders.PostFileAsync(NetworkPage, UploadPage.FileField, "tal.xlsx", Workbook(("766", 2023, 118), ("766", 2024, "1.234,5")));
        Assert.Equal(HttpStatusCode.SeeOther, previewed.StatusCode);
        Assert.Empty(await HedenstedAuditAsync());
        Assert.Equal(HttpStatusCode.OK, (await anders.GetAsync(previewed.Headers.Location!.OriginalString)).StatusCode);
        Assert.Contains("2 nye tal, 0 ændrede tal, 0 uændrede tal, 0 rækker med fejl", anders.Html, StringComparison.Ordinal);
        Assert.Contains("1.234,5", anders.Html, StringComparison.Ordinal);

        var uploadId = new Uri(new Uri("http://x"), previewed.Headers.Location!).Query.Split('=')[1].Split('#')[0];
        var confirmed = await anders.PostFormAsync(NetworkPage + "/bekraeft", (UploadPage.UploadField, Uri.UnescapeDataString(uploadId)));

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(NetworkPage + "?gemt=2&uaendret=0", confirmed.Headers.Location!.OriginalString);
        var audit = await HedenstedAuditAsync();
        Assert.Equal([("766", "2023", 118d, "Anders Holm <anders.holm@hedensted.example>"), ("766", "2024", 1234.5, "Anders Holm <anders.holm@hedensted.example>")],
            audit.Select(c => ((string)c["area"]!, (string)c["period"]!, (double)c["new"]!, (string)c["operator"]!)).Order());
        Assert.Equal(0, await PendingUploadsAsync());

        // Pressing the button again finds nothing to confirm, and writes nothing twice.
        await anders.GetAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("2 tal er gemt i dit navn", anders.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anders.PostFormAsync(NetworkPage + "/bekraeft", (UploadPage.UploadField, Uri.UnescapeDataString(uploadId)))).StatusCode);
        Assert.Equal(2, (await HedenstedAuditAsync()).Count);

        // The next upload is compared with what is stored now: 118 → 120 changes, 1.234,5 stays.
        Assert.Equal(HttpStatusCode.SeeOther, (await anders.PostFileAsync(NetworkPage, UploadPage.FileField, "tal.xlsx", Workbook(("766", 2023, 120), ("766", 2024, 1234.5)))).StatusCode);
        await anders.GetAsync(anders.LastLocation!);
        Assert.Contains("0 nye tal, 1 ændret tal, 1 uændret tal, 0 rækker med fejl", anders.Html, StringComparison.Ordinal);
        Assert.Contains("Ændres fra 118 til 120", anders.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SemicolonCsvWithDecimalCommas_PreviewThenConfirmStoresTheValues()
    {
        using var yvonne = await service.SignInAsync(PagesFixture.HorsensContributor);
        await yvonne.GetAsync(NetworkPage);
        var csv = Encoding.UTF8.GetBytes("\uFEFFområde;periode;værdi\r\n615;2022;12,5\r\n615;2023;1.001,25\r\n");

        var previewed = await yvonne.PostFileAsync(NetworkPage, UploadPage.FileField, "tal.csv", csv);
        Assert.Equal(HttpStatusCode.SeeOther, previewed.StatusCode);
        await yvonne.GetAsync(yvonne.LastLocation!);
        Assert.Contains("2 nye tal", yvonne.Html, StringComparison.Ordinal);
        var confirmed = await yvonne.PostFormAsync(NetworkPage + "/bekraeft", (UploadPage.UploadField, UploadIdIn(yvonne.Html)));

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        var stored = (await AuditAsync(PagesFixture.Network)).Where(c => (string)c["area"]! == "615").Select(c => ((string)c["period"]!, (double)c["new"]!)).Order();
        Assert.Equal([("2022", 12.5), ("2023", 1001.25)], stored);
    }

    [Fact]
    public async Task Template_XlsxAndCsv_ListTheAreasAndPeriodsThePersonMayEnter_AndReadBack()
    {
        using var bente = await service.SignInAsync(PagesFixture.ContributorB);
        var page = "/indikatorer/" + PagesFixture.Apprentices + "/upload";
        await bente.GetAsync(page);

        var xlsx = await bente.GetBytesAsync(page + "/skabelon.xlsx");
        var rows = XlsxReader.Read(xlsx)["Tal"];
        // Her one area, 766, and the periods from the start of last year to the current one: 2024 and 2025, no figures yet.
        Assert.Equal(["område", "periode", "værdi", "forklaring"], rows[0].Values.Select(v => (string)v));
        Assert.Equal([("766", "2024", "Hedensted, 2024"), ("766", "2025", "Hedensted, 2025")],
            rows.Skip(1).Select(r => ((string)r["A"], (string)r["B"], (string)r["D"])));

        // Uploaded as it is, every row is blank: nothing to enter.
        Assert.Equal(HttpStatusCode.BadRequest, (await bente.PostFileAsync(page, UploadPage.FileField, "skabelon.xlsx", xlsx)).StatusCode);
        Assert.Contains("The upload holds no figures.", bente.Html, StringComparison.Ordinal);

        var csv = Encoding.UTF8.GetString(await bente.GetBytesAsync(page + "/skabelon.csv"));
        Assert.Equal("\uFEFFområde;periode;værdi;forklaring\r\n766;2024;;Hedensted, 2024\r\n766;2025;;Hedensted, 2025\r\n", csv);
        var filled = Encoding.UTF8.GetBytes(csv.Replace("766;2024;;", "766;2024;7,5;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.SeeOther, (await bente.PostFileAsync(page, UploadPage.FileField, "skabelon.csv", filled)).StatusCode);
        await bente.GetAsync(bente.LastLocation!);
        Assert.Contains("1 nyt tal, 0 ændrede tal, 0 uændrede tal, 0 rækker med fejl", bente.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, (await bente.PostFormAsync(page + "/bekraeft", (UploadPage.UploadField, UploadIdIn(bente.Html)))).StatusCode);
        Assert.Equal([("2024", 7.5)], (await AuditAsync(PagesFixture.Apprentices)).Select(c => ((string)c["period"]!, (double)c["new"]!)));
    }

    [Fact]
    public async Task Upload_MemberOfAnotherAllianceOrFocusArea_Refused403AndNothingStored()
    {
        using var yvonne = await service.SignInAsync(PagesFixture.HorsensContributor);
        await yvonne.GetAsync(NetworkPage);

        // Horsens may enter 615 of the network indicator, not Hedensted's 766.
        var refused = await yvonne.PostFileAsync(NetworkPage, UploadPage.FileField, "tal.csv", Encoding.UTF8.GetBytes("area;period;value\r\n766;2021;40\r\n"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Du må ikke indtaste tal for Hedensted", yvonne.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(await AuditAsync(PagesFixture.Network), c => (string)c["period"]! == "2021");
        Assert.Equal(HttpStatusCode.Forbidden, (await yvonne.GetAsync("/indikatorer/" + PagesFixture.Apprentices + "/upload")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await yvonne.GetAsync("/indikatorer/" + PagesFixture.Apprentices + "/upload/skabelon.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Page_AnonymousUnknownOrFetched_RedirectedToSignInOr404()
    {
        using var anonymous = service.Anonymous();
        var redirected = await anonymous.GetAsync(NetworkPage);
        using var anders = await service.SignInAsync(PagesFixture.ContributorA);

        Assert.Equal((HttpStatusCode.SeeOther, "/log-ind"), (redirected.StatusCode, redirected.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.NotFound, (await anders.GetAsync("/indikatorer/ukendt/upload")).StatusCode);
        Assert.Contains("Siden findes ikke", anders.Html, StringComparison.Ordinal);
    }

    /// <summary>A workbook as Danish Excel saves one typed by hand: the codes and most figures as numeric cells, one figure as text.</summary>
    private static byte[] Workbook(params (string Area, int Year, object Value)[] rows)
    {
        var workbook = new XlsxWorkbook();
        var sheet = workbook.AddSheet("Ark1", 10, 10, 10).Header("area", "period", "value");
        foreach (var (area, year, value) in rows)
        {
            sheet.Row(XlsxCell.Of(double.Parse(area, System.Globalization.CultureInfo.InvariantCulture)), XlsxCell.Of(year), value is string text ? XlsxCell.Of(text) : XlsxCell.Of(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return workbook.ToBytes();
    }

    private static string UploadIdIn(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, $"""name="{UploadPage.UploadField}" value="([^"]+)" """).Groups[1].Value);

    private async Task<List<JsonNode>> AuditAsync(string indicator) =>
        [.. (await service.Operator.GetFromJsonAsync<JsonArray>($"/api/indicators/{indicator}/values/audit"))!.Select(c => c!)];

    /// <summary>The network indicator's audit for Hedensted (766); Horsens's test enters 615.</summary>
    private async Task<List<JsonNode>> HedenstedAuditAsync() => [.. (await AuditAsync(PagesFixture.Network)).Where(c => (string)c["area"]! == "766")];

    private async Task<long> PendingUploadsAsync()
    {
        await using var connection = new NpgsqlConnection(service.Harness.Database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM growthmonitor.pending_uploads WHERE indicator = @indicator", connection);
        count.Parameters.AddWithValue("indicator", PagesFixture.Network);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
