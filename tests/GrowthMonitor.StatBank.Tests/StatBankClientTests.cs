using GrowthMonitor.StatBank.Tests.TestSupport;
using static GrowthMonitor.TestSupport.StatBankFake;

namespace GrowthMonitor.StatBank.Tests;

public sealed class StatBankClientTests : IDisposable
{
    private readonly StatBankUnderTest statBank = new(options => options.Language = "en");

    [Fact]
    public async Task GetTablesAsync_Filters_AreSentAsStatBankQueryParameters()
    {
        statBank.Fake.Server.Given(Get("tables")
                .WithParam("format", "JSON")
                .WithParam("lang", "en")
                .WithParam("pastdays", "7")
                .WithParam("subjects", "2,3")
                .WithParam("includeInactive", "True"))
            .RespondWith(Answer("[]", Json));

        var tables = await statBank.Client.GetTablesAsync(pastDays: 7, subjects: ["2", "3"], includeInactive: true);

        Assert.Empty(tables);
    }

    [Fact]
    public async Task ReadDataAsync_RequestWithoutLanguage_UsesTheConfiguredLanguage()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer("OMRÅDE;TID;INDHOLD\r\n615;2023;1\r\n", Csv));

        await statBank.Client.ReadDataAsync(new DataRequest("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])])).ToListAsync();
        await statBank.Client.ReadDataAsync(new DataRequest("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])]) { Language = "da" }).ToListAsync();

        Assert.Equal(["en", "da"], statBank.Fake.DataRequestBodies.Select(request => (string?)request["lang"]));
    }

    public void Dispose() => statBank.Dispose();
}
