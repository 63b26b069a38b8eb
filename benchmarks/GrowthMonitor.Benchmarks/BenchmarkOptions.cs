using System.Globalization;

namespace GrowthMonitor.Benchmarks;

/// <summary>Command line of the benchmark: <c>[--repeat N] [--rows N]… [--ready-to-run]</c>.</summary>
public sealed record BenchmarkOptions(int Repeat, IReadOnlyList<long> Rows, bool ReadyToRun)
{
    public const string Usage = "Usage: GrowthMonitor.Benchmarks [--repeat N (default 5)] [--rows N (a multiple of 1000; repeatable; default 100000 and 1000000)] [--ready-to-run (the one-shot command from the plain build and from a ReadyToRun publish, as the container image ships it, against the baseline)]";

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var repeat = 5;
        var readyToRun = false;
        List<long> rows = [];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--ready-to-run")
            {
                readyToRun = true;
                continue;
            }

            if (i + 1 == args.Count)
            {
                return null;
            }

            var valid = long.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0;
            switch (args[i - 1])
            {
                case "--repeat" when valid && number <= 100:
                    repeat = (int)number;
                    break;
                case "--rows" when valid && number % BenchTable.AreaCount == 0:
                    rows.Add(number);
                    break;
                default:
                    return null;
            }
        }

        return new BenchmarkOptions(repeat, rows is [] ? [100_000, 1_000_000] : [.. rows.Distinct().Order()], readyToRun);
    }
}
