using GrowthMonitor.Core;
using GrowthMonitor.Http;
using GrowthMonitor.ManualFigures;
using GrowthMonitor.Targets;

namespace GrowthMonitor.TargetPages;

/// <summary>The signed-in person's targets on <c>/mine-maal</c>, by alliance and focus area, as the catalog orders them.</summary>
public sealed record MyTargetsModel(IReadOnlyList<AllianceTargets> Alliances);

public sealed record AllianceTargets(string Id, string Name, IReadOnlyList<FocusAreaTargets> FocusAreas);

/// <summary>The targets of one focus area; <see cref="Name"/> is null for those without one.</summary>
public sealed record FocusAreaTargets(string? Name, IReadOnlyList<MyTarget> Targets);

/// <summary>One target in the list: how it stands, its latest figure (in Danish, with its unit and period), and what is due.</summary>
public sealed record MyTarget(string Id, string Title, TargetStatus Status, string? LatestFigure, bool MayContribute)
{
    /// <summary>
    /// What the person has due on the target, one Danish sentence each ("Tal for 1. halvår 2026 mangler, frist 31.
    /// august 2026"). Empty until the reminders' due figures are wired in here (issue 20, item 4): the page lists
    /// whatever it holds.
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
/// One target's page: how it stands, its figures per period beside the expected path (from the stored assessment),
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
    IReadOnlyList<ChartPoint> Path,
    IReadOnlyList<TargetNote> Notes,
    IReadOnlyList<ValueChange>? Audit)
{
    public FigureForm? Figure { get; init; }

    public NoteForm? Note { get; init; }

    /// <summary>What was just saved: <see cref="TargetPageEndpoints.SavedFigure"/> or <see cref="TargetPageEndpoints.SavedNote"/>.</summary>
    public string? Saved { get; init; }

    /// <summary>Whether the target's areas are more than one, so that the audit names each change's area.</summary>
    public bool SeveralAreas { get; init; }
}
