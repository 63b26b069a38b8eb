namespace GrowthMonitor.Core;

/// <summary>
/// When an indicator's figures are overdue, by its frequency alone: the period after the latest one may take one more
/// period after it has ended to be published (a year for annual tables, a quarter for quarterly ones), and is overdue
/// from then: for 2024, figures for 2025 are overdue from 1 January 2027.
/// </summary>
public static class Freshness
{
    /// <summary>The first day the period after <paramref name="latest"/> is overdue.</summary>
    public static DateOnly OverdueFrom(Period latest) => latest.Offset(3).Start;

    /// <summary>Days overdue on <paramref name="today"/>, counting <see cref="OverdueFrom"/> as day 1; 0 when not overdue.</summary>
    public static int DaysOverdue(Period latest, DateOnly today) => Math.Max(0, today.DayNumber - OverdueFrom(latest).DayNumber + 1);
}
