using GrowthMonitor.Core;
using GrowthMonitor.Docs;
using GrowthMonitor.Downloads;
using GrowthMonitor.Ingestion;
using GrowthMonitor.Presentation;
using GrowthMonitor.Reports;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Home;

/// <summary>
/// The front page at <c>/</c> as one server-rendered Danish HTML page, accessible as the annual report is (WCAG 2.1
/// AA): headings in order, tables with captions and row headers, status as words (colour only repeats them), the
/// service's English error texts marked as English, no scripts and no external assets.
/// </summary>
internal static class FrontPageHtml
{
    public const string Title = "GrowthMonitor: vækstmål";

    private const string FreshnessId = "datafriskhed";

    public static string Render(FrontPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new HtmlBuilder();
        using (HtmlPage.Document(html, Title))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", Title);
                Intro(html, page);
                Links(html, page);
            }

            using (html.Tag("main"))
            {
                foreach (var alliance in page.Alliances)
                {
                    Alliance(html, alliance);
                }

                Freshness(html, page);
            }

            using (html.Tag("footer"))
            {
                html.Element("p", page.Credit.Of(page.Indicators.Select(i => i.Source)) + ".");
                using (html.Tag("p"))
                {
                    html.Text("Siden er dannet ");
                    HtmlPage.Time(html, page.GeneratedAt);
                    html.Text(".");
                }
            }
        }

        return html.ToString();
    }

    private static void Intro(HtmlBuilder html, FrontPage page)
    {
        var targets = page.Alliances.Sum(a => a.Targets.Count);
        html.Element("p",
            $"GrowthMonitor følger {targets} vækstmål for {page.Alliances.Count} alliancer og kommuner på {page.Credit.InText(page.Indicators.Select(i => i.Source))}. " +
            Danish.StatusScale + ".", ("class", "lead"));
        using (html.Tag("p"))
        {
            if (page.EvaluatedAt is { } evaluated)
            {
                html.Text("Målene er senest vurderet ");
                HtmlPage.Time(html, evaluated);
                html.Text(".");
            }
            else
            {
                html.Text("Målene er endnu ikke vurderet: det sker, når de første tal er hentet.");
            }
        }
    }

    private static void Links(HtmlBuilder html, FrontPage page)
    {
        using (html.Tag("nav", ("aria-label", "Genveje")))
        using (html.Tag("ul", ("class", "links")))
        {
            foreach (var alliance in page.Alliances)
            {
                HtmlPage.LinkItem(html, alliance.Name, "#" + AllianceAnchor(alliance));
            }

            HtmlPage.LinkItem(html, "Datafriskhed", "#" + FreshnessId);
            if (page.DashboardUrl is { } dashboards)
            {
                HtmlPage.LinkItem(html, "Dashboards i Grafana", dashboards.AbsoluteUri);
            }

            HtmlPage.LinkItem(html, "Sådan laves de foreløbige skøn", NowcastText.ExplanationPath);
            HtmlPage.LinkItem(html, "API-dokumentation", ApiDocs.ReferencePath);
        }
    }

    private static string AllianceAnchor(FrontPageAlliance alliance) => "alliance-" + alliance.Id;

    private static void Alliance(HtmlBuilder html, FrontPageAlliance alliance)
    {
        var anchor = AllianceAnchor(alliance);
        using (html.Tag("section", ("aria-labelledby", anchor)))
        {
            html.Element("h2", alliance.Name, ("id", anchor));
            html.Element("p", $"Området omfatter {Danish.AreasInText(alliance.Areas)}.");
            if (alliance.Targets.Count == 0)
            {
                html.Element("p", $"Der er ikke sat nogen mål for {alliance.Name}.");
            }
            else
            {
                HtmlPage.StatusCounts(html, alliance.StatusCounts, $"Antal mål efter status for {alliance.Name}");
                Targets(html, alliance, anchor);
            }

            html.Element("h3", "Årsrapporter");
            ReportYears(html, alliance, null, "Årsrapport", alliance.Name);
            if (alliance.FocusAreas.Count > 0)
            {
                html.Element("h3", "Opfølgning pr. indsatsområde");
                using (html.Tag("ul", ("class", "focus-areas")))
                {
                    foreach (var focusArea in alliance.FocusAreas)
                    {
                        using (html.Tag("li"))
                        {
                            html.Element("span", focusArea, ("class", "focus-area"));
                            ReportYears(html, alliance, focusArea, "Opfølgning", focusArea);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The HTML report of each year, the alliance's or one focus area's follow-up report.</summary>
    private static void ReportYears(HtmlBuilder html, FrontPageAlliance alliance, string? focusArea, string kind, string of)
    {
        using (html.Tag("ul", ("class", "years")))
        {
            foreach (var year in alliance.ReportYears)
            {
                using (html.Tag("li"))
                using (html.Tag("a", ("href", ReportsApi.PathOf(alliance.Id, year, ResponseFormat.Html, focusArea))))
                {
                    // Heard as "Årsrapport 2025 for …" in a list of links; seen as the year under the heading.
                    html.Element("span", kind + " ", ("class", "sr-only")).Text(year.ToString(Danish.Culture))
                        .Element("span", $" for {of}", ("class", "sr-only"));
                }
            }
        }
    }

    private static void Targets(HtmlBuilder html, FrontPageAlliance alliance, string anchor)
    {
        using (HtmlPage.Table(html, anchor + "-maal", $"Mål for {alliance.Name}, som de står nu"))
        {
            // The estimates have a column of their own, so that no one takes one for an official figure.
            string[] headers = alliance.Nowcasts.Count == 0
                ? ["Mål", "Status", "Seneste periode", "Fremdrift", "Bemærkning"]
                : ["Mål", "Status", "Seneste periode", "Fremdrift", "Bemærkning", "Foreløbigt skøn"];
            HtmlPage.HeaderRow(html, headers, numericFrom: headers.Length);
            using (html.Tag("tbody"))
            {
                foreach (var target in alliance.Targets)
                {
                    var evaluation = target.Evaluation;
                    using (html.Tag("tr"))
                    {
                        html.Element("th", target.Target.Title, ("scope", "row"));
                        using (html.Tag("td"))
                        {
                            HtmlPage.StatusBadge(html, evaluation.Status);
                        }

                        HtmlPage.Cell(html, evaluation.EvaluatedPeriod is { } period ? Danish.Period(period) : null, numeric: false);
                        HtmlPage.Cell(html, evaluation is { Progress: { } progress, Status: not TargetStatus.NoData } ? Danish.Percent(progress) : null, numeric: false);
                        using (html.Tag("td", ("class", "note")))
                        {
                            Note(html, evaluation, target.Target.BaselinePeriod.Year);
                        }

                        if (alliance.Nowcasts.Count > 0)
                        {
                            using (html.Tag("td", ("class", "note")))
                            {
                                if (alliance.Nowcasts.TryGetValue(target.Target.Id, out var nowcast))
                                {
                                    NowcastText.Write(html, nowcast.Estimate, target.Target.Unit, nowcast.IndicatorTitle);
                                }
                                else
                                {
                                    HtmlPage.MissingValue(html);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The reason in Danish (its technical detail marked as English), the evaluator's English text, or nothing.</summary>
    private static void Note(HtmlBuilder html, TargetEvaluation evaluation, int baselineYear)
    {
        if (Danish.ReasonParts(evaluation, baselineYear) is { } reason)
        {
            html.Text(reason.Text);
            if (reason.EnglishDetail is { } detail)
            {
                html.Element("span", detail, ("lang", "en"));
            }
        }
        else if (!string.IsNullOrWhiteSpace(evaluation.Reason))
        {
            html.Element("span", evaluation.Reason, ("lang", "en"));
        }
    }

    private static void Freshness(HtmlBuilder html, FrontPage page)
    {
        using (html.Tag("section", ("aria-labelledby", FreshnessId)))
        {
            html.Element("h2", "Datafriskhed", ("id", FreshnessId));
            if (page.RunLogUnavailable)
            {
                html.Element("p",
                    "Datafriskheden kan ikke vises lige nu: databasen med loggen over hentninger (PostgreSQL) svarer ikke. " +
                    "Målenes status ovenfor er den, der senest blev hentet fra databasen.", ("role", "status"));
                return;
            }

            html.Element("p",
                "Tallene hentes fra Danmarks Statistik efter en fast plan; en hentning, der finder tabellen uændret, er også lykkedes. " +
                "En indikator er forsinket, når en planlagt hentning for mere end en time siden ikke er lykkedes.");
            using (HtmlPage.Table(html, FreshnessId + "-tabel", "Hvornår tallene sidst blev hentet"))
            {
                string[] headers = ["Indikator", "Tabel", "Seneste periode", "Offentliggjort", "Sidst hentet", "Hentning"];
                HtmlPage.HeaderRow(html, headers, numericFrom: headers.Length);
                using (html.Tag("tbody"))
                {
                    foreach (var indicator in page.Indicators)
                    {
                        using (html.Tag("tr"))
                        {
                            html.Element("th", indicator.Title, ("scope", "row"));
                            html.Element("td", indicator.Table ?? SourceTable.EnteredByHand);
                            HtmlPage.Cell(html, indicator.DataSource?.LatestPeriod is { } latest ? Danish.Period(latest) : null, numeric: false);
                            TimeCell(html, indicator.TableUpdated);
                            TimeCell(html, indicator.LastSuccessfulRun);
                            using (html.Tag("td"))
                            {
                                FetchState(html, indicator);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void TimeCell(HtmlBuilder html, DateTimeOffset? instant)
    {
        using (html.Tag("td"))
        {
            if (instant is { } time)
            {
                HtmlPage.Time(html, time);
            }
            else
            {
                HtmlPage.MissingValue(html);
            }
        }
    }

    /// <summary>"I orden", "Forsinket", "Ikke hentet endnu", or the failed fetch with its time and (English) error.</summary>
    private static void FetchState(HtmlBuilder html, IndicatorSummary indicator)
    {
        html.Element("strong", indicator switch
        {
            { Source: IndicatorSources.Manual } => "Tallene indtastes af alliancen",
            { LastRun: null } => "Ikke hentet endnu",
            { Overdue: true } => "Forsinket",
            { LastOutcome: IngestOutcome.Failed } => "Seneste forsøg fejlede",
            _ => "I orden",
        });
        if (indicator.FailedFetch is { } failure)
        {
            html.Text(". Hentningen fejlede ");
            HtmlPage.Time(html, failure.At);
            html.Text(": ");
            html.Element("span", failure.Error, ("lang", "en"));
        }
    }
}
