using System.Globalization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Presentation;

/// <summary>
/// An inline SVG line chart of a target's actual figures against its expected path. It is an image with a title and a
/// description for screen readers (the numbers themselves are in the data table the renderer writes next to it), and
/// the two lines differ in more than colour: the actual line is solid with round markers, the expected one dashed,
/// and both are named in a legend and at their last point.
/// </summary>
internal static class LineChart
{
    // User units of the viewBox; the SVG scales to the page width, text with it.
    private const double Width = 720;
    private const double Height = 340;
    private const double Left = 78;
    private const double Right = 92;
    private const double Top = 44;
    private const double Bottom = 40;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private const int MaxYearLabels = 12;

    public const string ActualLabel = "Faktisk";
    public const string ExpectedLabel = "Forventet (mål)";

    /// <summary>Whether there is anything to draw: at least one actual or expected figure.</summary>
    public static bool HasData(IReadOnlyList<ChartPoint> points) => points.Any(p => Finite(p.Actual) is not null || Finite(p.Expected) is not null);

    /// <summary>Draws the chart; call only when <see cref="HasData"/>.</summary>
    public static void Write(HtmlBuilder html, IReadOnlyList<ChartPoint> chart, string id, string title, string description, string? unit)
    {
        var points = chart.OrderBy(p => p.Period).ToList();
        var values = points.SelectMany(p => new[] { Finite(p.Actual), Finite(p.Expected) }).OfType<double>().ToList();
        var (yMin, yMax, step) = YScale(values.Min(), values.Max());
        var xScale = new XScale(points[0].Period, points[^1].Period);
        double Y(double value) => Top + PlotHeight * (yMax - value) / (yMax - yMin);

        using (html.Tag("svg",
            ("class", "chart"), ("viewBox", $"0 0 {Svg(Width)} {Svg(Height)}"), ("role", "img"),
            ("aria-labelledby", id + "-title"), ("aria-describedby", id + "-desc")))
        {
            html.Element("title", title, ("id", id + "-title"));
            html.Element("desc", description, ("id", id + "-desc"));

            using (html.Tag("g", ("class", "y-axis")))
            {
                // Counted in whole steps, so rounding never drops or adds the last tick.
                var ticks = (int)Math.Round((yMax - yMin) / step);
                for (var i = 0; i <= ticks; i++)
                {
                    var tick = yMin + i * step;
                    var y = Y(tick);
                    html.Empty("line", ("class", "grid"), ("x1", Svg(Left)), ("x2", Svg(Left + PlotWidth)), ("y1", Svg(y)), ("y2", Svg(y)));
                    html.Element("text", TickLabel(tick, step), ("x", Svg(Left - 8)), ("y", Svg(y + 4)), ("text-anchor", "end"));
                }

                if (!string.IsNullOrWhiteSpace(unit))
                {
                    html.Element("text", unit, ("x", "8"), ("y", "18"), ("class", "unit"));
                }
            }

            using (html.Tag("g", ("class", "x-axis")))
            {
                var bottom = Top + PlotHeight;
                html.Empty("line", ("class", "axis"), ("x1", Svg(Left)), ("x2", Svg(Left + PlotWidth)), ("y1", Svg(bottom)), ("y2", Svg(bottom)));
                foreach (var (period, label) in xScale.YearTicks(points))
                {
                    var x = xScale.X(period);
                    html.Empty("line", ("class", "axis"), ("x1", Svg(x)), ("x2", Svg(x)), ("y1", Svg(bottom)), ("y2", Svg(bottom + 5)));
                    html.Element("text", label, ("x", Svg(x)), ("y", Svg(bottom + 22)), ("text-anchor", "middle"));
                }
            }

            Legend(html);

            var expected = Line(points, p => p.Expected, xScale, Y);
            var actual = Line(points, p => p.Actual, xScale, Y);
            Series(html, "expected", expected, markEveryPoint: false);
            Series(html, "actual", actual, markEveryPoint: true);
            EndLabels(html, points, xScale, Y);
        }
    }

    private static void Legend(HtmlBuilder html)
    {
        // Top right, clear of the unit label at the top left.
        const double x = Width - Right - 300;
        using (html.Tag("g", ("class", "legend")))
        {
            html.Empty("line", ("class", "actual"), ("x1", Svg(x)), ("x2", Svg(x + 30)), ("y1", "18"), ("y2", "18"));
            html.Empty("circle", ("class", "marker-actual"), ("cx", Svg(x + 15)), ("cy", "18"), ("r", "4"));
            html.Element("text", ActualLabel, ("x", Svg(x + 38)), ("y", "22"));
            html.Empty("line", ("class", "expected"), ("x1", Svg(x + 120)), ("x2", Svg(x + 160)), ("y1", "18"), ("y2", "18"));
            html.Element("text", ExpectedLabel, ("x", Svg(x + 168)), ("y", "22"));
        }
    }

    /// <summary>
    /// Segments of consecutive points that have a value: a missing figure breaks the line rather than bridging it.
    /// </summary>
    private static List<List<(double X, double Y)>> Line(IReadOnlyList<ChartPoint> points, Func<ChartPoint, double?> value, XScale x, Func<double, double> y)
    {
        List<List<(double X, double Y)>> segments = [];
        List<(double X, double Y)>? current = null;
        foreach (var point in points)
        {
            if (Finite(value(point)) is { } v)
            {
                current ??= [];
                current.Add((x.X(point.Period), y(v)));
            }
            else if (current is not null)
            {
                segments.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            segments.Add(current);
        }

        return segments;
    }

    private static void Series(HtmlBuilder html, string name, List<List<(double X, double Y)>> segments, bool markEveryPoint)
    {
        using (html.Tag("g", ("class", "series-" + name)))
        {
            foreach (var segment in segments)
            {
                if (segment.Count > 1)
                {
                    var path = "M" + string.Join(" L", segment.Select(p => Svg(p.X) + " " + Svg(p.Y)));
                    html.Empty("path", ("class", name), ("d", path));
                }

                // Actual figures are marked (filled dots) where they were measured; the expected path (hollow dots)
                // only where a lone point would otherwise be invisible.
                foreach (var (px, py) in markEveryPoint || segment.Count == 1 ? segment : [])
                {
                    html.Empty("circle", ("class", "marker-" + name), ("cx", Svg(px)), ("cy", Svg(py)), ("r", "4"));
                }
            }
        }
    }

    /// <summary>
    /// Names each line at its last point. The actual line usually ends mid-chart while the expected one runs on, so
    /// its name goes on the side of its last point away from the expected line; the expected name sits past the end.
    /// </summary>
    private static void EndLabels(HtmlBuilder html, IReadOnlyList<ChartPoint> points, XScale x, Func<double, double> y)
    {
        const double lineHeight = 16;
        var lastActual = points.LastOrDefault(p => Finite(p.Actual) is not null);
        var lastExpected = points.LastOrDefault(p => Finite(p.Expected) is not null);
        using (html.Tag("g", ("class", "end-labels")))
        {
            if (lastActual is { Actual: { } actual })
            {
                var (px, py) = (x.X(lastActual.Period), y(actual));
                // Below the point when the expected line passes just above it, above when it passes just below (this
                // also keeps the two names apart when both lines end at the same point).
                var labelY = Finite(lastActual.Expected) is { } expected && Math.Abs(y(expected) - py) < 2 * lineHeight
                    ? (y(expected) <= py ? py + lineHeight + 4 : py - 8)
                    : py + 4;
                html.Element("text", ActualLabel, ("x", Svg(px + 9)), ("y", Svg(labelY)));
            }

            if (lastExpected is { Expected: { } expectedEnd })
            {
                html.Element("text", "Forventet", ("x", Svg(x.X(lastExpected.Period) + 9)), ("y", Svg(y(expectedEnd) + 4)));
            }
        }
    }

    /// <summary>
    /// A value axis with about five "nice" steps (1, 2 or 5 × 10ⁿ) around the data. It need not start at zero: the
    /// chart is about the course of a level, and a job count near 60.000 would otherwise be a flat line.
    /// </summary>
    private static (double Min, double Max, double Step) YScale(double min, double max)
    {
        if (max - min < 1e-9)
        {
            // One value (a single point or a flat line): centre it in a band around it.
            var half = Math.Max(Math.Abs(max) * 0.05, 1);
            (min, max) = (min - half, max + half);
        }

        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    private static string TickLabel(double tick, double step)
    {
        var rounded = Math.Abs(tick) < step / 1e6 ? 0 : tick;
        var decimals = step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(step));
        return rounded.ToString("#,##0" + (decimals > 0 ? "." + new string('0', decimals) : ""), Danish.Culture);
    }

    /// <summary>A NaN or infinity would break the drawing's geometry, so it is drawn as a missing figure.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>SVG coordinates are plain numbers with a decimal point, whatever the culture.</summary>
    private static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Time runs along x by each period's first day, so gaps and mixed lengths stay in proportion.</summary>
    private sealed class XScale(Period first, Period last)
    {
        private readonly int from = first.Start.DayNumber;
        private readonly int span = last.Start.DayNumber - first.Start.DayNumber;

        public double X(Period period) =>
            span == 0 ? Left + PlotWidth / 2 : Left + PlotWidth * (period.Start.DayNumber - from) / span;

        /// <summary>One tick per year, at the year's first period on the chart; every n-th year when there are many.</summary>
        public IEnumerable<(Period Period, string Label)> YearTicks(IReadOnlyList<ChartPoint> points)
        {
            var firstOfYear = points.GroupBy(p => p.Period.Year).Select(g => g.First().Period).ToList();
            var every = (int)Math.Ceiling(firstOfYear.Count / (double)MaxYearLabels);
            return firstOfYear.Where((_, i) => i % every == 0).Select(p => (p, p.Year.ToString(Danish.Culture)));
        }
    }
}
