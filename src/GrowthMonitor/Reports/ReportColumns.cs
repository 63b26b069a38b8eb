using GrowthMonitor.Core;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Reports;

/// <summary>What kind of value a report cell holds, which decides how each download writes it.</summary>
public enum ReportCellKind
{
    Text,
    Number,

    /// <summary>A ratio (0.9): the spreadsheet shows it as 90 %.</summary>
    Ratio,

    /// <summary>A change in percent (1.2 for 1.2 %): the spreadsheet shows it as 1,2 %.</summary>
    Percent,

    /// <summary>A moment: ISO 8601 in the CSV, Danish wall-clock time in the spreadsheet.</summary>
    Moment,

    /// <summary>A code for programs (on_track) with the word for people (I risiko): the CSV writes the code, the spreadsheet the word.</summary>
    Coded,
}

/// <summary>One cell of the report's table of targets, typed so that each format writes it its own way.</summary>
public readonly record struct ReportCell(ReportCellKind Kind, string? Text, double? Number, DateTimeOffset? Moment = null, string? Word = null)
{
    public static ReportCell Of(string? text) => new(ReportCellKind.Text, text, null);

    public static ReportCell Of(double? number) => new(ReportCellKind.Number, null, number);

    public static ReportCell Of(Period? period) => Of(period?.ToString());

    public static ReportCell Of(DateTimeOffset? moment) => new(ReportCellKind.Moment, null, null, moment);

    public static ReportCell Ratio(double? ratio) => new(ReportCellKind.Ratio, null, ratio);

    public static ReportCell Percent(double? percent) => new(ReportCellKind.Percent, null, percent);

    public static ReportCell Coded(string? code, string? word) => new(ReportCellKind.Coded, code, null, null, word);
}

/// <summary>
/// A column of the report's table of targets: its name (the CSV header, for programs), its Danish header (the
/// spreadsheet's, for people) and its value. The one list of the report's columns: a field added to a report or an
/// assessment reaches both downloads by a line here.
/// </summary>
public sealed record ReportColumn(string Name, string Header, Func<AnnualReport, ReportTarget, ReportCell> Value, double Width = 14, bool InSpreadsheet = true)
{
    public static readonly IReadOnlyList<ReportColumn> Targets =
    [
        // The spreadsheet names the alliance, year and source above its table; the CSV repeats them on every row.
        new("alliance", "Alliance", (r, _) => ReportCell.Of(r.Alliance), InSpreadsheet: false),
        new("year", "År", (r, _) => ReportCell.Of(r.Year), InSpreadsheet: false),
        new("target", "Mål-id", (_, t) => ReportCell.Of(t.Target.Id), InSpreadsheet: false),
        new("title", "Mål", (_, t) => ReportCell.Of(t.Target.Title), 44),
        new("indicator_title", "Indikator", (_, t) => ReportCell.Of(t.Target.IndicatorTitle), 28),
        new("unit", "Enhed", (_, t) => ReportCell.Of(t.Target.Unit)),
        new("areas", "Områder", (_, t) => ReportCell.Of(string.Join(", ", t.Target.Areas.Select(code => $"{code} {DanishAreas.NameOf(code)}"))), 30),
        new("indicator", "Indikator-id", (_, t) => ReportCell.Of(t.Target.Indicator)),
        new("kind", "Måltype", (_, t) => ReportCell.Of(Wire.Kind.Of(t.Target.Kind))),
        new("direction", "Retning", (_, t) => ReportCell.Of(Wire.Direction.Of(t.Target.Direction))),
        new("status", "Status", (_, t) => ReportCell.Coded(Wire.Status.Of(t.Evaluation.Status), Danish.StatusWord(t.Evaluation.Status)), 12),
        new("evaluated_period", "Periode", (_, t) => ReportCell.Of(t.Evaluation.EvaluatedPeriod), 10),
        new("judged_at", "Vurderet pr.", (_, t) => ReportCell.Of(t.Evaluation.JudgedAt), 17),
        new("actual", "Faktisk", (_, t) => ReportCell.Of(t.Evaluation.Actual), 12),
        new("expected", "Forventet", (_, t) => ReportCell.Of(t.Evaluation.Expected), 12),
        new("baseline", "Udgangspunkt", (_, t) => ReportCell.Of(t.Evaluation.Baseline)),
        new("gap", "Afvigelse", (_, t) => ReportCell.Of(t.Evaluation.Gap), 12),
        new("progress", "Fremdrift", (_, t) => ReportCell.Ratio(t.Evaluation.Progress), 11),
        new("projected_at_end", "Fremskrevet til slutår", (_, t) => ReportCell.Of(t.Evaluation.Projection?.ProjectedAtEnd)),
        new("reached_in", "Målet nås", (_, t) => ReportCell.Of(t.Evaluation.Projection?.ReachedIn), 11),
        new("year_from", "Årets ændring fra", (_, t) => ReportCell.Of(t.YearChange?.From), 10),
        new("year_to", "Årets ændring til", (_, t) => ReportCell.Of(t.YearChange?.To), 10),
        new("year_change", "Årets ændring", (_, t) => ReportCell.Of(t.YearChange?.Change), 13),
        new("year_change_percent", "Årets ændring i pct.", (_, t) => ReportCell.Percent(t.YearChange?.PercentChange)),
        new("expected_year_change", "Forventet ændring", (_, t) => ReportCell.Of(t.YearChange?.ExpectedChange)),
        new("source", "Kilde", (r, _) => ReportCell.Of(r.Source), InSpreadsheet: false),
        new("goal", "Mål i slutåret", (_, t) => ReportCell.Of(t.Evaluation.Pace?.Goal)),
        new("goal_period", "Slutperiode", (_, t) => ReportCell.Of(t.Evaluation.Pace?.By), 12),
        new("pace_per_year", "Nødvendig ændring pr. år", (_, t) => ReportCell.Of(t.Evaluation.Pace?.PerYear)),
        new("pace_percent_per_year", "Nødvendig ændring pr. år i pct.", (_, t) => ReportCell.Percent(t.Evaluation.Pace?.PercentPerYear)),
        new("reason_code", "Årsagskode", (_, t) => ReportCell.Of(t.Evaluation.ReasonCode is { } code ? Wire.Reason.Of(code) : null)),
        new("reason", "Årsag", (_, t) => ReportCell.Coded(t.Evaluation.Reason, Danish.Reason(t.Evaluation, t.Target.BaselinePeriod.Year) ?? t.Evaluation.Reason), 60),
        new("missing_period", "Periode uden tal fra alle områder", (_, t) => ReportCell.Of(t.Evaluation.Missing?.Period)),
        new("missing_areas", "Områder uden tal", (_, t) => ReportCell.Of(t.Evaluation.Missing is { } missing ? string.Join(' ', missing.Areas) : null)),
        new("source_table", "Kildetabel", (_, t) => ReportCell.Of(t.Source?.Table)),
        new("source_published", "Tabel opdateret", (_, t) => ReportCell.Of(t.Source?.Published), 17),
        new("source_latest_period", "Tabellens seneste periode", (_, t) => ReportCell.Of(t.Source?.LatestPeriod)),
        new("source_lag_days", "Dage fra periodens udgang til offentliggørelse", (_, t) => ReportCell.Of(t.Source?.LagDays)),
        new("focus_area", "Indsatsområde", (_, t) => ReportCell.Of(t.Target.FocusArea), 24),
        new("owner", "Ansvarlig", (_, t) => ReportCell.Of(t.Target.Owner), 20),
        new("indicator_source", "Tallenes kilde", (_, t) => ReportCell.Of(t.Target.IndicatorSource)),
        new("note_period", "Opfølgningens periode", (_, t) => ReportCell.Of(t.Note?.Period)),
        new("note", "Opfølgning", (_, t) => ReportCell.Of(t.Note?.Text), 60),
        new("note_author", "Opfølgning skrevet af", (_, t) => ReportCell.Of(t.Note?.Author), 20),
        new("note_at", "Opfølgning skrevet", (_, t) => ReportCell.Of(t.Note?.At), 17),

        // The early estimate of the report's year, while its official figure is not out: headed "skøn", never a figure.
        new("nowcast_period", "Foreløbigt skøn for", (_, t) => ReportCell.Of(t.Nowcast?.Period), 12),
        new("nowcast_value", "Foreløbigt skøn", (_, t) => ReportCell.Of(t.Nowcast?.Value), 13),
        new("nowcast_low", "Skønnets nedre grænse (80 %)", (_, t) => ReportCell.Of(t.Nowcast?.Low)),
        new("nowcast_high", "Skønnets øvre grænse (80 %)", (_, t) => ReportCell.Of(t.Nowcast?.High)),
        new("nowcast_status", "Skønnets status", (_, t) => NowcastStatus(t.Nowcast?.Status), 12),
        new("nowcast_status_low", "Status ved nedre grænse", (_, t) => NowcastStatus(t.Nowcast?.StatusLow), 12),
        new("nowcast_status_high", "Status ved øvre grænse", (_, t) => NowcastStatus(t.Nowcast?.StatusHigh), 12),
        new("nowcast_too_close_to_call", "For tæt på til at sige", (_, t) => t.Nowcast is { } n ? ReportCell.Coded(n.TooCloseToCall ? "true" : "false", n.TooCloseToCall ? "Ja" : "Nej") : ReportCell.Coded(null, null), 12),
        new("nowcast_based_on", "Skønnet bygger på", (_, t) => ReportCell.Coded(t.Nowcast?.BasedOn.Indicator, t.NowcastIndicatorTitle), 28),
        new("nowcast_based_on_period", "Skønnet bygger på periode", (_, t) => ReportCell.Of(t.Nowcast?.BasedOn.Period)),
        new("nowcast_past_errors", "Tidligere skøn bag intervallet", (_, t) => ReportCell.Of(t.Nowcast?.PastErrors)),
        new("nowcast", "Skønnet i ord", (_, t) => ReportCell.Of(t.Nowcast is { } n ? NowcastText.Sentence(n, t.Target.Unit, t.NowcastIndicatorTitle!) : null), 60),
    ];

    private static ReportCell NowcastStatus(TargetStatus? status) =>
        status is { } s ? ReportCell.Coded(Wire.Status.Of(s), Danish.StatusWord(s)) : ReportCell.Coded(null, null);
}
