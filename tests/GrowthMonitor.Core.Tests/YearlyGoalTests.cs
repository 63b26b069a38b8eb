namespace GrowthMonitor.Core.Tests;

/// <summary>Goals set anew each year, as Hedensted's collaboration groups set them at their first meeting.</summary>
public sealed class YearlyGoalTests
{
    private static TargetDefinition Goals(GoalPace pace, params (int Year, double Goal)[] goals) =>
        new("apprenticeships", TargetKind.YearlyGoal, null, Period.Parse((goals.Min(g => g.Year) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Period.Parse(goals.Max(g => g.Year).ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Goals = goals.ToDictionary(g => g.Year, g => g.Goal),
            Pace = pace,
        };

    [Fact]
    public void Evaluate_CumulativeQuarterlyAtMidYear_HalfTheGoalExpected()
    {
        // 20 apprenticeships in 2025, counted cumulatively: 9 by the second quarter against 20 × 2/4 = 10 → 0.9.
        var target = Goals(GoalPace.ProRata, (2025, 20));
        var series = SeriesBuilder.Of(("2025K1", 4), ("2025K2", 9));

        var evaluation = TargetEvaluator.Evaluate(target, series, null, Contexts.Fresh(series));

        Assert.Equal((TargetStatus.AtRisk, Period.Parse("2025K2"), 10d), (evaluation.Status, evaluation.EvaluatedPeriod, evaluation.Expected));
        Assert.Equal(0.9, evaluation.Progress!.Value, 9);
        // One figure per quarter of one year has no trend across years (it was NaN, which JSON cannot carry).
        Assert.Null(evaluation.Projection);
    }

    [Fact]
    public void Evaluate_CumulativeQuarterlyAtYearEnd_TheWholeGoal()
    {
        // 21 by the fourth quarter against 20 → 1.05, on track for the year.
        var target = Goals(GoalPace.ProRata, (2025, 20));
        var series = SeriesBuilder.Of(("2025K1", 4), ("2025K2", 9), ("2025K3", 15), ("2025K4", 21));

        var evaluation = TargetEvaluator.Evaluate(target, series, null, Contexts.Fresh(series));

        Assert.Equal((TargetStatus.OnTrack, 20d), (evaluation.Status, evaluation.Expected));
        Assert.Equal(1.05, evaluation.Progress!.Value, 9);
    }

    [Fact]
    public void Evaluate_LevelPaceAtMidYear_TheGoalItself()
    {
        // 50 firms in the network during 2025: 45 in the second quarter → 0.9.
        var target = Goals(GoalPace.Level, (2025, 50));
        var series = SeriesBuilder.Of(("2025K1", 40), ("2025K2", 45));

        var evaluation = TargetEvaluator.Evaluate(target, series, null, Contexts.Fresh(series));

        Assert.Equal((TargetStatus.AtRisk, 50d), (evaluation.Status, evaluation.Expected));
        Assert.Equal(0.9, evaluation.Progress!.Value, 9);
    }

    [Fact]
    public void Assess_AnnualGoalsForTwoYears_EachYearAgainstItsOwnGoal()
    {
        // 22 against 20 in 2025 (1.1, on track); 20 against 25 in 2026 (0.8, off track).
        var target = Goals(GoalPace.ProRata, (2025, 20), (2026, 25));
        var series = SeriesBuilder.Of(("2025", 22), ("2026", 20));

        var assessment = TargetAssessment.Assess(target, series, null, Contexts.Utc(2027, 2, 1));

        Assert.Equal(
            [("2025", TargetStatus.OnTrack, 1.1), ("2026", TargetStatus.OffTrack, 0.8)],
            assessment.History.Select(e => (e.EvaluatedPeriod!.Value.ToString(), e.Status, Math.Round(e.Progress!.Value, 9))));
        Assert.Equal([new TrajectoryPoint(Period.Parse("2025"), 20), new TrajectoryPoint(Period.Parse("2026"), 25)], TargetEvaluator.Trajectory(target, series, null));
    }

    [Fact]
    public void Validate_NoGoalsOrAGoalOutsideTheSpan_Problems()
    {
        var none = Goals(GoalPace.ProRata, (2025, 20)) with { Goals = new Dictionary<int, double>() };
        var outside = Goals(GoalPace.ProRata, (2025, 20)) with { Goals = new Dictionary<int, double> { [2025] = 20, [2031] = 5 } };

        Assert.Equal(["YearlyGoal targets need Goals: a goal for at least one year."], none.Validate());
        Assert.Equal(["The goal for 2031 lies outside 2025–2025."], outside.Validate());
    }
}
