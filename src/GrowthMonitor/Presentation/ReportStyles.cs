namespace GrowthMonitor.Presentation;

/// <summary>
/// The page's only stylesheet, inline so the report is one self-contained file that can be mailed, archived or
/// printed offline. Every text colour has at least 4.5:1 contrast against its background (the status badges about
/// 7:1 or more) and the chart lines at least 3:1 against white; status is always a word, and the badges keep a border
/// for printers that drop backgrounds.
/// </summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; }
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
               font-size: 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
        header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 1.75rem 0 .75rem; }
        h2 { font-size: 1.45rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-top: 1.25rem; border-top: 2px solid #c4cad3; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
        p { max-width: 72ch; margin: .5rem 0; }
        a { color: #0b57a4; }
        a:focus-visible, .table-wrap:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
        .lead { font-size: 1.08rem; }
        .goal { color: #3d4650; }
        .summary { font-size: 1.08rem; }
        /* An estimate is set apart from the official figures by a dashed rule, besides its words. */
        .nowcast { border-left: 4px dashed #5b6470; padding-left: .75rem; }
        .table-wrap { overflow-x: auto; margin: .5rem 0 1.25rem; position: relative; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        table.compact { width: auto; min-width: min(30rem, 100%); }
        caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
        /* A wide table scrolls inside its wrapper; its caption stays in view and wraps to the screen. */
        @media (max-width: 40rem) { caption { position: sticky; left: 0; max-width: calc(100vw - 2rem); } }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #c4cad3; vertical-align: top; }
        thead th { background: #eef2f7; border-bottom: 2px solid #5b6470; }
        .num { text-align: right; white-space: nowrap; }
        .when { color: #3d4650; }
        .status { display: inline-block; padding: 0 .45rem; border: 1px solid currentColor; border-radius: .25rem;
                  font-weight: 600; white-space: nowrap; }
        .status-on_track { color: #14532d; background: #e6f4ea; }
        .status-at_risk { color: #6b3d00; background: #fff1cc; }
        .status-off_track { color: #8b1a1a; background: #fde4e4; }
        .status-no_data { color: #37404a; background: #edf0f3; }
        .status-counts, .years, .links { list-style: none; padding: 0; margin: .5rem 0 1rem; display: flex; flex-wrap: wrap; gap: .4rem 1.25rem; }
        .focus-areas { list-style: none; padding: 0; margin: .5rem 0 1rem; }
        .focus-areas .years { margin: .2rem 0 .75rem; }
        .focus-area { font-weight: 600; }
        .note { min-width: 16rem; }
        figure { margin: 1rem 0 .25rem; }
        figcaption { color: #3d4650; font-size: .95rem; max-width: 72ch; }
        svg.chart { display: block; width: 100%; max-width: 48rem; height: auto; }
        .chart text { font-size: 14px; fill: #2b3036; }
        .chart .unit { font-weight: 600; }
        .chart .grid { stroke: #dde1e7; stroke-width: 1; }
        .chart .axis { stroke: #5b6470; stroke-width: 1; }
        .chart .actual { fill: none; stroke: #1b4f9c; stroke-width: 3; stroke-linejoin: round; }
        .chart .expected { fill: none; stroke: #a04500; stroke-width: 2.5; stroke-dasharray: 9 6; }
        .chart .marker-actual { fill: #1b4f9c; stroke: #fff; stroke-width: 1.5; }
        .chart .marker-expected { fill: #fff; stroke: #a04500; stroke-width: 2; }
        .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        /* Forms: a label above each field, its error in words beside it (and a red border besides the words). */
        form .field { margin: .75rem 0; }
        form label { display: block; font-weight: 600; margin-bottom: .2rem; }
        .hint { display: block; color: #3d4650; font-size: .95rem; }
        input, select, textarea, button { font: inherit; }
        input, select, textarea { padding: .35rem .5rem; border: 1px solid #5b6470; border-radius: .25rem; max-width: 100%; }
        textarea { width: 100%; max-width: 40rem; min-height: 5rem; }
        [aria-invalid="true"] { border: 2px solid #8b1a1a; }
        .field-error { display: block; color: #8b1a1a; font-weight: 600; }
        .field-error::before { content: "Fejl: "; }
        button { padding: .4rem .9rem; border: 1px solid #0b57a4; border-radius: .25rem; background: #0b57a4; color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: #0b57a4; }
        input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
        form.inline { display: inline; }
        .error-summary { border: 2px solid #8b1a1a; padding: .5rem 1rem; margin: 1rem 0; }
        .saved { border-left: 4px solid #14532d; padding-left: .75rem; }
        .signed-in { font-size: .95rem; }
        footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid #c4cad3; color: #3d4650; }
        @media (max-width: 40rem) {
          h1 { font-size: 1.5rem; }
          h2 { font-size: 1.25rem; }
          th, td { padding: .3rem .4rem; }
        }
        @media print {
          @page { size: A4; margin: 16mm 14mm; }
          body { font-size: 10.5pt; color: #000; }
          header, main, footer { max-width: none; padding: 0; }
          .target { break-before: page; }
          h2 { border-top: 0; margin-top: 0; padding-top: 0; }
          h2, h3, caption { break-after: avoid; }
          figure, tr { break-inside: avoid; }
          thead { display: table-header-group; }
          .table-wrap { overflow: visible; }
          a { color: inherit; text-decoration: none; }
          nav, form { display: none; }
          thead th, .status { background: none; }
          .status, .goal, .when, figcaption, footer { color: #000; }
        }
        """;
}
