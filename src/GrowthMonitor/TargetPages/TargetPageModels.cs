using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Targets;
using Microsoft.AspNetCore.Components;

namespace GrowthMonitor.TargetPages;

/// <summary>The signed-in person's targets on <c>/mine-maal</c>, by alliance and focus area, as the catalog orders them.</summary>
public sealed record MyTargetsModel(IReadOnlyList<AllianceTargets> Alliances);

public sealed record AllianceTargets(string Id, string Name, IReadOnlyList<FocusAreaTargets> FocusAreas);

/// <summary>The targets of one focus area; <see cref="Name"/> is null for those without one.</summary>
public sealed record FocusAreaTargets(string? Name, IReadOnlyList<MyTarget> Targets);

/// <summary>One target in the list: its link, how it stands and its latest figure (<see cref="MyTargetSummary"/>), and what is due.</summary>
public sealed record MyTarget(MarkupString Summary)
{
    /// <summary>
    /// What the person has due on the target, one Danish sentence each ("Tal for 1. halvår 2026 mangler, frist 31.
    /// august 2026"), as <see cref="Reminders.DueFigures"/> says.
    /// </summary>
    public IReadOnlyList<string> Due { get; init; } = [];
}

/// <summary>A choice in a list of periods: its code (what the form posts) and its Danish words (what people read).</summary>
public sealed record PeriodChoice(string Code, string Words);

/// <summary>The target page's form for a figure: the periods to choose from, what was typed, and the problems with it.</summary>
public sealed record FigureForm(IReadOnlyList<PeriodChoice> Periods, IReadOnlyList<PeriodChoice> Areas, string? Period, string? Area, string? Value, string FigureMeans, string? Unit)
{
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];
}

/// <summary>The target page's form for a follow-up note.</summary>
public sealed record NoteForm(IReadOnlyList<PeriodChoice> Periods, string? Period, string? Text)
{
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];
}

/// <summary>
/// The target page's form for the goals of a <c>yearly-goal</c> target: the past years, closed, with the goal that
/// applies to each (null: none), and a field for each open year (this one and later ones up to the target's end), with
/// what was typed or the goal that applies, and the problems with it.
/// </summary>
public sealed record GoalForm(IReadOnlyList<PastGoal> Past, IReadOnlyList<GoalField> Open, string? Unit)
{
    /// <summary>Problems by field: the year as written ("2027") or <see cref="TargetGoals.BodyField"/>.</summary>
    public IReadOnlyList<GoalError> Problems { get; init; } = [];
}

public sealed record PastGoal(int Year, TargetGoal? Goal);

public sealed record GoalField(int Year, string? Value, TargetGoal? Goal);

/// <summary>A figure due on the target: the Danish sentence and the period, to link to the form for it.</summary>
public sealed record DueLine(string Text, string Period, bool Overdue);

/// <summary>
/// One target's page: how it stands, its chart and figures per period beside the expected path (from the stored
/// assessment, as <see cref="AssessmentMarkup"/> rendered them),
/// its notes (from the same snapshot), the audit of its figures, and the forms the reader's grant allows (null: none).
/// </summary>
public sealed record TargetPageModel(
    string Id,
    string Title,
    string AllianceName,
    string? FocusArea,
    string IndicatorTitle,
    string? Unit,
    TargetEvaluation Evaluation,
    DateTimeOffset? EvaluatedAt,
    MarkupString Figures,
    IReadOnlyList<TargetNote> Notes,
    IReadOnlyList<ValueChange>? Audit)
{
    public FigureForm? Figure { get; init; }

    public NoteForm? Note { get; init; }

    public GoalForm? Goals { get; init; }

    /// <summary>The figures of the target due from the reader (or overdue), soonest deadline first.</summary>
    public IReadOnlyList<DueLine> Due { get; init; } = [];

    /// <summary>What was just saved: <see cref="TargetPageEndpoints.SavedFigure"/>, <see cref="TargetPageEndpoints.SavedNote"/> or <see cref="TargetPageEndpoints.SavedGoals"/>.</summary>
    public string? Saved { get; init; }

    /// <summary>Whether the target's areas are more than one, so that the audit names each change's area.</summary>
    public bool SeveralAreas { get; init; }
}
