using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.TargetPages;

/// <summary>
/// Builds the models of <c>/mine-maal</c> and <c>/maal/{targetId}</c> from the stored assessments (notes included) and,
/// for a manual indicator, one query of its figures' audit: a read never judges and never queries per target.
/// </summary>
public sealed class TargetPageBuilder(GrowthCatalog catalog, Permissions permissions, AssessmentCache assessments, ValueAudit audit, PageFrames frames, TimeProvider time)
{
    public PageFrame Frame(HttpContext http) => frames.For(http);

    /// <summary>
    /// The targets the actor's grants reach (an operator's: all), by alliance and focus area in the catalog's order. A
    /// grant reaches a target as <see cref="Grant.Covers"/> says, whatever its role: a viewer follows its targets too.
    /// </summary>
    public MyTargetsModel MyTargets(Actor actor, AssessmentSnapshot snapshot) => new([..
        catalog.Alliances
            .Select(alliance => new AllianceTargets(alliance.Id, alliance.Name, [..
                catalog.TargetsOf(alliance)
                    .Where(t => actor.IsOperator || actor.Grants.Any(g => g.Covers(t.Spec.Alliance, t.Spec.FocusArea)))
                    .GroupBy(t => t.Spec.FocusArea)
                    .Select(group => new FocusAreaTargets(group.Key, [.. group.Select(t => MyTarget(actor, t, snapshot.Of(t)))]))]))
            .Where(a => a.FocusAreas.Count > 0)]);

    private MyTarget MyTarget(Actor actor, CatalogTarget target, StoredAssessment stored)
    {
        var current = stored.Assessment.Current;
        var latest = current.Actual is { } actual && current.EvaluatedPeriod is { } period
            ? $"{Danish.WithUnit(Danish.Number(actual), target.Indicator.Unit)} ({Danish.Period(period)})"
            : null;
        return new MyTarget(target.Id, target.Title, current.Status, latest, permissions.CanContribute(actor, target));
    }

    /// <summary>The target's page, with what was typed and its problems when a form came back, or what was just saved.</summary>
    public async Task<ContentHttpResult> PageAsync(
        HttpContext http, CatalogTarget target, Actor? actor, int status, string? saved, FigureInput? figure, NoteInput? note, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(target, actor, saved, figure, note, cancellationToken);
        return await ComponentHtml.PageAsync<TargetPage>(
            status,
            ComponentHtml.Parameter(nameof(TargetPage.Model), model),
            ComponentHtml.Parameter(nameof(TargetPage.Frame), frames.For(http)));
    }

    public async Task<TargetPageModel> ModelAsync(CatalogTarget target, Actor? actor, string? saved, FigureInput? figure, NoteInput? note, CancellationToken cancellationToken)
    {
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
        return new TargetPageModel(
            target.Id,
            target.Title,
            catalog.FindAlliance(target.Spec.Alliance)?.Name ?? target.Spec.Alliance,
            target.Spec.FocusArea,
            indicator.Title,
            indicator.Unit,
            stored.Assessment.Current,
            stored.EvaluatedAt,
            stored.Assessment.Path,
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
            Note = actor is not null && permissions.CanContribute(actor, target)
                ? new NoteForm(periods, note?.Period ?? latestFigure?.ToString() ?? periods.FirstOrDefault()?.Code, note?.Text) { Problems = note?.Problems ?? [] }
                : null,
        };
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
