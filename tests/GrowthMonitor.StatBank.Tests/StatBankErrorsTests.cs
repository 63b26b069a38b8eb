namespace GrowthMonitor.StatBank.Tests;

public class StatBankErrorsTests
{
    private static readonly StatBankRequestContext JobsRequest =
        new("data", "ERHV2", [new("OMRÅDE", ["615", "657"]), new("BRANCHE07", ["TOT"]), new("Tid", ["2022", "2023"])]);

    [Fact]
    public void FromBody_NotFoundNamingAVariable_SaysWhichVariable()
    {
        var error = StatBankErrors.FromBody("""{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Variablen BRANCHE07 findes ikke"}""", JobsRequest);

        Assert.IsType<StatBankNotFoundException>(error);
        Assert.StartsWith("Variable 'BRANCHE07' does not exist in table 'ERHV2'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_NotFoundNamingNothingRequested_ListsTheTableAndEveryVariable()
    {
        var error = StatBankErrors.FromBody("""{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Ukendt fejl"}""", JobsRequest);

        Assert.StartsWith("Table 'ERHV2' or one of the requested variable or value codes does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Contains("variables OMRÅDE=615,657; BRANCHE07=TOT; Tid=2022,2023", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBody_ManyValues_ShowsTheFirstFiveAndTheCount()
    {
        var request = new StatBankRequestContext("data", "FOLK1A", [new("Tid", [.. Enumerable.Range(2010, 12).Select(year => $"{year}")])]);

        var error = StatBankErrors.FromBody("""{"errorTypeCode":"REQUEST-LIMIT","message":"For mange celler"}""", request);

        Assert.IsType<StatBankRequestLimitException>(error);
        Assert.Equal("For mange celler (data request for table FOLK1A; variables Tid=2010,2011,2012,2013,2014,… (12 values))", error.Message);
    }

    [Fact]
    public void FromBody_UnknownErrorType_IsABaseExceptionWithTheCode()
    {
        var error = StatBankErrors.FromBody("""{"errorTypeCode":"REQUEST-MISSING","message":"Der er ikke angivet nogen tabel-id."}""", JobsRequest);

        Assert.IsType<StatBankException>(error);
        Assert.Equal("REQUEST-MISSING", error.ErrorTypeCode);
        Assert.Equal("Der er ikke angivet nogen tabel-id.", error.ServerMessage);
    }

    [Theory]
    [InlineData("<html><body>Bad Request</body></html>")]
    [InlineData("""{"unexpected":true}""")]
    [InlineData("")]
    public void FromBody_NotAnErrorObject_KeepsTheRawText(string body)
    {
        var error = StatBankErrors.FromBody(body, JobsRequest);

        Assert.IsType<StatBankException>(error);
        Assert.Null(error.ErrorTypeCode);
        Assert.Equal(body, error.ServerMessage);
    }

    [Fact]
    public void FromBody_LongUnexpectedBody_IsTruncated()
    {
        var error = StatBankErrors.FromBody(new string('x', 10_000), JobsRequest);

        Assert.Equal(new string('x', 300) + "…", error.ServerMessage);
        Assert.True(error.Message.Length < 600);
    }
}
