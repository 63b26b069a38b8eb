using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Presentation;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Reminders;

/// <summary>
/// A figure of a manual indicator that is missing for an area and period and is due (or overdue): the last day it
/// may be entered, and the targets that read it (the first is where to enter it).
/// </summary>
public sealed record DueFigure(string IndicatorId, string Area, Period Period, DateOnly Deadline, IReadOnlyList<string> TargetIds)
{
    /// <summary>The deadline has passed: <paramref name="today"/> is after its last day.</summary>
    public bool IsOverdue(DateOnly today) => today > Deadline;
}

/// <summary>
/// The one owner of "what is due": the figures of manual indicators that the targets measured on them need, by area and
/// period, whose deadline (the period's last day plus the indicator's <c>dueDays</c>, else <c>Reminders:DueDays</c>) is
/// at most <c>Reminders:LeadDays</c> away or has passed less than a year ago (<see cref="OverdueForYears"/>), and that are not
/// in. Periods count from the target's first year (its baseline, or a yearly goal's first year) to its end. The reminders, <c>/mine-maal</c> and the front page
/// ask here; which figures are in is read in one query (<see cref="ValueAudit.EnteredAsync"/>, kept a few seconds).
/// </summary>
public sealed class DueFigures(GrowthCatalog catalog, Permissions permissions, ValueAudit audit, IOptions<ReminderOptions> options)
{
    /// <summary>
    /// How long a missing figure stays overdue: a gap older than that is history, which the target's page shows, not a
    /// task (a target set up years after its baseline would otherwise list every year since as overdue).
    /// </summary>
    public const int OverdueForYears = 1;

    /// <summary>What <paramref name="actor"/> may enter that is due within the lead days or overdue, and missing; soonest deadline first.</summary>
    public async Task<IReadOnlyList<DueFigure>> ForAsync(Actor actor, DateOnly today, CancellationToken cancellationToken) =>
        Of(actor, await MissingAsync(today, cancellationToken));

    /// <summary>Everything overdue and missing, for everyone; oldest deadline first.</summary>
    public async Task<IReadOnlyList<DueFigure>> OverdueAsync(DateOnly today, CancellationToken cancellationToken) =>
        [.. (await MissingAsync(today, cancellationToken)).Where(f => f.IsOverdue(today))];

    /// <summary>Everything missing whose deadline is at most the lead days away or has passed; oldest deadline first.</summary>
    public async Task<IReadOnlyList<DueFigure>> MissingAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var remindFrom = today.AddDays(options.Value.LeadDays);
        var overdueSince = today.AddYears(-OverdueForYears);
        var wanted = catalog.Targets
            .Where(t => t.Indicator.ManualFrequency is not null)
            .SelectMany(t => PeriodsOf(t).Select(period => (Target: t, Period: period)))
            .Select(tp => (tp.Target, tp.Period, Deadline: DeadlineOf(tp.Target.Indicator, tp.Period)))
            .Where(tp => tp.Deadline <= remindFrom && tp.Deadline > overdueSince)
            .SelectMany(tp => tp.Target.Spec.Areas.Select(area => (tp.Target, Area: area, tp.Period, tp.Deadline)))
            .ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var entered = await audit.EnteredAsync([.. wanted.Select(w => w.Target.Indicator.Id).Distinct()], cancellationToken);
        return
        [
            .. wanted
                .Where(w => !entered.Contains((w.Target.Indicator.Id, w.Area, w.Period)))
                .GroupBy(w => (Indicator: w.Target.Indicator.Id, w.Area, w.Period, w.Deadline))
                .Select(g => new DueFigure(g.Key.Indicator, g.Key.Area, g.Key.Period, g.Key.Deadline, [.. g.Select(w => w.Target.Id).Distinct()]))
                .OrderBy(f => f.Deadline).ThenBy(f => f.IndicatorId, StringComparer.Ordinal).ThenBy(f => f.Area, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The figures of <paramref name="missing"/> that <paramref name="actor"/> may enter (<see cref="Permissions.CanEnterFigures"/>),
    /// each with only the targets the actor works on.
    /// </summary>
    public IReadOnlyList<DueFigure> Of(Actor actor, IReadOnlyList<DueFigure> missing) =>
    [
        .. missing
            .Where(f => catalog.FindIndicator(f.IndicatorId) is { } indicator && permissions.CanEnterFigures(actor, indicator, [f.Area]))
            .Select(f => f with
            {
                TargetIds = [.. f.TargetIds.Where(id => catalog.FindTarget(id) is { } target && target.Spec.Areas.Contains(f.Area) && permissions.CanContribute(actor, target))],
            }),
    ];

    /// <summary>The last day a period's figure may be entered on time: the period's last day plus the due days.</summary>
    public DateOnly DeadlineOf(IndicatorDefinition indicator, Period period) =>
        period.End.AddDays(-1 + (indicator.DueDays ?? options.Value.DueDays));

    /// <summary>Today in Copenhagen, where the deadlines are kept.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Danish.WallClock(time.GetUtcNow()));

    /// <summary>"Tal for 1. halvår 2026 mangler, frist 31. august 2026" (or "… fristen var 31. august 2026" once it has passed).</summary>
    public static string Describe(DueFigure figure, DateOnly today) =>
        $"Tal for {Danish.PeriodInText(figure.Period)} mangler, {(figure.IsOverdue(today) ? "fristen var" : "frist")} {DateText(figure.Deadline)}";

    /// <summary>A date as Danes write it in running text: "31. august 2026".</summary>
    public static string DateText(DateOnly date) => date.ToString("d. MMMM yyyy", Danish.Culture);

    /// <summary>The target's periods of its indicator, from its first year to its end.</summary>
    private static IEnumerable<Period> PeriodsOf(CatalogTarget target)
    {
        var frequency = target.Indicator.ManualFrequency!.Value;
        var definition = target.Definition;
        var firstYear = definition.Kind == TargetKind.YearlyGoal && definition.Goals.Count > 0 ? definition.Goals.Keys.Min() : definition.Baseline.Year;
        var last = Period.Containing(frequency, definition.End.End.AddDays(-1));
        for (var period = Period.Create(frequency, firstYear, 1); period <= last; period = period.Next())
        {
            yield return period;
        }
    }
}
