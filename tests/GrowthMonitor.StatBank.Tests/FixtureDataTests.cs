using System.Net;
using GrowthMonitor.StatBank.Tests.TestSupport;
using static GrowthMonitor.TestSupport.StatBankFake;

namespace GrowthMonitor.StatBank.Tests;

/// <summary>The project's own synthetic wire-format bodies (Fixtures/) through the client an application resolves.</summary>
public sealed class FixtureDataTests : IDisposable
{
    private readonly StatBankUnderTest statBank = new();

    [Fact]
    public async Task ReadDataAsync_MunicipalBulkBody_YieldsEveryAreaAndYearWithMissingAsNull()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer(Fixtures.Read("data_ERHV2_bulk_synthetic.csv"), Csv));
        var request = new DataRequest("ERHV2", [new("OMRÅDE", ["615", "657", "766"]), new("BRANCHE07", ["TOT"]), new("Tid", ["2021", "2022", "2023"])]);

        var rows = await statBank.Client.ReadDataAsync(request).ToListAsync();

        Assert.Equal(9, rows.Count);
        Assert.Equal(["OMRÅDE", "BRANCHE07", "TID"], rows[0].Header.Variables);
        Assert.Equal(
            ["615", "657", "766"],
            rows.Select(row => row["OMRÅDE"]).Distinct());
        Assert.Equal(44890m, rows.Single(row => row["OMRÅDE"] == "615" && row["Tid"] == "2023").Value);
        Assert.Null(rows.Single(row => row["OMRÅDE"] == "657" && row["Tid"] == "2022").Value);
    }

    [Fact]
    public async Task ReadDataAsync_DanishCsvBody_ReadsDecimalCommasAndBothMissingMarkers()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer(Fixtures.Read("data_AULK01_csv_da_synthetic.csv"), Csv));
        var request = new DataRequest("AULK01", [new("OMRÅDE", ["615", "657", "766"]), new("Tid", ["2024K1", "2024K2", "2024K3"])], DataFormat.Csv);

        var rows = await statBank.Client.ReadDataAsync(request).ToListAsync();

        Assert.Equal(9, rows.Count);
        Assert.Equal([3.1m, 2.9m, 2.8m, 2.6m, 2.5m, null, 2.2m, null, 2.05m], rows.Select(row => row.Value));
        Assert.Equal("2024K3", rows[^1]["TID"]);
    }

    [Fact]
    public async Task ReadDataAsync_AnyRequest_SendsTheStatBankJsonBody()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer(Fixtures.Read("data_ERHV2_bulk_synthetic.csv"), Csv));
        var request = new DataRequest("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])]);

        await statBank.Client.ReadDataAsync(request).ToListAsync();

        Assert.Equal(
            """{"table":"ERHV2","format":"BULK","lang":"da","valuePresentation":"Code","timeOrder":"Ascending","variables":[{"code":"OMRÅDE","values":["615"]},{"code":"Tid","values":["2023"]}]}""",
            statBank.Fake.DataRequestBodies.Single().ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task ReadDataAsync_UnknownValue_NamesTheValueAndVariableAndIsRequestedOnce()
    {
        statBank.Fake.Server.Given(PostData())
            .RespondWith(Answer(Fixtures.Read("error_EXTRACT-NOTFOUND_value_synthetic.json"), Json, HttpStatusCode.BadRequest));
        var request = new DataRequest("ERHV2", [new("OMRÅDE", ["615", "999"]), new("BRANCHE07", ["TOT"]), new("Tid", ["2023"])]);

        var error = await Assert.ThrowsAsync<StatBankNotFoundException>(() => statBank.Client.ReadDataAsync(request).ToListAsync().AsTask());

        Assert.StartsWith("Value '999' of variable 'OMRÅDE' does not exist in table 'ERHV2'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("OMRÅDE=615,999; BRANCHE07=TOT; Tid=2023", error.Message, StringComparison.Ordinal);
        Assert.False(StatBankTransientErrors.IsBrokenBody(error));
        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    public void Dispose() => statBank.Dispose();
}
