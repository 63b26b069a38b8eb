namespace GrowthMonitor.Benchmarks;

/// <summary>Medians over the repeated runs, as a Markdown table that goes into docs/benchmarks.md as printed.</summary>
public static class Report
{
    public const string Baseline = "baseline";

    /// <summary>
    /// One line per size and scenario. The ratio is of medians, against the baseline of the same size. "run s" is the
    /// run by its own clock (the figure points/s divides by); "process s" is the child's whole life, start-up included.
    /// The CPU columns
    /// say who the limit was: the child, influxd and the harness share the cores; "other load" is the share of the machine
    /// other processes took during the run.
    /// </summary>
    public static string Table(IReadOnlyList<Measurement> measurements)
    {
        List<string> lines =
        [
            "| rows | scenario | points/s (median) | min–max | ratio | peak MB | run s | process s | child CPU s | influxd CPU s | harness CPU s | other load |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ];
        foreach (var size in measurements.GroupBy(m => m.Rows))
        {
            var baseline = Median(size.Where(m => m.Scenario == Baseline), m => m.PointsPerSecond);
            foreach (var runs in size.GroupBy(m => m.Scenario).OrderBy(g => g.Key == Baseline).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                var pointsPerSecond = Median(runs, m => m.PointsPerSecond);
                lines.Add(
                    $"| {size.Key:N0} | {runs.Key} | {pointsPerSecond:N0} | {runs.Min(m => m.PointsPerSecond) / 1000:N0}k–{runs.Max(m => m.PointsPerSecond) / 1000:N0}k | {pointsPerSecond / baseline:0.00} " +
                    $"| {Median(runs, m => m.PeakMegabytes):0} | {Median(runs, m => m.Seconds):0.00} | {Median(runs, m => m.Wall.TotalSeconds):0.00} | {Median(runs, m => m.ChildCpu.TotalSeconds):0.00} " +
                    $"| {Median(runs, m => m.InfluxdCpu.TotalSeconds):0.00} | {Median(runs, m => m.HarnessCpu.TotalSeconds):0.00} | {Median(runs, m => m.OtherShare):P0} |");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static double Median<T>(IEnumerable<T> measurements, Func<T, double> figure)
    {
        var sorted = measurements.Select(figure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
