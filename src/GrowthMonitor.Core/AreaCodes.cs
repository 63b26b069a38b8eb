namespace GrowthMonitor.Core;

public enum AreaLevel
{
    Country,
    Region,
    Province,
    Municipality,
    Unknown,
}

/// <summary>Geography levels of Statistics Denmark area codes, whose value lists mix levels.</summary>
public static class AreaCodes
{
    /// <summary>
    /// 000 is Denmark, 081–085 the regions, 101–899 the municipalities (101 København … 860 Hjørring), and one- or
    /// two-digit codes the provinces (landsdele). Anything else is Unknown, including 001–080, 086–100 and the
    /// pseudo-areas from 900 up (950 outside Denmark, 997 abroad, 998 municipality not stated).
    /// </summary>
    public static AreaLevel LevelOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is < 1 or > 3 || !code.All(char.IsAsciiDigit))
        {
            return AreaLevel.Unknown;
        }

        if (code.Length < 3)
        {
            return AreaLevel.Province;
        }

        return int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) switch
        {
            0 => AreaLevel.Country,
            >= 81 and <= 85 => AreaLevel.Region,
            >= 101 and <= 899 => AreaLevel.Municipality,
            _ => AreaLevel.Unknown,
        };
    }

    /// <summary>
    /// Whether the codes span more than one level (Unknown counts as a level of its own). A target summed over such
    /// a set would count people twice, e.g. a region and its municipalities.
    /// </summary>
    public static bool MixesLevels(IEnumerable<string> codes) => codes.Select(LevelOf).Distinct().Skip(1).Any();
}
