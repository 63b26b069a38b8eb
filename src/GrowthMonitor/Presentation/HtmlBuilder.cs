using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace GrowthMonitor.Presentation;

/// <summary>
/// Writes HTML with one rule that keeps model text inert: <see cref="Text"/> and every attribute value are encoded,
/// and <see cref="Raw"/> is only ever given string literals of this renderer. Elements are closed by disposing the
/// scope <see cref="Tag"/> returns, so nesting cannot go wrong.
/// </summary>
internal sealed class HtmlBuilder
{
    // All of Unicode passes as is (the page is UTF-8, and Danish letters stay readable in the source); the encoder
    // still escapes < > & ' " and the characters HTML treats specially.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    // A line break after these closing tags keeps the page source readable without changing how it renders.
    private static readonly HashSet<string> LineBreakAfter =
        ["html", "head", "body", "header", "main", "footer", "section", "nav", "figure", "table", "thead", "tbody", "tr",
         "p", "h1", "h2", "h3", "div", "ul", "li", "style", "title", "svg", "g", "figcaption", "caption"];

    private readonly StringBuilder html = new();

    /// <summary>Markup written as is: only literals of this renderer, never text that came from the model.</summary>
    public HtmlBuilder Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>Opens an element; attributes with a null value are left out.</summary>
    public HtmlBuilder Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        html.Append('<').Append(tag);
        AppendAttributes(attributes);
        html.Append('>');
        return this;
    }

    public HtmlBuilder Close(string tag)
    {
        html.Append("</").Append(tag).Append('>');
        if (LineBreakAfter.Contains(tag))
        {
            html.Append('\n');
        }

        return this;
    }

    /// <summary>An element that is closed when the returned scope is disposed.</summary>
    public Scope Tag(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        Open(tag, attributes);
        return new Scope(this, tag);
    }

    /// <summary>An element holding only encoded text.</summary>
    public HtmlBuilder Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>
    /// An element without content: written self-closing, which HTML reads as a void element (meta) and SVG as an
    /// empty one (line, path, circle).
    /// </summary>
    public HtmlBuilder Empty(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        html.Append('<').Append(tag);
        AppendAttributes(attributes);
        html.Append(" />");
        return this;
    }

    public override string ToString() => html.ToString();

    private void AppendAttributes(ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                html.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
            }
        }
    }

    public readonly struct Scope(HtmlBuilder builder, string tag) : IDisposable
    {
        public void Dispose() => builder.Close(tag);
    }
}
