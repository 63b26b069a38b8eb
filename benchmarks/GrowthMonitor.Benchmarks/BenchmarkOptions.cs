using System.Globalization;

namespace GrowthMonitor.Benchmarks;

/// <summary>Command line of the benchmark: <c>[--repeat N] [--rows N]…</c>.</summary>
public sealed record BenchmarkOptions(int Repeat, IReadOnlyList<long> Rows)
{
    public const string Usage = "Usage: GrowthMonitor.Benchmarks [--repeat N (default 5)] [--rows N (a multiple of 1000; repeatable; default 100000 and 1000000)]";

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var repeat = 5;
        List<long> rows = [];
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var valid = long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0;
            switch (args[i])
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

        return args.Count % 2 != 0 ? null : new BenchmarkOptions(repeat, rows is [] ? [100_000, 1_000_000] : [.. rows.Distinct().Order()]);
    }
}
