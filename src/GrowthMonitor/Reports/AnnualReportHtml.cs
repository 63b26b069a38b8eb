using GrowthMonitor.Core;
using GrowthMonitor.Presentation;
using GrowthMonitor.Presentation.Components;

namespace GrowthMonitor.Reports;

/// <summary>
/// The annual report as one printable, self-contained Danish HTML page (<see cref="AnnualReportPage"/> and the
/// components beside it), and the report's sentences, which the components write as they are. Wording and number
/// formats are in <see cref="Danish"/>, the chart in <see cref="LineChart"/>, the styles in <see cref="ReportStyles"/>.
/// </summary>
public static class AnnualReportHtml
{
    /// <summary>
    /// The page: served to a browser with the frame of the request (who is signed in, the accessibility statement); saved
    /// as a file without one.
    /// </summary>
    public static Task<string> RenderAsync(AnnualReport report, PageFrame? frame = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ComponentHtml.RenderAsync<AnnualReportPage>(
            ComponentHtml.Parameter(nameof(AnnualReportPage.Report), report),
            ComponentHtml.Parameter(nameof(AnnualReportPage.Frame), frame ?? PageFrame.Anonymous));
    }

    /// <summary>A target's section by its place in the report: <c>maal-1</c>.</summary>
    internal static string Anchor(int index) => $"maal-{index + 1}";

    /// <summary>
    /// Where a target's heading is, by its id, for links from outside (an alert names the target, not its place in the
    /// report): <c>#maal-horsens-jobs</c>. A catalog id starts with a letter, so it never meets the numbered anchors.
    /// </summary>
    public static string TargetAnchor(string target) => "maal-" + target;

    internal static string Intro(AnnualReport report)
    {
        var group = report.FocusArea is { } focusArea ? $" inden for {focusArea}" : "";
        return $"Rapporten viser, hvordan {report.AllianceName} står på {report.Targets.Count} vækstmål{group} ved udgangen af {report.Year}, " +
               $"opgjort på {report.Credit.InText(report.Targets.Select(t => t.Target.IndicatorSource))}.";
    }

    /// <summary>"Indsatsområde: Det gode erhvervsliv · Ansvarlig: Erhvervsservice"; null when the target names neither.</summary>
    internal static string? Belongs(ReportTarget target) =>
        string.Join(" · ", new[] { Labelled("Indsatsområde", target.Target.FocusArea), Labelled("Ansvarlig", target.Target.Owner) }.OfType<string>()) is { Length: > 0 } belongs
            ? belongs
            : null;

    private static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    /// <summary>What the target asks for, in words; null for a kind this renderer does not know.</summary>
    internal static string? Goal(ReportTarget target)
    {
        var down = target.Target.Direction == Direction.Down;
        var span = $"fra basisåret {target.Target.BaselinePeriod.Year} til {Danish.Period(target.Target.EndPeriod)}";
        return (target.Target.Kind, target.Target.Amount) switch
        {
            (TargetKind.AnnualIncrease, { } amount) =>
                $"Målet er {(down ? "et fald" : "en stigning")} på {Danish.WithUnit(Danish.Amount(amount), target.Target.Unit)} om året {span}.",
            (TargetKind.PercentGrowth, { } amount) =>
                $"Målet er {(down ? "et fald" : "en vækst")} på {Danish.Amount(amount)}{Danish.NoBreakSpace}% om året {span}.",
            (TargetKind.Level, { } amount) =>
                $"Målet er at nå {Danish.WithUnit(Danish.Amount(amount), target.Target.Unit)} i {Danish.Period(target.Target.EndPeriod)} fra basisåret {target.Target.BaselinePeriod.Year}.",
            (TargetKind.YearlyGoal, _) when target.Target.Goals is { Count: > 0 } goals =>
                "Målene er " + Danish.List([.. goals.OrderBy(g => g.Key).Select(g => $"{Danish.WithUnit(Danish.Amount(g.Value), target.Target.Unit)} i {g.Key}")]) + "." +
                (target.Chart.All(p => p.Period.Frequency == Frequency.Year) ? ""
                : target.Target.Pace == GoalPace.Level
                    ? " I løbet af året sammenlignes med hele årets mål."
                    : " I løbet af året sammenlignes med den del af årets mål, der svarer til den del af året, der er gået."),
            (TargetKind.Relative, var amount) =>
                $"Målet er, at tallet hvert år {(down ? "falder" : "vokser")} " +
                (amount is { } points and not 0 ? $"{Danish.Amount(points)} procentpoint mere end i " : "mindst lige så meget som i ") +
                $"{Danish.AreaInText(target.Target.Benchmark)}, {span}.",
            _ => null,
        };
    }

    /// <summary>
    /// The verdict without its reason: the latest figure against the expected one and the status with its progress, or
    /// that there is nothing to judge.
    /// </summary>
    internal static string Verdict(AnnualReport report, ReportTarget target)
    {
        if (target.Evaluation is { Actual: { } actual, EvaluatedPeriod: { } period })
        {
            // Stale data keep their figures but no verdict, so no progress is quoted with "kan ikke vurderes".
            return $"{SubjectHad(report)} {Danish.WithUnit(Danish.Number(actual), target.Target.Unit)} i {Danish.Period(period)}" +
                   (target.Evaluation.Expected is { } expected ? $" mod forventet {Danish.Number(expected)}" : "") + ". " +
                   "Målet " + Danish.StatusPhrase(target.Evaluation.Status) +
                   (target.Evaluation is { Progress: { } progress, Status: not TargetStatus.NoData } ? $" (fremdrift {Danish.Percent(progress)})" : "") + ".";
        }

        return target.Evaluation.Status == TargetStatus.NoData
            ? "Der er ingen tal at vurdere målet på, så målet kan ikke vurderes."
            : "Målet " + Danish.StatusPhrase(target.Evaluation.Status) + ".";
    }

    /// <summary>What it takes from now to reach the goal, and the latest pace; null when there is nothing to say.</summary>
    internal static string? WhatItTakes(ReportTarget target) =>
        target.Evaluation is { Status: not TargetStatus.NoData, Pace: var pace }
        && Danish.PaceSentence(pace, target.Target.Direction, target.Target.Kind, target.Target.Unit) is { } needed
            ? needed + (target.Evaluation.Projection is { } projection
                ? $" Den seneste udvikling har været {Danish.WithUnit(Danish.SignedNumber(projection.Slope), target.Target.Unit)} om året."
                : "")
            : null;

    internal static string YearChangeText(ReportTarget target, int year)
    {
        if (target.YearChange is not { } change)
        {
            return $"Årets ændring kan ikke opgøres: der mangler tal for {year} eller for samme periode året før.";
        }

        var moved = change.Change switch
        {
            > 0 => $"steg tallet med {Danish.WithUnit(Danish.Number(change.Change), target.Target.Unit)}",
            < 0 => $"faldt tallet med {Danish.WithUnit(Danish.Number(-change.Change), target.Target.Unit)}",
            _ => "var tallet uændret",
        };
        var percent = change.PercentChange is { } p && change.Change != 0 ? $" ({Danish.SignedPercent(p)})" : "";
        var expected = change.ExpectedChange switch
        {
            > 0 and var e => $" Målet forudsatte en stigning på {Danish.WithUnit(Danish.Number(e), target.Target.Unit)}.",
            < 0 and var e => $" Målet forudsatte et fald på {Danish.WithUnit(Danish.Number(-e), target.Target.Unit)}.",
            0 => " Målet forudsatte et uændret tal.",
            _ => "",
        };
        return $"Fra {Danish.Period(change.From)} til {Danish.Period(change.To)} {moved}{percent}.{expected}";
    }

    internal static string ProjectionText(ReportTarget target)
    {
        if (target.Evaluation is not { Projection: { } projection })
        {
            return target.Evaluation.Status == TargetStatus.NoData
                ? "Der er ingen fremskrivning, fordi målet ikke kan vurderes."
                : "Der er ingen fremskrivning.";
        }

        var trend = Danish.WithUnit(Danish.SignedNumber(projection.Slope), target.Target.Unit);
        return $"Med den nuværende udvikling ({trend} om året) forventes {Danish.WithUnit(Danish.Number(projection.ProjectedAtEnd), target.Target.Unit)} " +
               $"i {Danish.Period(projection.At)}; {Danish.GoalReached(projection)}.";
    }

    /// <summary>The chart's description for screen readers: where each line starts and ends.</summary>
    internal static string ChartDescription(ReportTarget target, IReadOnlyList<ChartPoint> points) => ChartDescription(points, target.Target.Unit);

    /// <summary>A chart's description for screen readers (the report's and the target page's): where each line starts and ends.</summary>
    internal static string ChartDescription(IReadOnlyList<ChartPoint> points, string? unit) => string.Join(" ", new[]
    {
        "Linjediagram.",
        SeriesInWords(LineChart.ActualLabel, points, p => p.Actual, unit),
        SeriesInWords("Forventet forløb", points, p => p.Expected, unit),
        "Alle tal står i tabellen under diagrammet.",
    }.Where(s => s.Length > 0));

    /// <summary>"Faktisk: fra 59.800 job i 2022 til 61.710 job i 2024." for the chart's description.</summary>
    private static string SeriesInWords(string label, IReadOnlyList<ChartPoint> points, Func<ChartPoint, double?> value, string? unit)
    {
        var present = points.Where(p => value(p) is not null).ToList();
        string At(ChartPoint p) => $"{Danish.WithUnit(Danish.Number(value(p)!.Value), unit)} i {Danish.Period(p.Period)}";
        return present switch
        {
            [] => "",
            [var only] => $"{label}: {At(only)}.",
            _ => $"{label}: fra {At(present[0])} til {At(present[^1])}.",
        };
    }

    internal static string? Quantity(double? value, string? unit) => value is { } v ? Danish.WithUnit(Danish.Number(v), unit) : null;

    /// <summary>
    /// Who "had" the figure. The report does not say which of the alliance's areas a target covers, so a target of a
    /// one-area alliance names the area and any other speaks of the alliance's areas together.
    /// </summary>
    private static string SubjectHad(AnnualReport report) => report.Areas switch
    {
        [var only] => Capitalise(Danish.AreaInText(only.Name, only.Level)) + " havde",
        [] => report.AllianceName + " havde",
        _ when report.Areas.All(a => a.Level == AreaLevel.Municipality) => $"Kommunerne i {report.AllianceName} havde tilsammen",
        _ => $"Områderne i {report.AllianceName} havde tilsammen",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Danish.Culture) + text[1..];
}
