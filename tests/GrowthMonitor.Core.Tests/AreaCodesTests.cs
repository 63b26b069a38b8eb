namespace GrowthMonitor.Core.Tests;

public sealed class AreaCodesTests
{
    [Theory]
    [InlineData("000", AreaLevel.Country)]
    [InlineData("081", AreaLevel.Region)]
    [InlineData("085", AreaLevel.Region)]
    [InlineData("101", AreaLevel.Municipality)]
    [InlineData("657", AreaLevel.Municipality)]
    [InlineData("860", AreaLevel.Municipality)]
    [InlineData("950", AreaLevel.Unknown)]
    [InlineData("998", AreaLevel.Unknown)]
    [InlineData("1", AreaLevel.Province)]
    [InlineData("11", AreaLevel.Province)]
    [InlineData("080", AreaLevel.Unknown)]
    [InlineData("086", AreaLevel.Unknown)]
    [InlineData("100", AreaLevel.Unknown)]
    [InlineData("0000", AreaLevel.Unknown)]
    [InlineData("", AreaLevel.Unknown)]
    [InlineData("A1", AreaLevel.Unknown)]
    [InlineData(" 657", AreaLevel.Unknown)]
    [InlineData("６５７", AreaLevel.Unknown)]
    public void LevelOf_Code_Level(string code, AreaLevel expected) => Assert.Equal(expected, AreaCodes.LevelOf(code));

    [Theory]
    // Business Region MidtVest: seven municipalities.
    [InlineData(false, "657", "661", "756", "665", "760", "779", "671")]
    [InlineData(false, "081", "082")]
    [InlineData(false, "1", "11")]
    [InlineData(false, "000")]
    [InlineData(false)]
    [InlineData(true, "000", "657")]
    [InlineData(true, "082", "657", "661")]
    [InlineData(true, "11", "101")]
    [InlineData(true, "657", "abc")]
    public void MixesLevels_Codes_TrueOnlyAcrossLevels(bool expected, params string[] codes) =>
        Assert.Equal(expected, AreaCodes.MixesLevels(codes));
}
