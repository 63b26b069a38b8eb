using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Presentation;
using GrowthMonitor.Reminders;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.TargetPages;

/// <summary>
/// Builds the models of <c>/mine-maal</c> and <c>/maal/{targetId}</c> from the stored assessments (notes included) and,
/// for a manual indicator, one query of its figures' audit, and for a signed-in reader one question of what is due
/// (<see cref="DueFigures"/>): a read never judges and never queries per target.
/// </summary>
public sealed class TargetPageBuilder(
    GrowthCatalog catalog, Permissions permissions, AssessmentCache assessments, ValueAudit audit, DueFigures dueFigures, TargetGoals goalSetter, PageFrames frames, AssessmentMarkup markup, TimeProvider time)
{
    public PageFrame Frame(HttpContext http) => frames.For(http);

    /// <summary>
    /// The targets the actor's grants reach (an operator's: all), by alliance and focus area in the catalog's order. A
    /// grant reaches a target as <see cref="Grant.Covers"/> says, whatever its role: a viewer follows its targets too.
    /// </summary>
    public async Task<MyTargetsModel> MyTargetsAsync(Actor actor, AssessmentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var dueOn = (await DueAsync(actor, cancellationToken)).ToLookup(d => d.TargetId, d => d.Line.Text, StringComparer.Ordinal);
        List<AllianceTargets> alliances = [];
        foreach (var alliance in catalog.Alliances)
        {
            List<FocusAreaTargets> focusAreas = [];
            foreach (var group in catalog.TargetsOf(alliance)
                         .Where(t => actor.IsOperator || actor.Grants.Any(g => g.Covers(t.Spec.Alliance, t.Spec.FocusArea)))
                         .GroupBy(t => t.Spec.FocusArea))
            {
                List<MyTarget> targets = [];
                foreach (var target in group)
                {
                    targets.Add(new MyTarget(await SummaryAsync(target, snapshot.Of(target))) { Due = [.. dueOn[target.Id]] });
                }

                focusAreas.Add(new FocusAreaTargets(group.Key, targets));
            }

            if (focusAreas.Count > 0)
            {
                alliances.Add(new AllianceTargets(alliance.Id, alliance.Name, focusAreas));
            }
        }

        return new MyTargetsModel(alliances);
    }

    /// <summary>The target's line on <c>/mine-maal</c> but what is due: its link, status and latest figure (in Danish, with its unit and period).</summary>
    private Task<MarkupString> SummaryAsync(CatalogTarget target, StoredAssessment stored) =>
        markup.OfAsync<MyTargetSummary>(stored, $"{target.Title}\n{target.Indicator.Unit}", () =>
        {
            var current = stored.Assessment.Current;
            var latest = current.Actual is { } actual && current.EvaluatedPeriod is { } period
                ? $"{Danish.WithUnit(Danish.Number(actual), target.Indicator.Unit)} ({Danish.Period(period)})"
                : null;
            return
            [
                ComponentHtml.Parameter(nameof(MyTargetSummary.Id), target.Id),
                ComponentHtml.Parameter(nameof(MyTargetSummary.Title), target.Title),
                ComponentHtml.Parameter(nameof(MyTargetSummary.Status), current.Status),
                ComponentHtml.Parameter(nameof(MyTargetSummary.LatestFigure), latest),
            ];
        });

    /// <summary>What is due from the actor (or overdue), one line per target the figure is needed for; one call of <see cref="DueFigures"/>.</summary>
    private async Task<IReadOnlyList<(string TargetId, DueLine Line)>> DueAsync(Actor? actor, CancellationToken cancellationToken)
    {
        if (actor is null)
        {
            return [];
        }

        var today = DueFigures.Today(time);
        return [.. (await dueFigures.ForAsync(actor, today, cancellationToken))
            .SelectMany(f => f.TargetIds.Select(id => (id, new DueLine(DueFigures.Describe(f, today), f.Period.ToString(), f.IsOverdue(today)))))];
    }

    /// <summary>The target's page, with what was typed and its problems when a form came back, or what was just saved.</summary>
    public async Task<ContentHttpResult> PageAsync(
        HttpContext http, CatalogTarget target, Actor? actor, int status, string? saved, FormInput? input, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(target, actor, saved, input, cancellationToken);
        return await ComponentHtml.PageAsync<TargetPage>(
            status,
            ComponentHtml.Parameter(nameof(TargetPage.Model), model),
            ComponentHtml.Parameter(nameof(TargetPage.Frame), frames.For(http)));
    }

    public async Task<TargetPageModel> ModelAsync(CatalogTarget target, Actor? actor, string? saved, FormInput? input, CancellationToken cancellationToken)
    {
        var (figure, note, goals) = (input?.Figure, input?.Note, input?.Goals);
        var snapshot = await assessments.GetAsync(cancellationToken);
        var stored = snapshot.Of(target);
        var indicator = target.Indicator;
        var areas = target.Spec.Areas;
        // The audit is the indicator's (one query); the page shows the changes to the target's own areas.
        IReadOnlyList<ValueChange>? changes = indicator.IsManual
            ? [.. (await audit.OfAsync(indicator.Id, cancellationToken)).Where(c => areas.Contains(c.Area)).Reverse()]
            : null;
        var frequency = indicator.ManualFrequency ?? stored.Assessment.Path.FirstOrDefault()?.Period.Frequency ?? stored.Assessment.Current.EvaluatedPeriod?.Frequency ?? Frequency.Year;
        var periods = PeriodsUpToNow(frequency, target.Definition.Baseline.Year);
        var latestFigure = stored.Assessment.Path.LastOrDefault(p => p.Actual is not null)?.Period;
        var mayContribute = actor is not null && permissions.CanContribute(actor, target);
        var due = await DueAsync(actor, cancellationToken);
        return new TargetPageModel(
            target.Id,
            target.Title,
            catalog.FindAlliance(target.Spec.Alliance)?.Name ?? target.Spec.Alliance,
            target.Spec.FocusArea,
            indicator.Title,
            indicator.Unit,
            stored.Assessment.Current,
            stored.EvaluatedAt,
            await markup.OfAsync<TargetFigures>(stored, $"{indicator.Title}\n{indicator.Unit}", () =>
            [
                ComponentHtml.Parameter(nameof(TargetFigures.IndicatorTitle), indicator.Title),
                ComponentHtml.Parameter(nameof(TargetFigures.Unit), indicator.Unit),
                ComponentHtml.Parameter(nameof(TargetFigures.Path), stored.Assessment.Path),
            ]),
            [.. snapshot.Notes.Where(n => n.Target == target.Id).Reverse()],
            changes)
        {
            Saved = saved,
            SeveralAreas = areas.Count > 1,
            Figure = actor is not null && indicator.IsManual && permissions.CanEnterFigures(actor, indicator, areas)
                ? new FigureForm(
                    periods,
                    areas.Count > 1 ? [.. areas.Select(a => new PeriodChoice(a, DanishAreas.NameOf(a)))] : [],
                    figure?.Period ?? DefaultPeriod(periods, latestFigure),
                    figure?.Area,
                    figure?.Value,
                    Danish.FigureMeans(indicator.FigureAggregation),
                    indicator.Unit) { Problems = figure?.Problems ?? [] }
                : null,
            Note = mayContribute
                ? new NoteForm(periods, note?.Period ?? latestFigure?.ToString() ?? periods.FirstOrDefault()?.Code, note?.Text) { Problems = note?.Problems ?? [] }
                : null,
            Goals = mayContribute && TargetGoals.NotYearlyGoal(target) is null ? GoalFormOf(target, snapshot.Goals.Of(target), goals) : null,
            Due = [.. due.Where(d => d.TargetId == target.Id).Select(d => d.Line)],
        };
    }

    /// <summary>
    /// The goal form: the years of the target's span before the current one closed (with the goal that applies, as the
    /// snapshot's goal book says), a field for each later one, filled with what was typed or the goal that applies.
    /// </summary>
    private GoalForm GoalFormOf(CatalogTarget target, IReadOnlyList<TargetGoal> applying, GoalInput? typed)
    {
        var definition = target.Definition;
        var currentYear = goalSetter.CurrentYear();
        var years = Enumerable.Range(definition.Baseline.Year + 1, Math.Max(0, definition.End.Year - definition.Baseline.Year)).ToList();
        TargetGoal? GoalOf(int year) => applying.FirstOrDefault(g => g.Year == year);
        return new GoalForm(
            [.. years.Where(y => y < currentYear).Select(y => new PastGoal(y, GoalOf(y)))],
            [.. years.Where(y => y >= currentYear).Select(y => new GoalField(y, typed is null ? GoalOf(y) is { } g ? Danish.Amount(g.Value) : null : typed.Values.GetValueOrDefault(y), GoalOf(y)))],
            target.Indicator.Unit) { Problems = typed?.Problems ?? [] };
    }

    /// <summary>The periods of the frequency from the baseline year to the one that holds today, newest first.</summary>
    private List<PeriodChoice> PeriodsUpToNow(Frequency frequency, int baselineYear)
    {
        var current = ManualFiguresApi.CurrentPeriod(frequency, time);
        List<PeriodChoice> periods = [];
        for (var period = current; period.Year >= Math.Max(baselineYear, ManualUpload.FirstYear); period = period.Previous())
        {
            periods.Add(new PeriodChoice(period.ToString(), Danish.Period(period)));
        }

        return periods;
    }

    /// <summary>The period a figure is most likely entered for: the first after the latest figure, else the newest that has ended.</summary>
    private static string? DefaultPeriod(IReadOnlyList<PeriodChoice> periods, Period? latestFigure)
    {
        var next = latestFigure?.Next().ToString();
        return periods.Any(p => p.Code == next) ? next : periods.Skip(1).FirstOrDefault()?.Code ?? periods.FirstOrDefault()?.Code;
    }
}
