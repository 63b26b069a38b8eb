using System.Globalization;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The Danish page a browser gets instead of an error's ProblemDetails: in the report's layout and stylesheet, what
/// happened as a heading and a sentence, the service's English detail marked as English, and the way back to the
/// front page. Accessible as every page of the service is (WCAG 2.1 AA).
/// </summary>
internal static class ErrorPageHtml
{
    /// <param name="status">The response's status code, which the page names.</param>
    /// <param name="sentence">What went wrong in Danish; without it, what the status code means.</param>
    /// <param name="englishDetail">The ProblemDetails' detail, shown as the technical explanation.</param>
    public static string Render(int status, string? sentence, string? englishDetail)
    {
        var (heading, meaning) = Explain(status);
        var html = new HtmlBuilder();
        using (HtmlPage.Document(html, $"{heading} – GrowthMonitor"))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", heading);
            }

            using (html.Tag("main"))
            {
                html.Element("p", sentence ?? meaning, ("class", "lead"));
                if (!string.IsNullOrWhiteSpace(englishDetail))
                {
                    using (html.Tag("p"))
                    {
                        html.Text("Teknisk forklaring: ").Element("span", englishDetail, ("lang", "en"));
                    }
                }

                using (html.Tag("p"))
                {
                    html.Element("a", "Til forsiden med alle alliancer, mål og rapporter", ("href", HtmlPage.FrontPagePath));
                }
            }

            using (html.Tag("footer"))
            {
                html.Element("p", $"GrowthMonitor svarede med fejlkode {status.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return html.ToString();
    }

    private static (string Heading, string Meaning) Explain(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ("Adressen kan ikke bruges", "Adressen indeholder en værdi, som GrowthMonitor ikke kan bruge."),
        StatusCodes.Status401Unauthorized => ("Adgang kræver en nøgle", "Siden kan kun ses med en nøgle til GrowthMonitor."),
        StatusCodes.Status403Forbidden => ("Ingen adgang", "Nøglen giver ikke adgang til denne side."),
        StatusCodes.Status404NotFound => ("Siden findes ikke", "Der er ingen side på denne adresse."),
        StatusCodes.Status405MethodNotAllowed => ("Handlingen er ikke mulig her", "Adressen kan ikke bruges til denne handling."),
        StatusCodes.Status409Conflict => ("Handlingen kan ikke udføres nu", "Handlingen strider mod det, der allerede er gemt."),
        StatusCodes.Status413PayloadTooLarge => ("For meget på én gang", "Det sendte er større, end GrowthMonitor tager imod."),
        StatusCodes.Status429TooManyRequests => ("For mange forespørgsler", "Der er kommet for mange forespørgsler på kort tid. Prøv igen om lidt."),
        StatusCodes.Status503ServiceUnavailable => ("GrowthMonitor er midlertidigt utilgængelig", "En database svarer ikke lige nu. Prøv igen om lidt."),
        >= 500 => ("Der opstod en fejl", "GrowthMonitor kunne ikke vise siden på grund af en fejl. Prøv igen senere."),
        _ => ("Siden kan ikke vises", "GrowthMonitor kunne ikke besvare forespørgslen."),
    };
}
