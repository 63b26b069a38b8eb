using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// Danish formats and words of the report. Numbers, months and dates come from the da-DK culture, named explicitly so
/// the page reads the same whatever the server's own culture is. The service runs with globalization on (ICU); in a
/// process with InvariantGlobalization the culture does not exist and rendering fails loudly instead of printing
/// English numbers to Danish readers.
/// </summary>
internal static class Danish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Between a number and its % sign, so a line never breaks inside "85 %".</summary>
    public const string NoBreakSpace = "\u00A0";

    /// <summary>Shown in a table cell without a number; screen readers get <see cref="MissingSpoken"/> instead.</summary>
    public const string Missing = "–";

    public const string MissingSpoken = "intet tal";

    /// <summary>The longest number text <see cref="TryParseNumber"/> reads: far more digits than a figure has, and still finite.</summary>
    private const int MaxNumberLength = 40;

    private static readonly Lazy<TimeZoneInfo?> Copenhagen = new(FindCopenhagen);

    /// <summary>
    /// A level or a change: whole numbers from 100 up (a fractional job is noise), otherwise up to one decimal, so
    /// small figures such as rates keep their meaning. 61710 → "61.710", 2.35 → "2,4".
    /// </summary>
    public static string Number(double value)
    {
        var decimals = Math.Abs(value) >= 100 ? 0 : 1;
        return Clean(Math.Round(value, decimals, MidpointRounding.AwayFromZero)).ToString(decimals == 0 ? "#,##0" : "#,##0.#", Culture);
    }

    /// <summary>
    /// Reads a number as Danes write it, and as <see cref="Number"/> and <see cref="Amount"/> write it: a decimal comma,
    /// a point only between groups of three digits, a leading minus ("1.000" is a thousand; "1.234,5", "41900" and
    /// "-12,5" are fine). Anything else is refused rather than guessed: "1.5" could be one and a half or fifteen
    /// hundred. The <paramref name="problem"/> ends a sentence that starts "value '1.5' " and says how to write it.
    /// </summary>
    public static bool TryParseNumber(string? text, out double value, [NotNullWhen(false)] out string? problem)
    {
        var parsed = TryReadNumber(text, out value, out var why);
        problem = why?.English;
        return parsed;
    }

    /// <summary>
    /// As <see cref="TryParseNumber"/>, the problem said both ways: in English for the API, and in Danish for the field of
    /// a form ("Skriv tallet som …").
    /// </summary>
    public static bool TryReadNumber(string? text, out double value, [NotNullWhen(false)] out NumberProblem? problem)
    {
        value = 0;
        var trimmed = text?.Trim() ?? "";
        var sign = trimmed.StartsWith('-') ? "-" : "";
        var unsigned = trimmed[sign.Length..];
        var comma = unsigned.IndexOf(',', StringComparison.Ordinal);
        var groups = (comma < 0 ? unsigned : unsigned[..comma]).Split('.');
        var fraction = comma < 0 ? null : unsigned[(comma + 1)..];
        // "0.500" is no thousands a Dane writes: it is an English half, so it is refused, not read as 500.
        var grouped = groups.Length == 1 || (groups[0].Length <= 3 && !groups[0].StartsWith('0') && groups.Skip(1).All(g => g.Length == 3));
        if (trimmed.Length <= MaxNumberLength && groups.All(IsDigits) && grouped && (fraction is null || IsDigits(fraction)))
        {
            value = double.Parse(sign + string.Concat(groups) + (fraction is null ? "" : "." + fraction), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            problem = null;
            return true;
        }

        problem = (fraction, groups) switch
        {
            _ when trimmed.Length == 0 => new("is empty", "Skriv tallet."),
            (null, [var whole, var part]) when IsDigits(whole) && IsDigits(part) && part.Length < 3 && !whole.StartsWith('0') => new(
                $"is ambiguous: write {sign}{whole},{part} if the point is a decimal mark, or {sign}{whole}.{part.PadRight(3, '0')} if it separates thousands",
                $"Skriv {sign}{whole},{part} hvis punktummet er et decimaltegn, eller {sign}{whole}.{part.PadRight(3, '0')} hvis det adskiller tusinder."),
            (null, [var whole, var part]) when IsDigits(whole) && IsDigits(part) => new(
                $"is not a number as Danes write it: a point separates thousands in groups of three digits; write {sign}{whole},{part} for a decimal number",
                $"Skriv {sign}{whole},{part} med komma før decimalerne; punktum adskiller kun tusinder i grupper af tre cifre."),
            _ => new(
                "is not a number as Danes write it, such as 1234, 1.234, 1.234,5 or -12,5",
                "Skriv et tal som fx 1234, 1.234, 1.234,5 eller -12,5: komma før decimalerne."),
        };
        return false;

        static bool IsDigits(string part) => part.Length > 0 && part.All(char.IsAsciiDigit);
    }

    /// <summary>A change with its sign written out: "+600", "-300", "0".</summary>
    public static string SignedNumber(double value)
    {
        var text = Number(value);
        return text != "0" && value > 0 ? "+" + text : text;
    }

    /// <summary>A target's amount as configured, up to two decimals: 500 → "500", 0.5 → "0,5".</summary>
    public static string Amount(double value) => Clean(value).ToString("#,##0.##", Culture);

    /// <summary>
    /// A number as a cell of a CSV file: no thousands separator (a program, or the upload, would take a group
    /// separator for a decimal mark), at most <paramref name="maxDecimals"/> decimals, never an exponent; in Danish
    /// (41900, 12,5) unless another culture is named (12.5 for programs).
    /// </summary>
    public static string PlainNumber(double value, int maxDecimals, CultureInfo? culture = null) =>
        Clean(value).ToString(maxDecimals > 0 ? "0." + new string('#', maxDecimals) : "0", culture ?? Culture);

    /// <summary>A ratio as a whole percentage: 0.85 → "85 %".</summary>
    public static string Percent(double ratio) =>
        Clean(Math.Round(ratio * 100, MidpointRounding.AwayFromZero)).ToString("#,##0", Culture) + NoBreakSpace + "%";

    /// <summary>A change already in percent, signed with one decimal: 0.98 → "+1,0 %".</summary>
    public static string SignedPercent(double percent) =>
        (Math.Round(percent, 1, MidpointRounding.AwayFromZero) > 0 ? "+" : "") + PercentValue(percent);

    /// <summary>A figure already in percent with one decimal: 2.345 → "2,3 %".</summary>
    public static string PercentValue(double percent) =>
        Clean(Math.Round(percent, 1, MidpointRounding.AwayFromZero)).ToString("#,##0.0", Culture) + NoBreakSpace + "%";

    /// <summary>Statistics Denmark's codes as Danish readers say them: 2024, 1. halvår 2024, 3. kvt. 2024, juli 2024.</summary>
    public static string Period(Period period) => period.Frequency switch
    {
        Frequency.Year => period.Year.ToString(Culture),
        Frequency.HalfYear => $"{period.PositionInYear}. halvår {period.Year.ToString(Culture)}",
        Frequency.Quarter => $"{period.PositionInYear}. kvt. {period.Year.ToString(Culture)}",
        _ => $"{Culture.DateTimeFormat.MonthNames[period.PositionInYear - 1]} {period.Year.ToString(Culture)}",
    };

    /// <summary>A period in running text, quarters spelt out: "3. kvartal 2025"; other periods as <see cref="Period(Core.Period)"/>.</summary>
    public static string PeriodInText(Period period) =>
        period.Frequency == Frequency.Quarter ? $"{period.PositionInYear}. kvartal {period.Year.ToString(Culture)}" : Period(period);

    /// <summary>
    /// Copenhagen wall-clock time in Danish ("5. marts 2025 kl. 10.15") and its ISO 8601 form for a time element.
    /// Without a time zone database (a trimmed container image) the time is given in UTC and says so, rather than
    /// failing the report.
    /// </summary>
    public static (string Text, string Iso) Timestamp(DateTimeOffset instant)
    {
        var zone = Copenhagen.Value;
        var local = zone is null ? instant.ToUniversalTime() : TimeZoneInfo.ConvertTime(instant, zone);
        var text = local.ToString("d. MMMM yyyy 'kl.' HH.mm", Culture) + (zone is null ? " (UTC)" : "");
        return (text, local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    /// <summary>Copenhagen wall-clock time for a spreadsheet's date cell; UTC without a time zone database.</summary>
    public static DateTime WallClock(DateTimeOffset instant) =>
        (Copenhagen.Value is { } zone ? TimeZoneInfo.ConvertTime(instant, zone) : instant.ToUniversalTime()).DateTime;

    /// <summary>Where a projection reaches the end goal: "målet nås i 2028", "… først i 2032, efter slutåret 2030", "… ikke inden 2040".</summary>
    public static string GoalReached(Projection projection) => projection.ReachedIn switch
    {
        null => $"målet nås ikke inden {projection.SearchUntilYear}",
        { } year when year.Year > projection.At.Year => $"målet nås først i {Period(year)}, efter slutåret {projection.At.Year}",
        { } year => $"målet nås i {Period(year)}",
    };

    /// <summary>"Status er På sporet, I risiko, Bagud eller Ingen data": the scale in its order.</summary>
    public static string StatusScale => "Status er " + List([.. Enum.GetValues<TargetStatus>().Select(StatusWord)]);

    public static string StatusWord(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => "På sporet",
        TargetStatus.AtRisk => "I risiko",
        TargetStatus.OffTrack => "Bagud",
        _ => "Ingen data",
    };

    /// <summary>
    /// What one figure of an indicator is, in the words every entry form, upload template and the API use: "antal i
    /// perioden" (a count in the period), "status ved periodens slutning" (a level) or "gennemsnit for perioden".
    /// </summary>
    public static string FigureMeans(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Sum => "antal i perioden",
        Aggregation.Last => "status ved periodens slutning",
        _ => "gennemsnit for perioden",
    };

    /// <summary>The status as the end of a sentence that starts "Målet …".</summary>
    public static string StatusPhrase(TargetStatus status) => status switch
    {
        TargetStatus.OnTrack => "er på sporet",
        TargetStatus.AtRisk => "er i risiko",
        TargetStatus.OffTrack => "er bagud",
        _ => "kan ikke vurderes",
    };

    /// <summary>
    /// Why a target has no verdict, or a note on it, in Danish; null for a reason without a known code (the caller shows
    /// the evaluator's English text). Without <paramref name="baselineYear"/> the baseline is named without its year.
    /// </summary>
    public static string? Reason(TargetEvaluation evaluation, int? baselineYear) =>
        ReasonParts(evaluation, baselineYear) is { } reason ? reason.Text + reason.EnglishDetail : null;

    /// <summary>
    /// <see cref="Reason"/> in two parts: the Danish text, and a technical detail in English that follows it (the error
    /// of a failed fetch), so that a page can mark the detail's language.
    /// </summary>
    public static (string Text, string? EnglishDetail)? ReasonParts(TargetEvaluation evaluation, int? baselineYear)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var baseline = baselineYear is { } year ? $"basisåret {year.ToString(Culture)}" : "basisåret";
        return evaluation.ReasonCode switch
        {
            ReasonCode.NoObservations => ("Der er endnu ingen tal for indikatoren.", null),
            ReasonCode.NoComparableObservation => ($"Der er ingen tal efter {baseline}, som kan sammenlignes med samme tid af basisåret.", null),
            ReasonCode.NoBenchmarkGrowth => ("Sammenligningsområdet har ingen tal efter basisåret, så den forventede vækst kan ikke beregnes.", null),
            ReasonCode.Stale => (evaluation.EvaluatedPeriod is { } period
                ? $"Tallene er forældede: de seneste er fra {Period(period)}, og nyere tal skulle være kommet."
                : "Tallene er forældede: nyere tal skulle være kommet.", null),
            ReasonCode.ExpectedEqualsBaseline => ("Det forventede tal er lig med basisårets, så fremdriften kan ikke beregnes; status sammenligner det faktiske tal med basisåret.", null),
            ReasonCode.NotEvaluated => ("Målet er endnu ikke vurderet for dette år.", null),
            ReasonCode.MissingAreas when evaluation.Missing is { } missing =>
                ($"Der er ingen tal for {List([.. missing.Areas.Select(DanishAreas.NameOf)])} i {Period(missing.Period)}" +
                 (evaluation.EvaluatedPeriod is { } judged ? $", så målet er vurderet på tallene for {Period(judged)}." : ", så der er ingen samlede tal for områderne."), null),
            ReasonCode.FetchFailed when evaluation.FetchFailure is { } failure =>
                ($"Hentningen fra Danmarks Statistik fejlede den {Timestamp(failure.At).Text}: ", failure.Error),
            _ => null,
        };
    }

    /// <summary>
    /// What the goal needs from now, e.g. "Målet kræver +517 job om året fra nu (+1,2 % om året) for at nå 45.000 job i
    /// 2030." Percent targets lead with the percentage. Null without a pace (in the end year).
    /// </summary>
    public static string? PaceSentence(RequiredPace? pace, Direction direction, TargetKind kind, string? unit)
    {
        if (pace is null)
        {
            return null;
        }

        var goal = $"{WithUnit(Number(pace.Goal), unit)} i {Period(pace.By)}";
        if ((direction == Direction.Up ? pace.PerYear : -pace.PerYear) <= 0)
        {
            return $"Tallet er allerede {(direction == Direction.Up ? "over" : "under")} målet på {goal}.";
        }

        var units = WithUnit(SignedNumber(pace.PerYear), unit) + " om året";
        var percent = pace.PercentPerYear is { } p ? SignedPercent(p) + " om året" : null;
        var (first, second) = kind is TargetKind.PercentGrowth or TargetKind.Relative && percent is not null ? (percent, units) : (units, percent);
        return $"Målet kræver {first} fra nu{(second is null ? "" : $" ({second})")} for at nå {goal}.";
    }

    /// <summary>A publication lag in words: "12 dage" up to two months, otherwise "ca. 11 måneder".</summary>
    public static string Lag(double days) => days < 62
        ? $"{Math.Round(days, MidpointRounding.AwayFromZero).ToString("0", Culture)} dage"
        : $"ca. {Math.Round(days / (365.25 / 12), MidpointRounding.AwayFromZero).ToString("0", Culture)} måneder";

    /// <summary>
    /// A readable Danish title for a target the catalog gives none: what it asks of which indicator where, e.g. "Job på
    /// arbejdssteder: +500 job om året i Horsens Kommune, 2022–2030".
    /// </summary>
    public static string TargetTitle(TargetDefinition target, string indicatorTitle, string? unit, IReadOnlyList<string> areas, string? benchmark)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sign = target.Direction == Direction.Up ? "+" : "-";
        var amount = Amount(target.Amount ?? 0);
        var where = AreasInText(areas);
        var span = $"{target.Baseline.Year.ToString(Culture)}–{Period(target.End)}";
        var goal = target.Kind switch
        {
            TargetKind.AnnualIncrease => $"{sign}{WithUnit(amount, unit)} om året i {where}, {span}",
            TargetKind.PercentGrowth => $"{sign}{amount}{NoBreakSpace}% om året i {where}, {span}",
            TargetKind.Level => $"{WithUnit(amount, unit)} i {where} i {Period(target.End)}",
            TargetKind.YearlyGoal => $"årlige mål i {where}, {span}",
            _ => (target.Direction == Direction.Up ? "vækst " : "fald ") +
                 (target.Amount is { } points and not 0 ? $"{Amount(points)} procentpoint mere end " : "mindst som ") +
                 $"{AreaInText(benchmark)} om året i {where}, {span}",
        };
        return $"{indicatorTitle}: {goal}";
    }

    /// <summary>Areas as a Danish list: "Horsens Kommune", "kommunerne Herning, Holstebro og Skive", "Region Midtjylland og hele landet".</summary>
    public static string AreasInText(IReadOnlyList<string> codes)
    {
        var areas = codes.Select(code => DanishAreas.Find(code) ?? new DanishArea(code, code, AreaCodes.LevelOf(code), null)).ToList();
        return areas is [_, _, ..] && areas.All(a => a.Level == AreaLevel.Municipality)
            ? "kommunerne " + List([.. areas.Select(a => a.Name)])
            : List([.. areas.Select(a => AreaInText(a.Name, a.Level))]);
    }

    /// <summary>One area, named by its code, as in running text ("hele landet", "Region Midtjylland"); "sammenligningsområdet" without one.</summary>
    public static string AreaInText(string? code) =>
        code is null ? "sammenligningsområdet" : DanishAreas.Find(code) is { } area ? AreaInText(area.Name, area.Level) : code;

    public static string LevelWord(AreaLevel level) => level switch
    {
        AreaLevel.Country => "Hele landet",
        AreaLevel.Region => "Region",
        AreaLevel.Province => "Landsdel",
        AreaLevel.Municipality => "Kommune",
        _ => "Andet område",
    };

    /// <summary>
    /// How a Dane names the area in running text: "Horsens Kommune", "Region Midtjylland", "hele landet". The two
    /// municipalities whose official names are not "{name} Kommune" are spelt out.
    /// </summary>
    public static string AreaInText(string name, AreaLevel level) => (name, level) switch
    {
        ("København", AreaLevel.Municipality) => "Københavns Kommune",
        ("Bornholm", AreaLevel.Municipality) => "Bornholms Regionskommune",
        ("Christiansø", _) => "Christiansø",
        (_, AreaLevel.Municipality) => name + " Kommune",
        (_, AreaLevel.Country) => "hele landet",
        _ => name,
    };

    /// <summary>"a", "a og b", "a, b og c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " og " + items[^1],
    };

    /// <summary>A number followed by the indicator's unit, when it has one: "61.710 job".</summary>
    public static string WithUnit(string number, string? unit) => string.IsNullOrWhiteSpace(unit) ? number : number + " " + unit;

    // Rounding can leave -0, which would print as "-0".
    private static double Clean(double value) => value == 0 ? 0 : value;

    private static TimeZoneInfo? FindCopenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}

/// <summary>Why a text is not a number as Danes write it: the end of an English sentence that starts "value '1.5' ", and a Danish sentence for a form.</summary>
internal sealed record NumberProblem(string English, string Danish);
