using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The source line every use of the figures carries: Statistics Denmark's terms (CC BY 4.0) ask for it, and figures
/// entered by hand must not be passed off as official statistics.
/// </summary>
public static class SourceCredit
{
    /// <summary>Statistics Denmark as a Danish sentence names it, e.g. "hente nye tal fra Danmarks Statistik".</summary>
    public const string StatBankName = "Danmarks Statistik";

    public const string StatBank = "Kilde: " + StatBankName;

    public const string Manual = "Kilde: egne tal, indtastet i GrowthMonitor";

    public const string Both = "Kilde: " + StatBankName + " og egne tal, indtastet i GrowthMonitor";

    /// <summary>The credit for figures from indicators of these sources (<c>statbank</c> or <c>manual</c>).</summary>
    public static string Of(IEnumerable<string> indicatorSources) => Pick(indicatorSources, StatBank, Manual, Both);

    /// <summary>The same in a sentence: "opgjort på tal fra Danmarks Statistik".</summary>
    public static string InText(IEnumerable<string> indicatorSources) => Pick(
        indicatorSources,
        "tal fra " + StatBankName,
        "tal, som alliancen selv har indtastet",
        "tal fra " + StatBankName + " og tal, som alliancen selv har indtastet");

    private static string Pick(IEnumerable<string> indicatorSources, string statBank, string manual, string both)
    {
        var sources = indicatorSources.Distinct().ToList();
        return sources.Contains(IndicatorSources.Manual)
            ? sources.Count == 1 ? manual : both
            : statBank;
    }
}
