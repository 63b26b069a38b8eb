using System.Globalization;
using GrowthMonitor.Core;
using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.Presentation.Components;

/// <summary>
/// The chart's geometry: scales, ticks, the segments of each line and where each line's name goes. The markup is in
/// <c>LineChart.razor</c>.
/// </summary>
public sealed partial class LineChart
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
    private const double PlotBottom = Top + PlotHeight;
    private const int MaxYearLabels = 12;

    // The legend sits top right, clear of the unit label at the top left.
    private const double LegendX = Width - Right - 300;

    public const string ActualLabel = "Faktisk";
    public const string ExpectedLabel = "Forventet (mål)";

    /// <summary>The caption of a chart with its figures in a table beneath: which line is which, in more than colour.</summary>
    public const string Caption = "Den fuldt optrukne linje med prikker viser de faktiske tal; den stiplede linje viser det forløb, målet forudsætter. Tallene står i tabellen herunder.";

    [Parameter, EditorRequired] public required IReadOnlyList<ChartPoint> Points { get; set; }

    /// <summary>The prefix of the ids of the chart's title and description.</summary>
    [Parameter, EditorRequired] public required string Id { get; set; }

    [Parameter, EditorRequired] public required string Title { get; set; }

    [Parameter, EditorRequired] public required string Description { get; set; }

    [Parameter] public string? Unit { get; set; }

    private Geometry Drawing { get; set; } = null!;

    /// <summary>Whether there is anything to draw: at least one actual or expected figure.</summary>
    public static bool HasData(IReadOnlyList<ChartPoint> points) => points.Any(p => Finite(p.Actual) is not null || Finite(p.Expected) is not null);

    protected override void OnParametersSet()
    {
        if (!HasData(Points))
        {
            throw new InvalidOperationException("A chart needs at least one actual or expected figure: check LineChart.HasData first.");
        }

        Drawing = Geometry.Of(Points);
    }

    private sealed record Series(string Name, List<List<(double X, double Y)>> Segments, bool MarkEveryPoint);

    private sealed record Geometry(
        IReadOnlyList<(double Y, string Label)> YTicks,
        IReadOnlyList<(double X, string Label)> XTicks,
        IReadOnlyList<Series> Series,
        IReadOnlyList<(double X, double Y, string Label)> EndLabels)
    {
        public static Geometry Of(IReadOnlyList<ChartPoint> chart)
        {
            var points = chart.OrderBy(p => p.Period).ToList();
            var values = points.SelectMany(p => new[] { Finite(p.Actual), Finite(p.Expected) }).OfType<double>().ToList();
            var (yMin, yMax, step) = YScale(values.Min(), values.Max());
            var xScale = new XScale(points[0].Period, points[^1].Period);
            double Y(double value) => Top + PlotHeight * (yMax - value) / (yMax - yMin);

            // Counted in whole steps, so rounding never drops or adds the last tick.
            var ticks = (int)Math.Round((yMax - yMin) / step);
            var yTicks = Enumerable.Range(0, ticks + 1).Select(i => yMin + i * step).Select(tick => (Y(tick), TickLabel(tick, step))).ToList();
            var xTicks = xScale.YearTicks(points).Select(t => (xScale.X(t.Period), t.Label)).ToList();
            return new Geometry(
                yTicks,
                xTicks,
                [
                    new Series("expected", Line(points, p => p.Expected, xScale, Y), MarkEveryPoint: false),
                    new Series("actual", Line(points, p => p.Actual, xScale, Y), MarkEveryPoint: true),
                ],
                EndLabelsOf(points, xScale, Y));
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

    /// <summary>
    /// Names each line at its last point. The actual line usually ends mid-chart while the expected one runs on, so
    /// its name goes on the side of its last point away from the expected line; the expected name sits past the end.
    /// </summary>
    private static List<(double X, double Y, string Label)> EndLabelsOf(IReadOnlyList<ChartPoint> points, XScale x, Func<double, double> y)
    {
        const double lineHeight = 16;
        var lastActual = points.LastOrDefault(p => Finite(p.Actual) is not null);
        var lastExpected = points.LastOrDefault(p => Finite(p.Expected) is not null);
        List<(double X, double Y, string Label)> labels = [];
        if (lastActual is { Actual: { } actual })
        {
            var (px, py) = (x.X(lastActual.Period), y(actual));
            // Below the point when the expected line passes just above it, above when it passes just below (this
            // also keeps the two names apart when both lines end at the same point).
            var labelY = Finite(lastActual.Expected) is { } expected && Math.Abs(y(expected) - py) < 2 * lineHeight
                ? (y(expected) <= py ? py + lineHeight + 4 : py - 8)
                : py + 4;
            labels.Add((px + 9, labelY, ActualLabel));
        }

        if (lastExpected is { Expected: { } expectedEnd })
        {
            labels.Add((x.X(lastExpected.Period) + 9, y(expectedEnd) + 4, "Forventet"));
        }

        return labels;
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
