namespace GrowthMonitor.Core.Tests;

public sealed class DanishAreasTests
{
    [Fact]
    public void All_CountsCountryRegionsAndMunicipalities()
    {
        // 98 municipalities, Christiansø (its own code in Statistics Denmark's lists), 5 regions and Denmark.
        Assert.Equal(98 + 1, DanishAreas.All.Count(a => a.Level == AreaLevel.Municipality));
        Assert.Equal(5, DanishAreas.All.Count(a => a.Level == AreaLevel.Region));
        Assert.Single(DanishAreas.All, a => a.Level == AreaLevel.Country);
    }

    [Theory]
    [InlineData("615", "Horsens", "082")]
    [InlineData("766", "Hedensted", "082")]
    [InlineData("657", "Herning", "082")]
    [InlineData("851", "Aalborg", "081")]
    [InlineData("101", "København", "084")]
    [InlineData("461", "Odense", "083")]
    [InlineData("370", "Næstved", "085")]
    public void Find_Municipality_NameAndRegion(string code, string name, string region)
    {
        var area = DanishAreas.Find(code)!;

        Assert.Equal((name, region), (area.Name, area.RegionCode));
    }

    [Fact]
    public void All_LevelsAgreeWithAreaCodes()
    {
        Assert.All(DanishAreas.All, a => Assert.Equal(AreaCodes.LevelOf(a.Code), a.Level));
    }

    [Fact]
    public void NameOf_UnknownCode_IsTheCode()
    {
        Assert.Equal("950", DanishAreas.NameOf("950"));
    }
}
