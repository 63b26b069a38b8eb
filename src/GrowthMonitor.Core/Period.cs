using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace GrowthMonitor.Core;

/// <summary>
/// One period of a statistical time axis, identified by its first day. Formats as the Statistics Denmark code
/// (2024, 2024H1, 2024K3, 2024M07). Periods order by start.
/// </summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period : IComparable<Period>, IParsable<Period>
{
    private Period(Frequency frequency, DateOnly start)
    {
        Frequency = frequency;
        Start = start;
    }

    public Frequency Frequency { get; }

    /// <summary>First day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>First day after the period (exclusive end).</summary>
    public DateOnly End => Start.AddMonths(Frequency.MonthsPerPeriod());

    /// <summary>The instant observations are stored at in InfluxDB: the first day, 00:00 UTC.</summary>
    public DateTimeOffset StartUtc => new(Start, TimeOnly.MinValue, TimeSpan.Zero);

    public int Year => Start.Year;

    /// <summary>Half 1–2, quarter 1–4, month 1–12, or 1 for a year.</summary>
    public int PositionInYear => (Start.Month - 1) / Frequency.MonthsPerPeriod() + 1;

    public int PeriodsPerYear => Frequency.PeriodsPerYear();

    public static Period Create(Frequency frequency, int year, int positionInYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(positionInYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(positionInYear, frequency.PeriodsPerYear());
        return new(frequency, new DateOnly(year, (positionInYear - 1) * frequency.MonthsPerPeriod() + 1, 1));
    }

    /// <summary>The period of the given frequency that contains <paramref name="date"/>.</summary>
    public static Period Containing(Frequency frequency, DateOnly date) =>
        Create(frequency, date.Year, (date.Month - 1) / frequency.MonthsPerPeriod() + 1);

    /// <summary>Rebuilds a period from its first day, e.g. a stored timestamp; rejects any other day.</summary>
    public static Period FromStart(Frequency frequency, DateOnly start)
    {
        var period = Containing(frequency, start);
        return period.Start == start
            ? period
            : throw new ArgumentException(
                Invariant($"{start:yyyy-MM-dd} is not the first day of a {frequency} period."), nameof(start));
    }

    /// <summary>Rebuilds a period from a stored timestamp, which must be the first day at 00:00 UTC.</summary>
    public static Period FromStart(Frequency frequency, DateTimeOffset start)
    {
        var utc = start.UtcDateTime;
        return utc.TimeOfDay == TimeSpan.Zero
            ? FromStart(frequency, DateOnly.FromDateTime(utc))
            : throw new ArgumentException(
                Invariant($"{start:O} is not 00:00 UTC, where observations are stored."), nameof(start));
    }

    public Period Offset(int periods) => new(Frequency, Start.AddMonths(periods * Frequency.MonthsPerPeriod()));

    public Period Next() => Offset(1);

    public Period Previous() => Offset(-1);

    /// <summary>The like period of another year: the same half, quarter or month.</summary>
    public Period SameTimeInYear(int year) => Create(Frequency, year, PositionInYear);

    public int CompareTo(Period other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Frequency.CompareTo(other.Frequency);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => Frequency switch
    {
        Frequency.Year => Invariant($"{Year:D4}"),
        Frequency.HalfYear => Invariant($"{Year:D4}H{PositionInYear}"),
        Frequency.Quarter => Invariant($"{Year:D4}K{PositionInYear}"),
        _ => Invariant($"{Year:D4}M{PositionInYear:D2}"),
    };

    public static Period Parse(string code) =>
        TryParse(code, out var period)
            ? period
            : throw new FormatException(
                $"'{code}' is not a Statistics Denmark period code such as 2024, 2024H1, 2024K3 (or 2024Q3) or 2024M07.");

    /// <summary>
    /// Accepts 2024, 2024H1–H2, 2024K1–K4, 2024Q1–Q4 and 2024M01–M12 (letters in either case); months need two digits,
    /// as Statistics Denmark writes them.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Period period)
    {
        period = default;
        if (code is null || code.Length < 4 || !TryParseDigits(code.AsSpan(0, 4), out var year) || year < 1)
        {
            return false;
        }

        if (code.Length == 4)
        {
            period = Create(Frequency.Year, year, 1);
            return true;
        }

        (Frequency Frequency, int Digits)? layout = char.ToUpperInvariant(code[4]) switch
        {
            'H' => (Frequency.HalfYear, 1),
            'K' or 'Q' => (Frequency.Quarter, 1),
            'M' => (Frequency.Month, 2),
            _ => null,
        };
        if (layout is not (var frequency, var digits)
            || code.Length != 5 + digits
            || !TryParseDigits(code.AsSpan(5), out var position)
            || position < 1
            || position > frequency.PeriodsPerYear())
        {
            return false;
        }

        period = Create(frequency, year, position);
        return true;
    }

    static Period IParsable<Period>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Period>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Period result) =>
        TryParse(s, out result);

    private static bool TryParseDigits(ReadOnlySpan<char> text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
