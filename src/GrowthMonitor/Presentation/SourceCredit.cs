using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The source line every use of the figures carries: Statistics Denmark's terms (CC BY 4.0) ask for it, figures entered
/// by hand must not be passed off as official statistics, and the demo's invented figures must not be passed off as
/// either. One instance serves the service, chosen once at start from <c>Demo:Enabled</c> (<see cref="Real"/> or
/// <see cref="Demo"/>); every page, download and message asks it.
/// </summary>
public sealed class SourceCredit
{
    /// <summary>Statistics Denmark as a Danish sentence names it, e.g. "hente nye tal fra Danmarks Statistik".</summary>
    public const string StatBankName = "Danmarks Statistik";

    public const string StatBank = "Kilde: " + StatBankName;

    public const string Manual = "Kilde: egne tal, indtastet i GrowthMonitor";

    public const string Both = "Kilde: " + StatBankName + " og egne tal, indtastet i GrowthMonitor";

    /// <summary>What the demo says instead of a source: none of its figures are real.</summary>
    public const string DemoData = "Demodata – ikke rigtige tal";

    /// <summary>The credit of a service on real figures: Statistics Denmark's, the alliance's own, or both.</summary>
    public static readonly SourceCredit Real = new(demo: false);

    /// <summary>The credit of the demo (<c>Demo:Enabled</c>): <see cref="DemoData"/> whatever the indicators' sources.</summary>
    public static readonly SourceCredit Demo = new(demo: true);

    private SourceCredit(bool demo) => IsDemo = demo;

    /// <summary>The demo's: no figure is shown with a source, nor with a table of Statistics Denmark's as its origin.</summary>
    public bool IsDemo { get; }

    /// <summary>The credit for figures from indicators of these sources (<c>statbank</c> or <c>manual</c>).</summary>
    public string Of(IEnumerable<string> indicatorSources) => IsDemo ? DemoData : Pick(indicatorSources, StatBank, Manual, Both);

    /// <summary>The same in a sentence: "opgjort på tal fra Danmarks Statistik".</summary>
    public string InText(IEnumerable<string> indicatorSources) => IsDemo ? DemoData.ToLowerInvariant() : Pick(
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
