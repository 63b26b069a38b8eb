namespace GrowthMonitor.Core;

/// <summary>
/// When figures are overdue: the period after the latest one is due when it has ended, and overdue once a grace has
/// passed after that. An indicator (Grafana's freshness table) gets one more period as its grace, so for 2024, figures
/// for 2025 are overdue from 1 January 2027; a target's evaluation uses the target's own staleness grace.
/// </summary>
public static class Freshness
{
    /// <summary>The first day the period after <paramref name="latest"/> is overdue, with one period's grace.</summary>
    public static DateOnly OverdueFrom(Period latest) => latest.Offset(3).Start;

    /// <summary>The moment the period after <paramref name="latest"/> is overdue, <paramref name="grace"/> after it ended (UTC midnight).</summary>
    public static DateTimeOffset OverdueAt(Period latest, TimeSpan grace) => new DateTimeOffset(latest.Next().End, TimeOnly.MinValue, TimeSpan.Zero) + grace;

    /// <summary>Days overdue on <paramref name="today"/>, counting <see cref="OverdueFrom"/> as day 1; 0 when not overdue.</summary>
    public static int DaysOverdue(Period latest, DateOnly today) => Math.Max(0, today.DayNumber - OverdueFrom(latest).DayNumber + 1);
}
