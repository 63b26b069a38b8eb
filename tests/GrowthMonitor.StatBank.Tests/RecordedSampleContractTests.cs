using System.Net;
using GrowthMonitor.StatBank.Tests.TestSupport;
using static GrowthMonitor.TestSupport.StatBankFake;

namespace GrowthMonitor.StatBank.Tests;

/// <summary>
/// Replays real Statistics Denmark responses (../shared/statbank/samples) byte for byte, with the recorded content
/// types, through the client an application resolves.
/// </summary>
public sealed class RecordedSampleContractTests : IDisposable
{
    private readonly StatBankUnderTest statBank = new();

    [RecordedSamplesFact]
    public async Task GetTableInfoAsync_RecordedStraf42_ReadsVariablesAndWinterTimeUpdate()
    {
        statBank.Fake.Server.Given(Get("tableinfo").WithParam("id", "STRAF42").WithParam("lang", "da").WithParam("format", "JSON"))
            .RespondWith(Answer(RecordedSamples.Read("tableinfo_STRAF42_da.json"), Json));

        var table = await statBank.Client.GetTableInfoAsync("STRAF42");

        Assert.Equal("STRAF42", table.Id);
        Assert.Equal(["HERKOMST1", "OVERTRÆD", "AFGØRELSE", "ALDER", "KØN", "Tid"], table.Variables.Select(variable => variable.Id));
        Assert.Equal("Tid", table.TimeVariable?.Id);
        Assert.Equal(30, table.TimeVariable?.Values.Count);
        Assert.Equal(new DateTimeOffset(2025, 3, 25, 8, 0, 0, TimeSpan.FromHours(1)), table.Updated);
        Assert.Equal(TimeSpan.FromHours(1), table.Updated.Offset);
        Assert.True(table.Footnote?.Mandatory);
        Assert.NotNull(table.Documentation);
    }

    [RecordedSamplesFact]
    public async Task GetTableInfoAsync_RecordedDnkap_ReadsNullDocumentationAndNonAsciiIds()
    {
        statBank.Fake.Server.Given(Get("tableinfo").WithParam("id", "DNKAP"))
            .RespondWith(Answer(RecordedSamples.Read("tableinfo_DNKAP_da.json"), Json));

        var table = await statBank.Client.GetTableInfoAsync("DNKAP");

        Assert.Contains(table.Variables, variable => variable.Id == "LØBETID1");
        Assert.Equal(63, table.TimeVariable?.Values.Count);
        Assert.Equal("2005K1", table.TimeVariable?.Values[0].Id);
        Assert.Null(table.Documentation);
        Assert.Null(table.Footnote);
        Assert.Equal(new DateTimeOffset(2020, 12, 23, 8, 0, 0, TimeSpan.FromHours(1)), table.Updated);
    }

    [RecordedSamplesFact]
    public async Task GetTablesAsync_RecordedAllTablesDa_ReadsEveryTableWithSummerTimeUpdate()
    {
        statBank.Fake.Server.Given(Get("tables").WithParam("lang", "da").WithParam("format", "JSON"))
            .RespondWith(Answer(RecordedSamples.Read("tables_all_da.json"), Json));

        var tables = await statBank.Client.GetTablesAsync();

        Assert.Equal(2234, tables.Count);
        var population = Assert.Single(tables, table => table.Id == "FOLK1A");
        Assert.Equal("2008K1", population.FirstPeriod);
        Assert.Equal(["område", "køn", "alder", "civilstand", "tid"], population.Variables);
        Assert.Equal(new DateTimeOffset(2025, 8, 11, 8, 0, 0, TimeSpan.FromHours(2)), population.Updated);
    }

    [RecordedSamplesFact]
    public async Task GetSubjectsAsync_RecordedSubjects_ReadsTopLevelAndRecursiveTrees()
    {
        statBank.Fake.Server.Given(Get("subjects").WithParam("lang", "da"))
            .RespondWith(Answer(RecordedSamples.Read("subjects_da.json"), Json));
        using var english = new StatBankUnderTest(options => options.Language = "en");
        english.Fake.Server.Given(Get("subjects").WithParam("lang", "en").WithParam("recursive", "True"))
            .RespondWith(Answer(RecordedSamples.Read("subjects_recursive_en.json"), Json));

        var subjects = await statBank.Client.GetSubjectsAsync();
        var tree = await english.Client.GetSubjectsAsync(recursive: true);

        Assert.Equal(10, subjects.Count);
        Assert.Equal(("1", "Borgere"), (subjects[0].Id, subjects[0].Description));
        Assert.Equal("Population", tree[0].Subjects[0].Description);
        Assert.NotEmpty(tree[0].Subjects[0].Subjects);
    }

    [RecordedSamplesFact]
    public async Task ReadDataAsync_RecordedStraf42Csv_StreamsTheOneRow()
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer(RecordedSamples.Read("data_STRAF42_en.csv"), Csv)
            .WithHeader("Content-Disposition", "attachment; filename=STRAF42.csv"));

        var rows = await statBank.Client.ReadDataAsync(new DataRequest("STRAF42", [new("HERKOMST1", ["00"]), new("TID", ["2023"])], DataFormat.Csv))
            .ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal(["HERKOMST1", "TID"], row.Header.Variables);
        Assert.Equal("2023", row["Tid"]);
        Assert.Equal(233454m, row.Value);
    }

    [RecordedSamplesTheory]
    [InlineData("error_EXTRACT-NOTFOUND_table_da_reconstructed.json", typeof(StatBankNotFoundException), "EXTRACT-NOTFOUND")]
    [InlineData("error_REQUEST-LIMIT_da.json", typeof(StatBankRequestLimitException), "REQUEST-LIMIT")]
    [InlineData("error_REQUEST-LIMIT_en_reconstructed.json", typeof(StatBankRequestLimitException), "REQUEST-LIMIT")]
    [InlineData("error_REQUEST-MISSING_da_reconstructed.json", typeof(StatBankException), "REQUEST-MISSING")]
    public async Task ReadDataAsync_RecordedErrorBody_ThrowsTheMatchingException(string sample, Type exceptionType, string errorTypeCode)
    {
        statBank.Fake.Server.Given(PostData()).RespondWith(Answer(RecordedSamples.Read(sample), Json, HttpStatusCode.BadRequest));
        var request = new DataRequest("INVALID123", [new("OMRÅDE", ["*"]), new("Tid", ["2024"])]);

        var error = await Assert.ThrowsAsync(exceptionType, () => statBank.Client.ReadDataAsync(request).ToListAsync().AsTask());

        var statBankError = Assert.IsAssignableFrom<StatBankException>(error);
        Assert.Equal(errorTypeCode, statBankError.ErrorTypeCode);
        Assert.Equal("INVALID123", statBankError.Request.TableId);
        Assert.Contains("INVALID123", statBankError.Message, StringComparison.Ordinal);
        Assert.Equal(1, statBank.Fake.DataRequests);
    }

    [RecordedSamplesFact]
    public async Task GetTableInfoAsync_RecordedNotFound_SaysTheTableDoesNotExist()
    {
        statBank.Fake.Server.Given(Get("tableinfo"))
            .RespondWith(Answer(RecordedSamples.Read("error_EXTRACT-NOTFOUND_table_da_reconstructed.json"), Json, HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<StatBankNotFoundException>(() => statBank.Client.GetTableInfoAsync("INVALID123"));

        Assert.StartsWith("Table 'INVALID123' does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Equal("Tabel findes ikke: INVALID123", error.ServerMessage);
        Assert.Equal(1, statBank.Fake.TableInfoRequests);
    }

    public void Dispose() => statBank.Dispose();
}
