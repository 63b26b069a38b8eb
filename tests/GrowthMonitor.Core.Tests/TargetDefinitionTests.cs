using static GrowthMonitor.Core.Tests.TargetBuilder;

namespace GrowthMonitor.Core.Tests;

public sealed class TargetDefinitionTests
{
    [Fact]
    public void Constructor_OnlyRequiredValues_DocumentedDefaults()
    {
        var target = Increase(500);

        Assert.Equal(Direction.Up, target.Direction);
        Assert.Equal(1.0, target.OnTrackThreshold);
        Assert.Equal(0.85, target.AtRiskThreshold);
        Assert.Equal(5, target.ProjectionPeriods);
        Assert.Equal(TimeSpan.FromDays(365), target.StalenessGrace);
    }

    [Theory]
    [InlineData(TargetKind.AnnualIncrease, 500.0)]
    [InlineData(TargetKind.PercentGrowth, 1.5)]
    [InlineData(TargetKind.Level, 0.0)]
    [InlineData(TargetKind.Relative, -0.5)]
    [InlineData(TargetKind.Relative, null)]
    public void Validate_WellFormedTarget_NoProblems(TargetKind kind, double? amount) =>
        Assert.Empty(Target(kind, amount).Validate());

    [Fact]
    public void Validate_EmptyId_Problem() =>
        Assert.Equal(["Id must not be empty."], (Increase(500) with { Id = " " }).Validate());

    [Theory]
    [InlineData("2024")]
    [InlineData("2024K4")]
    [InlineData("2023")]
    public void Validate_EndNotAfterBaselineYear_Problem(string end) =>
        Assert.Equal(
            [$"End {end} must be in a later year than the baseline year 2024."],
            Increase(500, baseline: "2024", end: end).Validate());

    [Theory]
    [InlineData(0.95, 0.9)]
    [InlineData(0.0, 1.0)]
    [InlineData(-0.1, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.85, double.PositiveInfinity)]
    public void Validate_ThresholdsOutOfOrder_Problem(double atRisk, double onTrack) =>
        Assert.Equal(
            [FormattableString.Invariant(
                $"Thresholds must satisfy 0 < AtRiskThreshold ≤ OnTrackThreshold, got AtRiskThreshold {atRisk} and OnTrackThreshold {onTrack}.")],
            (Increase(500) with { AtRiskThreshold = atRisk, OnTrackThreshold = onTrack }).Validate());

    [Fact]
    public void Validate_EqualThresholds_NoProblems() =>
        Assert.Empty((Increase(500) with { AtRiskThreshold = 1.0, OnTrackThreshold = 1.0 }).Validate());

    [Theory]
    [InlineData(TargetKind.AnnualIncrease)]
    [InlineData(TargetKind.PercentGrowth)]
    [InlineData(TargetKind.Level)]
    public void Validate_NoAmount_Problem(TargetKind kind) =>
        Assert.Equal([$"{kind} targets need an Amount."], Target(kind, null).Validate());

    [Theory]
    [InlineData(TargetKind.AnnualIncrease, 0.0)]
    [InlineData(TargetKind.PercentGrowth, -2.0)]
    public void Validate_AmountNotPositive_Problem(TargetKind kind, double amount) =>
        Assert.Equal(
            [FormattableString.Invariant(
                $"Amount must be greater than 0 for {kind} targets (use Direction Down for a fall), got {amount}.")],
            Target(kind, amount).Validate());

    [Theory]
    [InlineData(TargetKind.Level, double.NaN)]
    [InlineData(TargetKind.Relative, double.PositiveInfinity)]
    [InlineData(TargetKind.AnnualIncrease, double.NegativeInfinity)]
    public void Validate_AmountNotFinite_Problem(TargetKind kind, double amount) =>
        Assert.Equal(
            [FormattableString.Invariant($"Amount must be a finite number, got {amount}.")],
            Target(kind, amount).Validate());

    [Fact]
    public void Validate_PercentFallOfHundred_Problem() =>
        Assert.Equal(
            ["Amount must be below 100 for PercentGrowth targets with Direction Down, got 100."],
            (Target(TargetKind.PercentGrowth, 100) with { Direction = Direction.Down }).Validate());

    [Fact]
    public void Validate_PercentGrowthOfHundredUp_NoProblems() =>
        Assert.Empty(Target(TargetKind.PercentGrowth, 100).Validate());

    [Fact]
    public void Validate_OneProjectionPeriod_Problem() =>
        Assert.Equal(
            ["ProjectionPeriods must be at least 2 (a trend needs two points), got 1."],
            (Increase(500) with { ProjectionPeriods = 1 }).Validate());

    [Fact]
    public void Validate_NegativeGrace_Problem() =>
        Assert.Equal(
            ["StalenessGrace must not be negative, got -1.00:00:00."],
            (Increase(500) with { StalenessGrace = TimeSpan.FromDays(-1) }).Validate());

    [Fact]
    public void Validate_UndefinedEnums_Problems() =>
        Assert.Equal(
            ["Kind 9 is not one of AnnualIncrease, PercentGrowth, Level, Relative.", "Direction 7 is not Up or Down."],
            (Increase(500) with { Kind = (TargetKind)9, Direction = (Direction)7 }).Validate());

    [Fact]
    public void Validate_SeveralProblems_OneLineEach()
    {
        var target = Target(TargetKind.AnnualIncrease, null, baseline: "2025", end: "2025") with { ProjectionPeriods = 0 };

        Assert.Equal(
            [
                "End 2025 must be in a later year than the baseline year 2025.",
                "AnnualIncrease targets need an Amount.",
                "ProjectionPeriods must be at least 2 (a trend needs two points), got 0.",
            ],
            target.Validate());
    }
}
