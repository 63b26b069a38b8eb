using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GrowthMonitor.StatBank;

public enum StatBankFrequency
{
    Annual,
    HalfYear,
    Quarter,
    Month,
    Week,
}

/// <summary>
/// A Statistics Denmark period code: <c>2024</c>, <c>2024H1</c>, <c>2024K3</c> (also read as <c>2024Q3</c>, the
/// English form), <c>2024M07</c> or <c>2021U52</c> (ISO week). <see cref="ToString"/> gives the Danish code that
/// requests use.
/// </summary>
public readonly record struct StatBankPeriod : IComparable<StatBankPeriod>
{
    private StatBankPeriod(StatBankFrequency frequency, DateOnly start)
    {
        Frequency = frequency;
        Start = start;
    }

    public StatBankFrequency Frequency { get; }

    /// <summary>The first day of the period (for weeks the Monday of the ISO week).</summary>
    public DateOnly Start { get; }

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Next().Start;

    public StatBankPeriod Next() => Shift(1);

    public StatBankPeriod Previous() => Shift(-1);

    public int CompareTo(StatBankPeriod other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Frequency.CompareTo(other.Frequency);
    }

    public override string ToString() => Frequency switch
    {
        StatBankFrequency.Annual => Invariant($"{Start.Year:D4}"),
        StatBankFrequency.HalfYear => Invariant($"{Start.Year:D4}H{(Start.Month + 5) / 6}"),
        StatBankFrequency.Quarter => Invariant($"{Start.Year:D4}K{(Start.Month + 2) / 3}"),
        StatBankFrequency.Month => Invariant($"{Start.Year:D4}M{Start.Month:D2}"),
        _ => Invariant($"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):D4}U{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):D2}"),
    };

    /// <exception cref="FormatException">The code is not a period code; the message says why.</exception>
    public static StatBankPeriod Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryParse(code, out var period, out var error)
            ? period
            : throw new FormatException($"'{code}' is not a Statistics Denmark period code: {error}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? code, out StatBankPeriod period) =>
        TryParse(code, out period, out _);

    private static bool TryParse(string? code, out StatBankPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        if (string.IsNullOrEmpty(code) || code.Length < 4 || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            error = "expected a four-digit year such as 2024, optionally followed by H1, K3, M07 or U52";
            return false;
        }

        if (code.Length == 4)
        {
            period = new(StatBankFrequency.Annual, new DateOnly(year, 1, 1));
            error = null;
            return true;
        }

        var digits = code.AsSpan(5);
        var (frequency, maximum, width) = char.ToUpperInvariant(code[4]) switch
        {
            'H' => (StatBankFrequency.HalfYear, 2, 1),
            'K' or 'Q' => (StatBankFrequency.Quarter, 4, 1),
            'M' => (StatBankFrequency.Month, 12, 2),
            'U' => (StatBankFrequency.Week, ISOWeek.GetWeeksInYear(year), 2),
            _ => ((StatBankFrequency?)null, 0, 0),
        };
        if (frequency is not { } known)
        {
            error = $"'{code[4]}' is not a frequency letter (H, K, Q, M or U)";
            return false;
        }

        if (digits.Length != width || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"'{code[4]}' must be followed by exactly {width} digit(s)";
            return false;
        }

        if (number < 1 || number > maximum)
        {
            error = known switch
            {
                StatBankFrequency.HalfYear => "half-year must be 1-2",
                StatBankFrequency.Quarter => "quarter must be 1-4",
                StatBankFrequency.Month => "month must be 01-12",
                _ => Invariant($"week must be 01-{maximum}, as {year} has {maximum} ISO weeks"),
            };
            return false;
        }

        var start = known switch
        {
            StatBankFrequency.HalfYear => new DateOnly(year, (number * 6) - 5, 1),
            StatBankFrequency.Quarter => new DateOnly(year, (number * 3) - 2, 1),
            StatBankFrequency.Month => new DateOnly(year, number, 1),
            _ => DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)),
        };
        period = new(known, start);
        error = null;
        return true;
    }

    private StatBankPeriod Shift(int count) => new(Frequency, Frequency switch
    {
        StatBankFrequency.Annual => Start.AddYears(count),
        StatBankFrequency.HalfYear => Start.AddMonths(6 * count),
        StatBankFrequency.Quarter => Start.AddMonths(3 * count),
        StatBankFrequency.Month => Start.AddMonths(count),
        _ => Start.AddDays(7 * count),
    });

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
