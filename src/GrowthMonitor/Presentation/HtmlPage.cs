using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The parts every Danish page of the service shares (the annual report, the front page, alert e-mails): the document
/// with its stylesheet, tables that scroll on a narrow screen, cells that say "intet tal" to a screen reader, and
/// status badges whose colour only repeats the word.
/// </summary>
internal static class HtmlPage
{
    /// <summary>The front page, where every page of the service leads back to.</summary>
    public const string FrontPagePath = "/";

    /// <summary>
    /// Writes the document up to its open body (<c>lang="da"</c>, the viewport, the title, <see cref="ReportStyles"/>);
    /// disposing the returned scope closes the body and the document.
    /// </summary>
    public static Scopes Document(HtmlBuilder html, string title)
    {
        html.Raw("<!DOCTYPE html>\n");
        var document = html.Tag("html", ("lang", "da"));
        using (html.Tag("head"))
        {
            html.Empty("meta", ("charset", "utf-8"))
                .Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
                .Element("title", title);
            html.Open("style").Raw(ReportStyles.Css).Close("style");
        }

        return new Scopes(html.Tag("body"), document);
    }

    /// <summary>
    /// A table in a wrapper that scrolls sideways on a narrow screen instead of the page; the wrapper is focusable
    /// and named by the caption so keyboard users can scroll it too.
    /// </summary>
    public static Scopes Table(HtmlBuilder html, string id, string caption, bool compact = false)
    {
        var wrapper = html.Tag("div", ("class", "table-wrap"), ("role", "region"), ("aria-labelledby", id), ("tabindex", "0"));
        var table = html.Tag("table", ("class", compact ? "compact" : null));
        html.Element("caption", caption, ("id", id));
        return new Scopes(table, wrapper);
    }

    public static void HeaderRow(HtmlBuilder html, string[] headers, int numericFrom)
    {
        using (html.Tag("thead"))
        using (html.Tag("tr"))
        {
            for (var i = 0; i < headers.Length; i++)
            {
                html.Element("th", headers[i], ("scope", "col"), ("class", i >= numericFrom ? "num" : null));
            }
        }
    }

    /// <summary>A link as an item of a list of links.</summary>
    public static void LinkItem(HtmlBuilder html, string text, string href)
    {
        using (html.Tag("li"))
        {
            html.Element("a", text, ("href", href));
        }
    }

    /// <summary>A cell, or a dash that screen readers hear as "intet tal" when there is no figure.</summary>
    public static void Cell(HtmlBuilder html, string? text, bool numeric = true)
    {
        using (html.Tag("td", ("class", numeric ? "num" : null)))
        {
            if (text is null)
            {
                MissingValue(html);
            }
            else
            {
                html.Text(text);
            }
        }
    }

    public static void MissingValue(HtmlBuilder html) =>
        html.Element("span", Danish.Missing, ("aria-hidden", "true")).Element("span", Danish.MissingSpoken, ("class", "sr-only"));

    /// <summary>The status word in a badge; the colour only repeats the word.</summary>
    public static void StatusBadge(HtmlBuilder html, TargetStatus status) =>
        html.Element("span", Danish.StatusWord(status), ("class", "status status-" + Wire.Status.Of(status)));

    /// <summary>"2 mål: 1 På sporet, 1 I risiko, 0 Bagud, 0 Ingen data" as a list of badges with their counts.</summary>
    public static void StatusCounts(HtmlBuilder html, IReadOnlyList<StatusCount> counts, string label)
    {
        using (html.Tag("ul", ("class", "status-counts"), ("aria-label", label)))
        {
            foreach (var count in counts)
            {
                using (html.Tag("li"))
                {
                    StatusBadge(html, count.Status);
                    html.Text($" {count.Count.ToString(Danish.Culture)} mål");
                }
            }
        }
    }

    /// <summary>A time element with Copenhagen wall-clock time in Danish.</summary>
    public static void Time(HtmlBuilder html, DateTimeOffset instant)
    {
        var (text, iso) = Danish.Timestamp(instant);
        html.Element("time", text, ("datetime", iso));
    }

    /// <summary>Two nested elements closed inner first.</summary>
    public readonly struct Scopes(HtmlBuilder.Scope inner, HtmlBuilder.Scope outer) : IDisposable
    {
        public void Dispose()
        {
            inner.Dispose();
            outer.Dispose();
        }
    }
}
