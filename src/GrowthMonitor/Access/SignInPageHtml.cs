using GrowthMonitor.Presentation;

namespace GrowthMonitor.Access;

/// <summary>
/// The Danish sign-in pages (<c>/log-ind</c>, <c>/log-ind/link</c>), in the layout and stylesheet of every page of the
/// service: the form for an e-mail address (and the way to the organisation's sign-in), the receipt that never says whether the address is a member, the button
/// that uses a link, and the plain page for a link that no longer works. Forms carry the antiforgery token.
/// </summary>
internal static class SignInPageHtml
{
    public const string EmailField = "email";

    public const string TokenField = "token";

    private const string Title = "Log ind i GrowthMonitor";

    private const string EmailErrorId = "email-fejl";

    /// <summary>
    /// The form for an e-mail address; with <paramref name="error"/> beside the field (WCAG: errors next to the field).
    /// With <paramref name="offerOrganisation"/> (an OpenID Connect provider is configured) sign-in with the
    /// organisation's account comes first: most people who sign in are its staff.
    /// </summary>
    public static string Form(FormToken antiforgery, bool offerOrganisation, string? email = null, string? error = null) => Page(Title, html =>
    {
        if (offerOrganisation)
        {
            html.Element("p", "Har du en konto i kommunen eller organisationen, så log ind med den.", ("class", "lead"));
            using (html.Tag("p"))
            {
                html.Element("a", "Log ind med din organisation", ("href", OidcSignIn.ChallengePath), ("class", "organisation-sign-in"));
            }

            html.Element("h2", "Eller få et link på e-mail");
        }

        html.Element("p", "Skriv din e-mailadresse, så sender vi dig et link, der logger dig ind. Linket virker én gang.", ("class", "lead"));
        using (html.Tag("form", ("method", "post"), ("action", SignInEndpoints.SignInPath), ("novalidate", "novalidate")))
        {
            Hidden(html, antiforgery.FieldName, antiforgery.Value);
            using (html.Tag("p"))
            {
                html.Element("label", "E-mailadresse", ("for", EmailField));
                if (error is not null)
                {
                    html.Element("span", error, ("id", EmailErrorId), ("class", "field-error"));
                }

                html.Empty("input", ("type", "email"), ("id", EmailField), ("name", EmailField), ("autocomplete", "email"), ("required", "required"),
                    ("value", email), ("aria-invalid", error is null ? null : "true"), ("aria-describedby", error is null ? null : EmailErrorId));
            }

            html.Element("button", "Send mig et link", ("type", "submit"));
        }
    });

    /// <summary>The same receipt whether or not the address is a member, so that the form tells no one who is.</summary>
    public static string Sent() => Page("Tjek din e-mail", html =>
    {
        html.Element("p", "Hvis adressen er kendt, har vi sendt et link", ("class", "lead"), ("role", "status"));
        html.Element("p", "Linket virker én gang og kun i kort tid. Kommer der ingen e-mail, så tjek stavningen og din spam-mappe, eller spørg den, der har givet dig adgang.");
        BackToForm(html, "Bed om et nyt link");
    });

    /// <summary>A button that uses the link: opening the link (as a mail scanner does) uses nothing.</summary>
    public static string UseLink(FormToken antiforgery, string token) => Page(Title, html =>
    {
        html.Element("p", "Tryk på knappen for at logge ind. Linket virker kun én gang.", ("class", "lead"));
        using (html.Tag("form", ("method", "post"), ("action", SignInMail.LinkPath)))
        {
            Hidden(html, antiforgery.FieldName, antiforgery.Value);
            Hidden(html, TokenField, token);
            html.Element("button", "Log ind", ("type", "submit"));
        }
    });

    /// <summary>
    /// A link that is used, expired, altered or missing, a form that came back without its token, or a sign-in through
    /// the organisation's provider that cannot be used.
    /// </summary>
    public static string Refused(string heading, string sentence, string back = "Bed om et nyt link til at logge ind") => Page(heading, html =>
    {
        html.Element("p", sentence, ("class", "lead"));
        BackToForm(html, back);
    });

    private static string Page(string heading, Action<HtmlBuilder> main)
    {
        var html = new HtmlBuilder();
        using (HtmlPage.Document(html, $"{heading} – GrowthMonitor"))
        {
            using (html.Tag("header"))
            {
                html.Element("h1", heading);
            }

            using (html.Tag("main"))
            {
                main(html);
            }

            using (html.Tag("footer"))
            using (html.Tag("p"))
            {
                html.Element("a", "Til forsiden", ("href", HtmlPage.FrontPagePath));
            }
        }

        return html.ToString();
    }

    private static void BackToForm(HtmlBuilder html, string text)
    {
        using (html.Tag("p"))
        {
            html.Element("a", text, ("href", SignInEndpoints.SignInPath));
        }
    }

    private static void Hidden(HtmlBuilder html, string name, string? value) =>
        html.Empty("input", ("type", "hidden"), ("name", name), ("value", value));
}
