using System.Globalization;
using System.Text.Json;
using GrowthMonitor.Access;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Ingestion;
using Hangfire;

namespace GrowthMonitor.Targets;

/// <summary>
/// What is wrong with one field of goals being set: <see cref="Field"/> is the year (as written, "2027") or
/// <see cref="TargetGoals.BodyField"/> for the request as a whole; <see cref="Message"/> for the API, <see cref="Danish"/>
/// for the page beside the field.
/// </summary>
public sealed record GoalError(string Field, string Message, string Danish);

/// <summary>What setting goals did: the changes written (none when every goal was already so), or why nothing was.</summary>
public sealed record GoalsResult
{
    public IReadOnlyList<GoalChange> Changed { get; init; } = [];

    /// <summary>Field-level problems; nothing is written when there is one.</summary>
    public IReadOnlyList<GoalError> Errors { get; init; } = [];

    /// <summary>Why the target takes no goals at all (it is not a yearly-goal target); null when it does.</summary>
    public string? Refused { get; init; }

    public bool Succeeded => Refused is null && Errors.Count == 0;
}

/// <summary>
/// Sets the yearly goals of a <c>yearly-goal</c> target through the service, for the API and the target's page alike:
/// checks them (the catalog's rule, <see cref="TargetDefinition.GoalProblem"/>, and past years closed to all but
/// operators), stores what changed with its audit (<see cref="GoalStore"/>), shows the goals to every reader at once and
/// queues an evaluation, as figures and notes do. Who may set them (<see cref="Permissions.CanContribute"/>) the caller
/// has checked.
/// </summary>
public sealed partial class TargetGoals(GoalStore store, AssessmentCache cache, IBackgroundJobClient jobs, TimeProvider time, ILogger<TargetGoals> logger)
{
    /// <summary>The field of a problem with the request as a whole rather than one year.</summary>
    public const string BodyField = "goals";

    /// <summary>
    /// Sets the goals (year → goal); a goal equal to the one that applies already is not written again. A year before
    /// the current one (in Denmark) is closed: the group set it and followed it up; only an operator may correct it.
    /// </summary>
    public async Task<GoalsResult> SetAsync(CatalogTarget target, IReadOnlyDictionary<int, double> goals, Actor actor, CancellationToken cancellationToken)
    {
        if (NotYearlyGoal(target) is { } refused)
        {
            return new GoalsResult { Refused = refused };
        }

        var now = time.GetUtcNow();
        if (Check(target, goals, actor, CurrentYear(now)) is [_, ..] errors)
        {
            return new GoalsResult { Errors = errors };
        }

        var changed = await store.SetAsync(target, goals, actor.Display, now, cancellationToken);
        if (changed.Count > 0)
        {
            LogSet(target.Id, string.Join(", ", changed.Select(c => c.Year)), actor.Display);
            await cache.GoalsChangedAsync(cancellationToken);
            // The job's reason names who set the goals, so the jobs dashboard shows why the run happened.
            jobs.Enqueue<EvaluationJob>(job => job.RunAsync($"goals of {target.Id} set by {actor.Display}", CancellationToken.None));
        }

        return new GoalsResult { Changed = changed };
    }

    /// <summary>The goals that apply to the target now, by year, each with where it comes from.</summary>
    public async Task<IReadOnlyList<TargetGoal>> EffectiveGoalsAsync(CatalogTarget target, CancellationToken cancellationToken) =>
        (await cache.GetAsync(cancellationToken)).Goals.Of(target);

    /// <summary>Every change to the target's goals set through the service, oldest first.</summary>
    public Task<IReadOnlyList<GoalChange>> AuditAsync(CatalogTarget target, CancellationToken cancellationToken) => store.OfAsync(target.Id, cancellationToken);

    /// <summary>The first year a person other than an operator may still set: the current one in Denmark, where groups meet.</summary>
    public int CurrentYear() => CurrentYear(time.GetUtcNow());

    /// <summary>Why a target takes no goals: only <c>yearly-goal</c> targets do.</summary>
    public static string? NotYearlyGoal(CatalogTarget target) =>
        target.Definition.Kind == TargetKind.YearlyGoal
            ? null
            : $"Target '{target.Id}' is of kind {Wire.Kind.Of(target.Definition.Kind)}; only yearly-goal targets take goals.";

    /// <summary>
    /// Reads a JSON body of year → goal (<c>{"2027": 30}</c>): an object whose names are four-digit years and whose
    /// values are JSON numbers. What the rules of a goal say is <see cref="SetAsync"/>'s to check.
    /// </summary>
    public static (IReadOnlyDictionary<int, double> Goals, IReadOnlyList<GoalError> Errors) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (new Dictionary<int, double>(), [new(BodyField, "The body must be a JSON object of year → goal, such as {\"2027\": 30}.", "Angiv årets mål.")]);
        }

        var goals = new Dictionary<int, double>();
        List<GoalError> errors = [];
        foreach (var property in body.EnumerateObject())
        {
            var field = Shorten(property.Name);
            if (property.Name.Length != 4 || !property.Name.All(char.IsAsciiDigit))
            {
                errors.Add(new(field, $"'{field}' is not a year: write it with four digits, such as 2027.", "Året skal skrives med fire cifre, fx 2027."));
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var goal) || !double.IsFinite(goal))
            {
                errors.Add(new(field, $"The goal for {field} must be a JSON number, such as 30.", "Målet skal være et tal, fx 30."));
            }
            else if (!goals.TryAdd(int.Parse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture), goal))
            {
                errors.Add(new(field, $"{field} is given twice.", "Året er angivet to gange."));
            }
        }

        return (goals, errors);
    }

    private static List<GoalError> Check(CatalogTarget target, IReadOnlyDictionary<int, double> goals, Actor actor, int currentYear)
    {
        if (goals.Count == 0)
        {
            return [new(BodyField, "Give the goal of at least one year, such as {\"2027\": 30}.", "Angiv årets mål.")];
        }

        var definition = target.Definition;
        List<GoalError> errors = [];
        foreach (var (year, goal) in goals.OrderBy(g => g.Key))
        {
            var field = year.ToString(CultureInfo.InvariantCulture);
            if (definition.GoalProblem(year, goal) is { } problem)
            {
                errors.Add(new(field, problem, double.IsFinite(goal) && goal > 0
                    ? $"Målet gælder årene {definition.Baseline.Year + 1}–{definition.End.Year}; {year} ligger uden for."
                    : "Målet skal være et tal større end 0."));
            }
            else if (year < currentYear && !actor.IsOperator)
            {
                errors.Add(new(field,
                    $"{year} is over: its goal is kept as the group followed it up; only an operator may correct a past year's goal.",
                    $"{year} er slut, og årets mål kan ikke længere ændres her; kontakt en driftsansvarlig, hvis det skal rettes."));
            }
        }

        return errors;
    }

    private static int CurrentYear(DateTimeOffset now) => TimeZoneInfo.ConvertTime(now, IngestSchedule.Copenhagen).Year;

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target}: goals for {Years} set by {Actor}")]
    private partial void LogSet(string target, string years, string actor);
}
