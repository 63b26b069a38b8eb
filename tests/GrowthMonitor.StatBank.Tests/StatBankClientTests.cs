using GrowthMonitor.StatBank.Tests.TestSupport;
using static GrowthMonitor.StatBank.Tests.TestSupport.StatBankServer;

namespace GrowthMonitor.StatBank.Tests;

public sealed class StatBankClientTests : IDisposable
{
    private readonly StatBankServer server = new(options => options.Language = "en");

    [Fact]
    public async Task GetTablesAsync_Filters_AreSentAsStatBankQueryParameters()
    {
        server.Mock.Given(Get("tables")
                .WithParam("format", "JSON")
                .WithParam("lang", "en")
                .WithParam("pastdays", "7")
                .WithParam("subjects", "2,3")
                .WithParam("includeInactive", "True"))
            .RespondWith(Answer("[]", Json));

        var tables = await server.Client.GetTablesAsync(pastDays: 7, subjects: ["2", "3"], includeInactive: true);

        Assert.Empty(tables);
    }

    [Fact]
    public async Task ReadDataAsync_RequestWithoutLanguage_UsesTheConfiguredLanguage()
    {
        server.Mock.Given(PostData()).RespondWith(Answer("OMRÅDE;TID;INDHOLD\r\n615;2023;1\r\n", Csv));

        await server.Client.ReadDataAsync(new DataRequest("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])])).ToListAsync();
        await server.Client.ReadDataAsync(new DataRequest("ERHV2", [new("OMRÅDE", ["615"]), new("Tid", ["2023"])]) { Language = "da" }).ToListAsync();

        Assert.Equal(["en", "da"], server.DataRequests().Select(request => (string?)request["lang"]));
    }

    public void Dispose() => server.Dispose();
}
