using GrowthMonitor.Core;
using GrowthMonitor.Presentation;

namespace GrowthMonitor.Nowcasts;

/// <summary>
/// The plain-Danish page at <see cref="NowcastText.ExplanationPath"/> on how the early estimates are made, what they
/// cannot tell, and how well they have done: per quarter, the method's mean error beside two plain rules and its band's
/// coverage. Laid out and accessible as the front page is (WCAG 2.1 AA, no scripts, no external assets).
/// </summary>
internal static class NowcastPageHtml
{
    public const string Title = "Sådan laves de foreløbige skøn";

    private const string RecordId = "saadan-har-skoennet-ramt";

    public static string Render(NowcastPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = new HtmlBuilder();
        using (HtmlPage.Document(html, Title))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", Title);
                html.Element("p",
                    "Danmarks Statistik offentliggør antallet af job på arbejdssteder (tabel ERHV2) omkring 11 måneder efter den november, det tæller. " +
                    "En alliance får altså først i oktober at vide, om den nåede sit mål året før. En hurtigere statistik, lønmodtagere efter bopælskommune " +
                    "(tabel LBESK69), kommer hvert kvartal, cirka 80 dage efter kvartalets udgang. Ud fra den laver GrowthMonitor et foreløbigt skøn over årets tal, " +
                    "med et interval, der viser, hvor meget skønnet plejer at ramme ved siden af.", ("class", "lead"));
                using (html.Tag("nav", ("aria-label", "Sidens links")))
                using (html.Tag("ul", ("class", "links")))
                {
                    HtmlPage.LinkItem(html, "Til forsiden", HtmlPage.FrontPagePath);
                    HtmlPage.LinkItem(html, "Sådan har skønnet ramt", "#" + RecordId);
                }
            }

            using (html.Tag("main"))
            {
                Method(html);
                Record(html, page);
            }

            using (html.Tag("footer"))
            {
                html.Element("p", page.Credit.Of(page.Pairings.Select(p => p.Source).DefaultIfEmpty(IndicatorSources.StatBank)) + ".");
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

    private static void Method(HtmlBuilder html)
    {
        Section(html, "metoden", "Sådan regnes skønnet",
            "Skønnet tager sidste års officielle tal og lader det vokse lige så meget, som den hurtige statistik er vokset fra samme kvartal året før. " +
            "Er der f.eks. tal for 3. kvartal 2025, er skønnet for 2025: tallet for 2024 gange lønmodtagere i 3. kvartal 2025 divideret med lønmodtagere i 3. kvartal 2024. " +
            "Der bruges altid det seneste kvartal af året, der er tal for, og det sammenlignes med samme kvartal året før, så årstidens udsving ikke forstyrrer.",
            "Gælder et mål flere kommuner, lægges kommunernes tal først sammen, præcis som når målet vurderes, og så regnes skønnet på summerne. " +
            "Er sidste års officielle tal ikke offentliggjort endnu, laves der intet skøn.");
        Section(html, "intervallet", "Intervallet: hvor meget skønnet plejer at ramme ved siden af",
            "Intervallet bygger på, hvordan metoden har ramt tidligere. For hvert tidligere år og hver enkelt kommune regnes det skøn, metoden ville have givet med samme kvartal, " +
            "og det sammenlignes med det officielle tal, der kom senere. Afvigelserne i procent sorteres efter størrelse, og intervallet går så langt ud til hver side, " +
            $"at {NowcastMethod.BandPercent} % af afvigelserne er mindre (den ⌈0,8·n⌉-mindste af de n afvigelser).",
            "Kun år før det år, der skønnes over, indgår: skønnet ser aldrig frem i tiden. " +
            $"Er der færre end {NowcastMethod.MinimumPastErrors} tidligere afvigelser, får skønnet intet interval, og det står der ved skønnet.");
        Section(html, "status", "Skønnets status",
            "Skønnet vurderes som de officielle tal, med målets egne grænser for På sporet, I risiko og Bagud, og desuden ved intervallets to ender. " +
            "Giver de to ender forskellig status, er det for tæt på til at sige, hvordan året ender, og så står der det.");
        Section(html, "begraensninger", "Det kan skønnet ikke",
            "Lønmodtagere tælles, hvor de bor; job tælles, hvor arbejdspladsen ligger. Pendlere, selvstændige og folk med flere job gør, at de to tal ikke følger hinanden helt.",
            "Intervallet er ofte bredere end et mål på f.eks. 500 job flere om året. Derfor er det tidlige svar ofte \"for tæt på til at sige\": " +
            "skønnet fortæller, hvilken vej det går, men sjældent med sikkerhed, om målet nås.",
            "Skønnet bruger tallene, som de står nu. Når Danmarks Statistik reviderer, kan skønnet flytte sig; det officielle tal afløser altid skønnet, når det kommer.");
    }

    private static void Section(HtmlBuilder html, string id, string heading, params string[] paragraphs)
    {
        using (html.Tag("section", ("aria-labelledby", id)))
        {
            html.Element("h2", heading, ("id", id));
            foreach (var paragraph in paragraphs)
            {
                html.Element("p", paragraph);
            }
        }
    }

    private static void Record(HtmlBuilder html, NowcastPage page)
    {
        using (html.Tag("section", ("aria-labelledby", RecordId)))
        {
            html.Element("h2", "Sådan har skønnet ramt", ("id", RecordId));
            html.Element("p",
                "Tabellerne viser alle de skøn, metoden kunne have lavet for de år, hvor det officielle tal nu kendes, i alle kommuner og områder med tal for begge statistikker, " +
                "regnet på tallene, som de står i dag. Intervallet for hvert skøn bygger kun på de foregående års afvigelser. Til sammenligning står to enkle regler: " +
                "\"ingen ændring\" (skønnet er sidste års tal) og \"sidste års ændring gentaget\" (sidste års tal plus ændringen året før; den kræver to tidligere år og regnes derfor på lidt færre skøn). " +
                "Jo mindre afvigelse, jo bedre; skønnet er kun værd at bruge, hvor det rammer bedre end de enkle regler.");
            if (page.Pairings.Count == 0)
            {
                html.Element("p", "Ingen indikator i kataloget har et foreløbigt skøn.");
                return;
            }

            foreach (var pairing in page.Pairings)
            {
                Pairing(html, pairing);
            }
        }
    }

    private static void Pairing(HtmlBuilder html, NowcastPairing pairing)
    {
        var id = "skoen-" + pairing.Indicator;
        html.Element("h3", $"{pairing.Title} skønnet ud fra {NowcastText.InText(pairing.LeadingTitle)}", ("id", id));
        if (pairing.Record.Count == 0)
        {
            html.Element("p", $"Der er endnu intet år, hvor både skønnet og det officielle tal kendes ({Areas(pairing.Areas)} med tal for begge statistikker).");
            return;
        }

        html.Element("p", $"Alle {Areas(pairing.Areas)} med tal for begge statistikker under ét." + (Summary(pairing) is { } summary ? " " + summary : ""));
        using (HtmlPage.Table(html, id + "-tabel", $"{pairing.Title}: gennemsnitlig afvigelse fra det officielle tal efter det kvartal, skønnet er lavet med"))
        {
            HtmlPage.HeaderRow(html,
            [
                "Skøn lavet med", "Antal skøn", "Skønnets afvigelse", "Skønnets afvigelse i %", "Skøn med interval", "Officielt tal inden for intervallet",
                "\"Ingen ændring\": afvigelse", "\"Ingen ændring\": afvigelse i %", "\"Sidste års ændring gentaget\": afvigelse", "\"Sidste års ændring gentaget\": afvigelse i %",
            ], numericFrom: 1);
            using (html.Tag("tbody"))
            {
                foreach (var quarter in pairing.Record)
                {
                    var pooled = quarter.Pooled;
                    using (html.Tag("tr"))
                    {
                        html.Element("th", $"{quarter.Quarter}. kvartal", ("scope", "row"));
                        HtmlPage.Cell(html, pooled.Nowcast.Estimates.ToString("#,##0", Danish.Culture));
                        ErrorCells(html, pooled.Nowcast, pairing.Unit);
                        HtmlPage.Cell(html, pooled.Banded.ToString("#,##0", Danish.Culture));
                        HtmlPage.Cell(html, pooled.Coverage is { } coverage ? Danish.Percent(coverage) : null);
                        ErrorCells(html, pooled.NoChange, pairing.Unit);
                        ErrorCells(html, pooled.LastChangeRepeated, pairing.Unit);
                    }
                }
            }
        }
    }

    private static void ErrorCells(HtmlBuilder html, EstimateError error, string? unit)
    {
        HtmlPage.Cell(html, error.MeanAbsoluteError is { } units ? Danish.WithUnit(Danish.Number(units), unit) : null);
        HtmlPage.Cell(html, error.MeanAbsolutePercentError is { } percent ? Danish.PercentValue(percent) : null);
    }

    /// <summary>The latest quarter's record in one sentence: what a reader most often has when the estimate is read.</summary>
    private static string? Summary(NowcastPairing pairing)
    {
        var (quarter, pooled) = (pairing.Record[^1].Quarter, pairing.Record[^1].Pooled);
        if (pooled.Nowcast.MeanAbsolutePercentError is not { } method)
        {
            return null;
        }

        var baselines = string.Join(" og ", new[]
        {
            pooled.NoChange.MeanAbsolutePercentError is { } noChange ? $"{Danish.PercentValue(noChange)} for \"ingen ændring\"" : null,
            pooled.LastChangeRepeated.MeanAbsolutePercentError is { } repeated ? $"{Danish.PercentValue(repeated)} for \"sidste års ændring gentaget\"" : null,
        }.OfType<string>());
        return $"Med tal for {quarter}. kvartal har skønnet i gennemsnit ramt {Danish.PercentValue(method)} ved siden af" +
               (baselines.Length > 0 ? $", mod {baselines}." : ".") +
               (pooled.Coverage is { } coverage ? $" {Danish.Percent(coverage)} af de officielle tal lå inden for {NowcastMethod.BandPercent}{Danish.NoBreakSpace}%-intervallet." : "");
    }

    private static string Areas(int count) => count == 1 ? "1 område" : $"{count.ToString("#,##0", Danish.Culture)} områder";
}
