using System.Text.Json.Serialization;
using static System.FormattableString;

namespace GrowthMonitor.Core;

[JsonConverter(typeof(TargetKindJsonConverter))]
public enum TargetKind
{
    /// <summary>Amount: units per year, e.g. +500 jobs a year.</summary>
    AnnualIncrease,

    /// <summary>Amount: percent per year, compounded.</summary>
    PercentGrowth,

    /// <summary>Amount: the level to reach in the end year, approached in a straight line from the baseline.</summary>
    Level,

    /// <summary>
    /// Amount: percentage points per year above the benchmark's annual growth (below it for Down); no amount means
    /// "as fast as the benchmark".
    /// </summary>
    Relative,

    /// <summary>
    /// A goal set anew each year (<see cref="TargetDefinition.Goals"/>): each year's figure against that year's goal,
    /// counted from zero; within a year pro rata or the goal itself (<see cref="TargetDefinition.Pace"/>).
    /// </summary>
    YearlyGoal,
}

/// <summary>What a yearly goal expects before the year is over, for an indicator published more often than yearly.</summary>
[JsonConverter(typeof(GoalPaceJsonConverter))]
public enum GoalPace
{
    /// <summary>The figure accumulates over the year (apprenticeships created so far): a quarter in, a quarter of the goal.</summary>
    ProRata,

    /// <summary>The figure is a level (firms in a network): the goal itself all year.</summary>
    Level,
}

[JsonConverter(typeof(DirectionJsonConverter))]
public enum Direction
{
    Up,
    Down,
}

internal static class DirectionExtensions
{
    /// <summary>+1 when higher is better, −1 when lower is: multiplying by it turns every Down comparison into an Up one.</summary>
    public static int Sign(this Direction direction) => direction == Direction.Up ? 1 : -1;
}

/// <summary>
/// A growth target. Baseline names a year (of a sub-year period only the year is used); End is the last period the
/// target covers.
/// </summary>
public sealed record TargetDefinition(string Id, TargetKind Kind, double? Amount, Period Baseline, Period End)
{
    /// <summary>
    /// One year: jobs by workplace (ERHV2) are published about 11 months after the year, so an annual series is only
    /// called stale when a whole year passes beyond the expected publication of its next period.
    /// </summary>
    public static readonly TimeSpan DefaultStalenessGrace = TimeSpan.FromDays(365);

    public Direction Direction { get; init; } = Direction.Up;

    /// <summary>For <see cref="TargetKind.YearlyGoal"/>: the goal of each year.</summary>
    public IReadOnlyDictionary<int, double> Goals { get; init; } = new Dictionary<int, double>();

    /// <summary>
    /// For <see cref="TargetKind.YearlyGoal"/> on a sub-annual indicator of levels or averages: what is expected before
    /// the year is over. Counts (<see cref="Aggregation.Sum"/>) always meet the year's goal pro rata.
    /// </summary>
    public GoalPace Pace { get; init; } = GoalPace.ProRata;

    /// <summary>What one figure of the indicator is: the target is judged on the year so far (<see cref="Aggregations.ToDate"/>).</summary>
    public Aggregation Aggregation { get; init; } = Aggregation.Last;

    public double OnTrackThreshold { get; init; } = 1.0;

    public double AtRiskThreshold { get; init; } = 0.85;

    /// <summary>How many like periods (years) the projection's linear trend is fitted to.</summary>
    public int ProjectionPeriods { get; init; } = 5;

    /// <summary>
    /// The series is stale, and the status no_data, when now is later than the latest period's end plus one period
    /// plus this grace.
    /// </summary>
    public TimeSpan StalenessGrace { get; init; } = DefaultStalenessGrace;

    /// <summary>Readable problems, one per broken rule; empty when the target can be evaluated.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> problems = [];
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add("Id must not be empty.");
        }

        if (!Enum.IsDefined(Kind))
        {
            problems.Add(Invariant($"Kind {Kind} is not one of AnnualIncrease, PercentGrowth, Level, Relative."));
        }

        if (!Enum.IsDefined(Direction))
        {
            problems.Add(Invariant($"Direction {Direction} is not Up or Down."));
        }

        if (End.Year <= Baseline.Year)
        {
            problems.Add(Invariant($"End {End} must be in a later year than the baseline year {Baseline.Year}."));
        }

        if (!(AtRiskThreshold > 0 && AtRiskThreshold <= OnTrackThreshold && double.IsFinite(OnTrackThreshold)))
        {
            problems.Add(Invariant(
                $"Thresholds must satisfy 0 < AtRiskThreshold ≤ OnTrackThreshold, got AtRiskThreshold {AtRiskThreshold} and OnTrackThreshold {OnTrackThreshold}."));
        }

        if (AmountProblem() is { } amountProblem)
        {
            problems.Add(amountProblem);
        }

        if (ProjectionPeriods < 2)
        {
            problems.Add(Invariant($"ProjectionPeriods must be at least 2 (a trend needs two points), got {ProjectionPeriods}."));
        }

        if (StalenessGrace < TimeSpan.Zero)
        {
            problems.Add(Invariant($"StalenessGrace must not be negative, got {StalenessGrace}."));
        }

        return problems;
    }

    private string? AmountProblem() => (Kind, Amount) switch
    {
        (TargetKind.Relative, null) => null,
        (TargetKind.YearlyGoal, _) => GoalsProblem(),
        (_, null) => Invariant($"{Kind} targets need an Amount."),
        (_, { } amount) when !double.IsFinite(amount) => Invariant($"Amount must be a finite number, got {amount}."),
        (TargetKind.AnnualIncrease or TargetKind.PercentGrowth, <= 0) => Invariant(
            $"Amount must be greater than 0 for {Kind} targets (use Direction Down for a fall), got {Amount}."),
        (TargetKind.PercentGrowth, >= 100) when Direction == Direction.Down => Invariant(
            $"Amount must be below 100 for PercentGrowth targets with Direction Down, got {Amount}."),
        _ => null,
    };

    /// <summary>
    /// What is wrong with <paramref name="goal"/> as the goal of <paramref name="year"/>; null when it may be. The one
    /// rule for a catalog's goals and for those set through the service.
    /// </summary>
    public string? GoalProblem(int year, double goal) =>
        !double.IsFinite(goal) || goal <= 0 ? Invariant($"The goal for {year} must be a number greater than 0, got {goal}.")
        : year <= Baseline.Year || year > End.Year ? Invariant($"The goal for {year} lies outside {Baseline.Year + 1}–{End.Year}.")
        : null;

    private string? GoalsProblem() =>
        Goals.Count == 0 ? "YearlyGoal targets need Goals: a goal for at least one year."
        : Goals.Select(g => GoalProblem(g.Key, g.Value)).FirstOrDefault(problem => problem is not null);
}
