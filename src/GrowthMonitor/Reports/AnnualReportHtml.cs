using GrowthMonitor.Core;
using GrowthMonitor.Downloads;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Reports;

/// <summary>
/// The annual report as one printable, self-contained Danish HTML page for the alliance's politicians and directors.
/// Danish public-sector web content must meet WCAG 2.1 AA, so: headings in order, every chart with a text summary
/// and a data table, status as words (colour only repeats them), encoded model text, no scripts and no external
/// assets. Wording and number formats are in <see cref="Danish"/>, the chart in <see cref="LineChart"/>, the styles in
/// <see cref="ReportStyles"/>.
/// </summary>
public static class AnnualReportHtml
{
    /// <summary>
    /// How far past the end year <see cref="TargetEvaluator"/> looks for the year a projection reaches the goal; a
    /// null ReachedIn means "not by then".
    /// </summary>

    public static string Render(AnnualReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = report.Title;
        var html = new HtmlBuilder();
        using (HtmlPage.Document(html, title))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", title);
                Intro(html, report);
                AsOfNote(html, report);
                Links(html, report);
            }

            using (html.Tag("main"))
            {
                Overview(html, report);
                for (var i = 0; i < report.Targets.Count; i++)
                {
                    Target(html, report, report.Targets[i], Anchor(i));
                }
            }

            Footer(html, report);
        }

        return html.ToString();
    }

    private static string Anchor(int index) => $"maal-{index + 1}";

    /// <summary>
    /// Where a target's heading is, by its id, for links from outside (an alert names the target, not its place in the
    /// report): <c>#maal-horsens-jobs</c>. A catalog id starts with a letter, so it never meets the numbered anchors.
    /// </summary>
    public static string TargetAnchor(string target) => "maal-" + target;

    /// <summary>The way back to the front page and the report's downloads (the same report: its focus area, its moment); not printed.</summary>
    private static void Links(HtmlBuilder html, AnnualReport report)
    {
        using (html.Tag("nav", ("aria-label", "Rapportens links")))
        using (html.Tag("ul", ("class", "links")))
        {
            HtmlPage.LinkItem(html, "Til forsiden", HtmlPage.FrontPagePath);
            if (report.FocusArea is not null)
            {
                HtmlPage.LinkItem(html, $"Hele årsrapporten for {report.AllianceName}", ReportsApi.PathOf(report.Alliance, report.Year, ResponseFormat.Html, asOf: report.AsOf));
            }

            HtmlPage.LinkItem(html, "Hent som regneark (XLSX)", ReportsApi.PathOf(report.Alliance, report.Year, ResponseFormat.Xlsx, report.FocusArea, report.AsOf));
            HtmlPage.LinkItem(html, "Hent som CSV til Excel", ReportsApi.PathOf(report.Alliance, report.Year, ResponseFormat.Csv, report.FocusArea, report.AsOf));
        }
    }

    private static void Intro(HtmlBuilder html, AnnualReport report)
    {
        var group = report.FocusArea is { } focusArea ? $" inden for {focusArea}" : "";
        html.Element("p",
            $"Rapporten viser, hvordan {report.AllianceName} står på {report.Targets.Count} vækstmål{group} ved udgangen af {report.Year}, " +
            $"opgjort på {report.Credit.InText(report.Targets.Select(t => t.Target.IndicatorSource))}.", ("class", "lead"));
        if (Danish.AreasInText([.. report.Areas.Select(a => a.Code)]) is { Length: > 0 } areas)
        {
            html.Element("p", $"Området omfatter {areas}.");
        }

        html.Element("p",
            "For hvert mål sammenlignes de faktiske tal med det forløb, målet forudsætter. Fremdrift er væksten siden basisåret " +
            "i procent af den forventede vækst: 100 % betyder, at udviklingen følger målet. " + Danish.StatusScale + ".");
    }

    private static void Overview(HtmlBuilder html, AnnualReport report)
    {
        using (html.Tag("section", ("aria-labelledby", "oversigt")))
        {
            html.Element("h2", "Oversigt", ("id", "oversigt"));
            if (report.Targets.Count == 0)
            {
                html.Element("p", $"Der er ikke sat nogen mål for {report.AllianceName}.");
                return;
            }

            html.Element("p", $"Ved udgangen af {report.Year} står de {report.Targets.Count} mål sådan:");
            HtmlPage.StatusCounts(html, report.StatusCounts, $"Antal mål efter status ved udgangen af {report.Year}");
            if (report.Targets.Count(t => t.Nowcast is not null) is > 0 and var estimated)
            {
                html.Element("p",
                    $"For {(estimated == 1 ? "ét af målene" : $"{estimated} af målene")} har Danmarks Statistik endnu ikke offentliggjort tallet for {report.Year}. " +
                    "Et foreløbigt skøn ud fra en hurtigere statistik står under målet, mærket som skøn; status ovenfor bygger kun på offentliggjorte tal.");
            }

            // Targets come grouped by focus area (those without one last): one table per group, so a group reads on its own.
            var groups = Enumerable.Range(0, report.Targets.Count).GroupBy(i => report.Targets[i].Target.FocusArea).ToList();
            for (var g = 0; g < groups.Count; g++)
            {
                var caption = groups.Count == 1 && groups[g].Key is null
                    ? $"Status for alle mål ved udgangen af {report.Year}"
                    : $"{groups[g].Key ?? "Øvrige mål"}: status ved udgangen af {report.Year}";
                OverviewTable(html, report, groups[g], g == 0 ? "oversigt-tabel" : $"oversigt-tabel-{g + 1}", caption);
            }
        }
    }

    private static void OverviewTable(HtmlBuilder html, AnnualReport report, IEnumerable<int> indexes, string id, string caption)
    {
        using (HtmlPage.Table(html, id, caption))
        {
            HtmlPage.HeaderRow(html, ["Mål", "Status", "Seneste periode", "Faktisk", "Forventet", "Fremdrift"], numericFrom: 3);
            using (html.Tag("tbody"))
            {
                foreach (var i in indexes)
                {
                    var target = report.Targets[i];
                    using (html.Tag("tr"))
                    {
                        using (html.Tag("th", ("scope", "row")))
                        {
                            html.Element("a", target.Target.Title, ("href", "#" + Anchor(i)));
                        }

                        using (html.Tag("td"))
                        {
                            HtmlPage.StatusBadge(html, target.Evaluation.Status);
                        }

                        HtmlPage.Cell(html, target.Evaluation.EvaluatedPeriod is { } period ? Danish.Period(period) : null, numeric: false);
                        HtmlPage.Cell(html, Quantity(target.Evaluation.Actual, target.Target.Unit));
                        HtmlPage.Cell(html, Quantity(target.Evaluation.Expected, target.Target.Unit));
                        HtmlPage.Cell(html, target.Evaluation.Progress is { } progress ? Danish.Percent(progress) : null);
                    }
                }
            }
        }
    }

    private static void Target(HtmlBuilder html, AnnualReport report, ReportTarget target, string anchor)
    {
        using (html.Tag("section", ("class", "target"), ("id", anchor), ("aria-labelledby", TargetAnchor(target.Target.Id))))
        {
            html.Element("h2", target.Target.Title, ("id", TargetAnchor(target.Target.Id)));
            using (html.Tag("p"))
            {
                html.Text("Status: ");
                HtmlPage.StatusBadge(html, target.Evaluation.Status);
                html.Text(" · Indikator: " + target.Target.IndicatorTitle + (string.IsNullOrWhiteSpace(target.Target.Unit) ? "" : $" ({target.Target.Unit})"));
            }

            if (string.Join(" · ", new[] { Labelled("Indsatsområde", target.Target.FocusArea), Labelled("Ansvarlig", target.Target.Owner) }.OfType<string>()) is { Length: > 0 } belongs)
            {
                html.Element("p", belongs);
            }

            if (Goal(target) is { } goal)
            {
                html.Element("p", goal, ("class", "goal"));
            }

            Judgement(html, report, target);
            if (target.Nowcast is { } nowcast)
            {
                html.Element("h3", $"Foreløbigt skøn for {Danish.Period(nowcast.Period)}");
                using (html.Tag("p", ("class", "nowcast")))
                {
                    NowcastText.Write(html, nowcast, target.Target.Unit, target.NowcastIndicatorTitle ?? nowcast.BasedOn.Indicator);
                }
            }

            html.Element("h3", $"Årets udvikling ({report.Year})");
            html.Element("p", YearChangeText(target, report.Year));

            html.Element("h3", "Fremskrivning");
            html.Element("p", ProjectionText(target));

            if (target.Evaluation is { Status: not TargetStatus.NoData, Pace: var pace }
                && Danish.PaceSentence(pace, target.Target.Direction, target.Target.Kind, target.Target.Unit) is { } needed)
            {
                html.Element("h3", "Hvad der skal til");
                html.Element("p", needed + (target.Evaluation.Projection is { } projection
                    ? $" Den seneste udvikling har været {Danish.WithUnit(Danish.SignedNumber(projection.Slope), target.Target.Unit)} om året."
                    : ""));
            }

            FollowUp(html, report, target);

            html.Element("h3", "Faktisk og forventet udvikling");
            Chart(html, target, anchor);

            // Figures entered by hand exist only for the alliance's own areas: there is no region or Denmark beside them.
            if (target.Target.IndicatorSource != IndicatorSources.Manual)
            {
                html.Element("h3", "Sammenligning med region og hele landet");
                Comparison(html, target, anchor);
            }

            Revisions(html, target, anchor);

            html.Element("h3", "Kilde");
            if (report.Credit.IsDemo)
            {
                html.Element("p", SourceCredit.DemoData + ".");
            }
            else if (target.Target.IndicatorSource == IndicatorSources.Manual)
            {
                html.Element("p", $"Tal indtastet af {report.AllianceName} selv.");
            }
            else
            {
                SourceText(html, target.Source);
            }
        }
    }

    private static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    /// <summary>The latest follow-up note for the year: what was done and why, as the group presents it.</summary>
    private static void FollowUp(HtmlBuilder html, AnnualReport report, ReportTarget target)
    {
        html.Element("h3", $"Opfølgning ({report.Year})");
        if (target.Note is not { } note)
        {
            html.Element("p", $"Der er ikke skrevet en opfølgning for {report.Year}.");
            return;
        }

        using (html.Tag("blockquote", ("class", "note")))
        {
            foreach (var paragraph in note.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Element("p", paragraph);
            }
        }

        using (html.Tag("p", ("class", "when")))
        {
            html.Text($"Skrevet af {note.Author} om {Danish.Period(note.Period)}, ");
            HtmlPage.Time(html, note.At);
            html.Text(".");
        }
    }

    /// <summary>A report reproduced as of a past moment says so, before anything else is read.</summary>
    private static void AsOfNote(HtmlBuilder html, AnnualReport report)
    {
        if (report.AsOf is not { } asOf)
        {
            return;
        }

        using (html.Tag("p", ("class", "summary")))
        {
            html.Text("Rapporten viser tallene og vurderingerne, som de var kendt ");
            HtmlPage.Time(html, asOf);
            html.Text(". Tal, Danmarks Statistik har revideret siden, står under hvert mål.");
        }
    }

    private static void Revisions(HtmlBuilder html, ReportTarget target, string anchor)
    {
        if (target.Revisions.Count == 0)
        {
            return;
        }

        html.Element("h3", "Revideret siden");
        using (HtmlPage.Table(html, anchor + "-revisioner", $"Tal for {target.Target.IndicatorTitle}, der er revideret siden rapportens tidspunkt"))
        {
            HtmlPage.HeaderRow(html, ["Periode", "Tal dengang", "Tal nu"], numericFrom: 1);
            using (html.Tag("tbody"))
            {
                foreach (var revision in target.Revisions)
                {
                    using (html.Tag("tr"))
                    {
                        html.Element("th", Danish.Period(revision.Period), ("scope", "row"));
                        HtmlPage.Cell(html, Danish.Number(revision.Old));
                        HtmlPage.Cell(html, Danish.Number(revision.New));
                    }
                }
            }
        }
    }

    /// <summary>The table, when it was published, its latest period and how long after that period's end.</summary>
    private static void SourceText(HtmlBuilder html, DataSource? source)
    {
        using (html.Tag("p"))
        {
            if (source is null)
            {
                html.Text("Danmarks Statistik. Kildetabellen er ikke registreret endnu.");
                return;
            }

            html.Text($"Danmarks Statistik, tabel {source.Table}");
            if (source.Published is not { } published)
            {
                html.Text(".");
                return;
            }

            html.Text(", senest offentliggjort ");
            HtmlPage.Time(html, published);
            if (source.LatestPeriod is { } latest)
            {
                html.Text($" med tal til og med {Danish.Period(latest)}");
            }

            html.Text(source.LagDays is { } lag and >= 0 ? $", {Danish.Lag(lag)} efter periodens udgang." : ".");
        }
    }

    /// <summary>What the target asks for, in words; null for a kind this renderer does not know.</summary>
    private static string? Goal(ReportTarget target)
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
    /// The plain-language verdict: the latest figure against the expected one, the status with its progress, and why
    /// when there is nothing to judge or the progress is undefined.
    /// </summary>
    private static void Judgement(HtmlBuilder html, AnnualReport report, ReportTarget target)
    {
        using (html.Tag("p", ("class", "summary")))
        {
            if (target.Evaluation is { Actual: { } actual, EvaluatedPeriod: { } period })
            {
                html.Text($"{SubjectHad(report)} {Danish.WithUnit(Danish.Number(actual), target.Target.Unit)} i {Danish.Period(period)}" +
                          (target.Evaluation.Expected is { } expected ? $" mod forventet {Danish.Number(expected)}" : "") + ". ");
                // Stale data keep their figures but no verdict, so no progress is quoted with "kan ikke vurderes".
                html.Text("Målet " + Danish.StatusPhrase(target.Evaluation.Status) +
                          (target.Evaluation is { Progress: { } progress, Status: not TargetStatus.NoData } ? $" (fremdrift {Danish.Percent(progress)})" : "") + ".");
            }
            else
            {
                html.Text(target.Evaluation.Status == TargetStatus.NoData
                    ? "Der er ingen tal at vurdere målet på, så målet kan ikke vurderes."
                    : "Målet " + Danish.StatusPhrase(target.Evaluation.Status) + ".");
            }

            if (Danish.ReasonParts(target.Evaluation, target.Target.BaselinePeriod.Year) is { } reason)
            {
                html.Text((target.Evaluation.Status == TargetStatus.NoData ? " Årsag: " : " Bemærk: ") + reason.Text);
                if (reason.EnglishDetail is { } detail)
                {
                    // The failure is the service's own English; marking it lets a screen reader pronounce it (WCAG 3.1.2).
                    html.Element("span", detail, ("lang", "en"));
                }
            }
            else if (!string.IsNullOrWhiteSpace(target.Evaluation.Reason))
            {
                // A reason without a known code is shown as the evaluator wrote it, in English; marking the language
                // lets a screen reader pronounce it correctly (WCAG 3.1.2).
                html.Text(target.Evaluation.Status == TargetStatus.NoData ? " Årsag: " : " Bemærk: ");
                html.Element("span", target.Evaluation.Reason, ("lang", "en"));
            }
        }
    }

    private static string YearChangeText(ReportTarget target, int year)
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

    private static string ProjectionText(ReportTarget target)
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

    private static void Chart(HtmlBuilder html, ReportTarget target, string anchor)
    {
        if (!LineChart.HasData(target.Chart))
        {
            html.Element("p", "Der er ingen tal at vise i et diagram.");
            return;
        }

        var points = target.Chart.OrderBy(p => p.Period).ToList();
        var span = points[0].Period.Year == points[^1].Period.Year
            ? $"{points[0].Period.Year}"
            : $"{points[0].Period.Year}–{points[^1].Period.Year}";
        var description = string.Join(" ", new[]
        {
            "Linjediagram.",
            SeriesInWords(LineChart.ActualLabel, points, p => p.Actual, target.Target.Unit),
            SeriesInWords("Forventet forløb", points, p => p.Expected, target.Target.Unit),
            "Alle tal står i tabellen under diagrammet.",
        }.Where(s => s.Length > 0));

        using (html.Tag("figure"))
        {
            LineChart.Write(html, points, anchor + "-diagram", $"{target.Target.IndicatorTitle}: faktisk og forventet udvikling {span}", description, target.Target.Unit);
            html.Element("figcaption",
                "Den fuldt optrukne linje med prikker viser de faktiske tal; den stiplede linje viser det forløb, målet forudsætter. " +
                "Tallene står i tabellen herunder.");
        }

        using (HtmlPage.Table(html, anchor + "-data", $"Tal bag diagrammet: {target.Target.IndicatorTitle}, faktisk og forventet", compact: true))
        {
            HtmlPage.HeaderRow(html, ["Periode", "Faktisk", "Forventet"], numericFrom: 1);
            using (html.Tag("tbody"))
            {
                foreach (var point in points)
                {
                    using (html.Tag("tr"))
                    {
                        html.Element("th", Danish.Period(point.Period), ("scope", "row"));
                        HtmlPage.Cell(html, point.Actual is { } actual ? Danish.Number(actual) : null);
                        HtmlPage.Cell(html, point.Expected is { } expected ? Danish.Number(expected) : null);
                    }
                }
            }
        }
    }

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

    private static void Comparison(HtmlBuilder html, ReportTarget target, string anchor)
    {
        if (target.Comparison.Count == 0)
        {
            html.Element("p", "Der er ingen sammenligning for dette mål.");
            return;
        }

        using (HtmlPage.Table(html, anchor + "-sammenligning", $"Årets ændring efter område: {target.Target.IndicatorTitle}"))
        {
            HtmlPage.HeaderRow(html, ["Område", "Niveau", "Fra", "Til", "Ændring", "Ændring i %"], numericFrom: 2);
            using (html.Tag("tbody"))
            {
                foreach (var area in target.Comparison)
                {
                    using (html.Tag("tr"))
                    {
                        html.Element("th", area.Name, ("scope", "row"));
                        html.Element("td", Danish.LevelWord(area.Level));
                        ValueAtCell(html, area.FromValue, area.From);
                        ValueAtCell(html, area.ToValue, area.To);
                        HtmlPage.Cell(html, area.Change is { } change ? Danish.SignedNumber(change) : null);
                        HtmlPage.Cell(html, area.PercentChange is { } percent ? Danish.SignedPercent(percent) : null);
                    }
                }
            }
        }
    }

    private static void Footer(HtmlBuilder html, AnnualReport report)
    {
        using (html.Tag("footer"))
        {
            html.Element("p", report.Source + ".");
            using (html.Tag("p"))
            {
                html.Text("Rapporten er dannet ");
                HtmlPage.Time(html, report.GeneratedAt);
                html.Text(".");
            }
        }
    }

    private static void ValueAtCell(HtmlBuilder html, double? value, Period? period)
    {
        using (html.Tag("td", ("class", "num")))
        {
            if (value is not { } v)
            {
                HtmlPage.MissingValue(html);
                return;
            }

            html.Text(Danish.Number(v));
            if (period is { } p)
            {
                html.Text(" ").Element("span", $"({Danish.Period(p)})", ("class", "when"));
            }
        }
    }

    private static string? Quantity(double? value, string? unit) => value is { } v ? Danish.WithUnit(Danish.Number(v), unit) : null;

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
