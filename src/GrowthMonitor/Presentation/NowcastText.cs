using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// An early estimate as every Danish page words it (the annual report, the front page): always called a "foreløbigt
/// skøn", with its band or why it has none, the leading indicator's quarter it builds on, its status, and a link to the
/// page that explains how it is made and how well it has done. The wording is here; pages show it with
/// <see cref="Components.NowcastEstimate"/>.
/// </summary>
internal static class NowcastText
{
    /// <summary>The plain-Danish page on the method and its record (ASCII, so it survives being typed or mailed).</summary>
    public const string ExplanationPath = "/skoen";

    public const string ExplanationLink = "Sådan laves skønnet, og så godt har det ramt";

    /// <summary>"80 %-interval", the band's name wherever a Dane reads it.</summary>
    public static readonly string BandLabel = $"{NowcastMethod.BandPercent.ToString(Danish.Culture)}{Danish.NoBreakSpace}%-interval";

    /// <summary>
    /// "Foreløbigt skøn for 2025: 48.700 job (80 %-interval 47.500–49.900), bygger på lønmodtagere efter bopælskommune
    /// 3. kvartal 2025"; without a band "(uden interval: for få tidligere skøn)" instead.
    /// </summary>
    public static string Sentence(Nowcast nowcast, string? unit, string leadingTitle)
    {
        ArgumentNullException.ThrowIfNull(nowcast);
        var band = nowcast is { Low: { } low, High: { } high }
            ? $"{BandLabel} {Danish.Number(low)}–{Danish.Number(high)}"
            : "uden interval: for få tidligere skøn";
        return $"Foreløbigt skøn for {Danish.Period(nowcast.Period)}: {Danish.WithUnit(Danish.Number(nowcast.Value), unit)} ({band}), " +
               $"bygger på {InText(leadingTitle)} {Danish.PeriodInText(nowcast.BasedOn.Period)}";
    }

    /// <summary>
    /// What follows the estimate's status when the band's two ends are judged differently: "for tæt på til at sige", with
    /// the status at each end.
    /// </summary>
    public static string? TooCloseToCall(Nowcast nowcast) => nowcast is { TooCloseToCall: true, StatusLow: { } low, StatusHigh: { } high }
        ? $" – men det er for tæt på til at sige: {Danish.StatusWord(low)} ved intervallets nedre grænse, {Danish.StatusWord(high)} ved den øvre"
        : null;

    /// <summary>
    /// A catalog title inside a sentence: "Lønmodtagere efter bopælskommune" → "lønmodtagere efter bopælskommune"; an
    /// abbreviation ("BNP pr. indbygger") keeps its capitals.
    /// </summary>
    public static string InText(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLower(title[0], Danish.Culture) + title[1..] : title;
}
