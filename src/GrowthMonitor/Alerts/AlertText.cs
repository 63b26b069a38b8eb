using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Alerts;

/// <summary>
/// What every channel says about one event, in Danish: a headline for a subject line or a notification, a heading, a
/// sentence saying what happened, the facts (status words and figures in the report's formats, <see cref="Danish"/>), a
/// note (why there is no verdict, or the error), and the credit of the figures' real source (<see cref="SourceCredit"/>;
/// none where the event does not say, rather than a guess). The e-mail and the Slack and Teams messages only lay it out,
/// so an event reads the same wherever it arrives.
/// </summary>
public sealed record AlertText(string Headline, string Heading, string Sentence, IReadOnlyList<AlertFact> Facts, AlertNote? Note, string? Source)
{
    private const string TestHeading = "Testbesked";

    /// <summary>"80 %-interval", with the no-break space the report's formats put before a % sign.</summary>

    public static AlertText Of(AlertEvent alertEvent, SourceCredit credit)
    {
        ArgumentNullException.ThrowIfNull(alertEvent);
        return alertEvent.Type switch
        {
            AlertEventType.IndicatorStale => Indicator(alertEvent, $"Nye tal for {IndicatorName(alertEvent)} mangler",
                (alertEvent.IndicatorSource == IndicatorSources.Manual ? "Der er ikke indtastet nye tal i GrowthMonitor" : $"Der er ikke kommet nye tal{FromStatBank(alertEvent)}") +
                ", selv om nye tal var ventet. Målene på denne indikator vurderes derfor på ældre tal."),

            // Only fetched indicators are ingested.
            AlertEventType.IndicatorIngestionFailed => Indicator(alertEvent, $"Nye tal for {IndicatorName(alertEvent)} kunne ikke hentes",
                $"GrowthMonitor kunne ikke hente nye tal{FromStatBank(alertEvent)}, heller ikke efter flere forsøg. " +
                "Målene på denne indikator vurderes på de tal, der allerede var hentet."),

            AlertEventType.TargetNowcastChanged when alertEvent.Nowcast is { } estimate => Estimate(alertEvent, estimate, credit),

            // The operator's test carries its own Danish text.
            AlertEventType.AlertTest => new AlertText(TestHeading + " fra GrowthMonitor", TestHeading,
                alertEvent.Detail ?? $"Dette er en testbesked fra GrowthMonitor til {alertEvent.AllianceName}.", [], null, null),
            _ => Target(alertEvent, credit),
        };
    }

    /// <summary>An event about an indicator shows no figures; its sentence says where they did not come from.</summary>
    private static AlertText Indicator(AlertEvent alertEvent, string headline, string sentence) => new(
        headline,
        IndicatorName(alertEvent),
        sentence,
        [],
        string.IsNullOrWhiteSpace(alertEvent.Detail) ? null : new AlertNote("Detaljer: ", null, alertEvent.Detail.Trim()),
        null);

    /// <summary>An event about a target shows its status and figures, credited to their source.</summary>
    private static AlertText Target(AlertEvent alertEvent, SourceCredit credit)
    {
        var name = alertEvent.Title ?? alertEvent.Target ?? "Et mål";
        var status = alertEvent.Status ?? alertEvent.Evaluation?.Status ?? TargetStatus.NoData;
        var headline = alertEvent.Type == AlertEventType.TargetStillOffTrack
            ? $"{name} er stadig {Danish.StatusWord(status)}"
            : $"{name} er nu {Danish.StatusWord(status)}";
        var sentence = (alertEvent.Type, alertEvent.PreviousStatus) switch
        {
            (AlertEventType.TargetStillOffTrack, _) => $"Målet er stadig {Danish.StatusWord(status)}. Det er en påmindelse: status er den samme som sidst.",
            (_, { } previous) when previous != status => $"Status er ændret fra {Danish.StatusWord(previous)} til {Danish.StatusWord(status)}.",
            (_, null) => $"Målet er vurderet for første gang: {Danish.StatusWord(status)}.",
            _ => $"Målet {Danish.StatusPhrase(status)}.",
        };

        List<AlertFact> facts = [new("Status", Danish.StatusWord(status), status)];
        if (alertEvent.PreviousStatus is { } before && before != status)
        {
            facts.Add(new AlertFact("Før", Danish.StatusWord(before), before));
        }

        if (alertEvent.Evaluation is { } evaluation)
        {
            facts.AddRange(Figures(evaluation, alertEvent.Unit));
        }

        var source = alertEvent.IndicatorSource is { } indicatorSource ? credit.Of([indicatorSource]) : null;
        return new AlertText(headline, name, sentence, facts, ReasonOf(alertEvent.Evaluation, status), source);
    }

    /// <summary>
    /// An early estimate, worded as one: the year it is for, its value and band, what it is made from and that the
    /// official figures are still to come; the facts repeat the numbers, and the note says why the band cannot decide the
    /// year, or why there is none.
    /// </summary>
    private static AlertText Estimate(AlertEvent alertEvent, Nowcast estimate, SourceCredit credit)
    {
        var name = alertEvent.Title ?? alertEvent.Target ?? "Et mål";
        var (status, year, unit) = (estimate.Status, Danish.Period(estimate.Period), alertEvent.Unit);
        var band = estimate is { Low: { } low, High: { } high } ? $"{Danish.Number(low)}–{Danish.Number(high)}" : null;
        var leading = alertEvent.LeadingIndicatorTitle ?? estimate.BasedOn.Indicator;
        var change = alertEvent.PreviousStatus is { } previous ? $"Skønnet er ændret fra {Danish.StatusWord(previous)} til {Danish.StatusWord(status)}. " : "";
        var sentence = $"{change}{NowcastText.Sentence(estimate, unit, leading)} – målet {Danish.StatusPhrase(status)}. De officielle tal for {year} er ikke offentliggjort endnu.";

        List<AlertFact> facts = [new("Status", Danish.StatusWord(status), status)];
        if (alertEvent.PreviousStatus is { } before)
        {
            facts.Add(new AlertFact("Før", Danish.StatusWord(before), before));
        }

        facts.Add(new AlertFact("Skøn for", year));
        facts.Add(new AlertFact("Skøn", Danish.WithUnit(Danish.Number(estimate.Value), unit)));
        if (band is not null)
        {
            facts.Add(new AlertFact(NowcastText.BandLabel, Danish.WithUnit(band, unit)));
        }

        facts.Add(new AlertFact("Bygger på", $"{leading}, {Danish.PeriodInText(estimate.BasedOn.Period)}"));
        facts.Add(new AlertFact("Tidligere fejl", $"{estimate.PastErrors.ToString(Danish.Culture)} (skøn fra tidligere år på samme tidspunkt)"));

        AlertNote? note = estimate switch
        {
            { TooCloseToCall: true, StatusLow: { } atLow, StatusHigh: { } atHigh } => new AlertNote("Bemærk: ",
                $"Intervallets to ender vurderes forskelligt ({Danish.StatusWord(atLow)} og {Danish.StatusWord(atHigh)}), så skønnet kan ikke sige, hvilken vej året går.", null),
            { Low: null } => new AlertNote("Bemærk: ",
                $"Skønnet har intet interval: der er kun {estimate.PastErrors.ToString(Danish.Culture)} tidligere fejl at måle usikkerheden på, og der skal mindst {NowcastMethod.MinimumPastErrors.ToString(Danish.Culture)} til.", null),
            _ => null,
        };
        var source = alertEvent.IndicatorSource is { } indicatorSource ? credit.Of([indicatorSource]) : null;
        return new AlertText($"Foreløbigt skøn for {year}: {name} er nu {Danish.StatusWord(status)}", name, sentence, facts, note, source);
    }

    /// <summary>A target's figures, labelled; stale figures keep their numbers but have no verdict, so no progress is quoted, as in the report.</summary>
    private static IEnumerable<AlertFact> Figures(TargetEvaluation evaluation, string? unit)
    {
        if (evaluation.EvaluatedPeriod is { } period)
        {
            yield return new("Periode", Danish.Period(period));
        }

        if (evaluation.Actual is { } actual)
        {
            yield return new("Faktisk", Danish.WithUnit(Danish.Number(actual), unit));
        }

        if (evaluation.Expected is { } expected)
        {
            yield return new("Forventet", Danish.WithUnit(Danish.Number(expected), unit));
        }

        if (evaluation is { Progress: { } progress, Status: not TargetStatus.NoData })
        {
            yield return new("Fremdrift", Danish.Percent(progress));
        }

        if (evaluation.Projection is { } projection)
        {
            yield return new("Fremskrivning",
                $"{Danish.WithUnit(Danish.Number(projection.ProjectedAtEnd), unit)} i {Danish.Period(projection.At)}; {Danish.GoalReached(projection)}");
        }
    }

    /// <summary>The evaluator's reason in Danish when its code is known (a failed fetch's error stays English), otherwise as it wrote it.</summary>
    private static AlertNote? ReasonOf(TargetEvaluation? evaluation, TargetStatus status)
    {
        var lead = status == TargetStatus.NoData ? "Årsag: " : "Bemærk: ";
        return evaluation switch
        {
            null => null,
            _ when Danish.ReasonParts(evaluation, baselineYear: null) is { } parts => new AlertNote(lead, parts.Text, parts.EnglishDetail),
            { Reason: { } english } when !string.IsNullOrWhiteSpace(english) => new AlertNote(lead, null, english),
            _ => null,
        };
    }

    /// <summary>" fra Danmarks Statistik" for a fetched indicator; nothing for an event recorded before sources were kept.</summary>
    private static string FromStatBank(AlertEvent alertEvent) =>
        alertEvent.IndicatorSource == IndicatorSources.StatBank ? $" fra {SourceCredit.StatBankName}" : "";

    private static string IndicatorName(AlertEvent alertEvent) => alertEvent.IndicatorTitle ?? alertEvent.Indicator ?? "En indikator";
}

/// <summary>A labelled value; a status carries its <see cref="TargetStatus"/>, so a page can show the word in a badge.</summary>
public sealed record AlertFact(string Label, string Value, TargetStatus? Status = null);

/// <summary>A lead ("Årsag: "), Danish text, then text the service wrote in English (an error); either text may be absent.</summary>
public sealed record AlertNote(string Lead, string? Danish, string? English);
