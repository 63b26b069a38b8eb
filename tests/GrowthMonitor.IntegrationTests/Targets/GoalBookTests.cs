using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Targets;

namespace GrowthMonitor.IntegrationTests.Targets;

/// <summary>
/// Which goal applies (<see cref="GoalBook"/>): a year's latest change over the catalog's, as known at a moment for a
/// report reproduced then, and never one the catalog has since put outside the target's span.
/// </summary>
public sealed class GoalBookTests
{
    private static readonly DateTimeOffset January = new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The catalog's goals: 20 in 2025, 25 in 2026; the target runs from baseline 2024 to 2027.</summary>
    private static readonly CatalogTarget Apprenticeships = new(
        new TargetSpec("hedensted-apprenticeships", "hedensted", "apprenticeships", ["766"], "yearly-goal"),
        new TargetDefinition("hedensted-apprenticeships", TargetKind.YearlyGoal, null, Period.Parse("2024"), Period.Parse("2027"))
        {
            Goals = new Dictionary<int, double> { [2025] = 20, [2026] = 25 },
        },
        new IndicatorDefinition("apprenticeships", "Nye lærepladser"));

    private static readonly GoalBook Book = new(
    [
        new GoalChange(1, "hedensted-apprenticeships", 2026, 25, 20, "Anders Holm <anders.holm@hedensted.example>", January),
        new GoalChange(2, "hedensted-apprenticeships", 2027, null, 30, "Anders Holm <anders.holm@hedensted.example>", January),
        // Set before the catalog ended the target in 2027: no longer a year of the target, so it never applies.
        new GoalChange(3, "hedensted-apprenticeships", 2028, null, 35, "hedensted-erhverv", January),
        new GoalChange(4, "hedensted-apprenticeships", 2026, 20, 22, "Bente Krog <bente.krog@hedensted.example>", March),
        new GoalChange(5, "another-target", 2026, null, 99, "hedensted-erhverv", March),
    ]);

    [Fact]
    public void Of_Now_LatestChangeOverTheCatalogsAndOutOfSpanYearsLeftOut()
    {
        (int, double, string, string?, DateTimeOffset?)[] expected =
        [
            (2025, 20d, "catalog", null, null),
            (2026, 22d, "service", "Bente Krog <bente.krog@hedensted.example>", March),
            (2027, 30d, "service", "Anders Holm <anders.holm@hedensted.example>", January),
        ];

        Assert.Equal(expected, Book.Of(Apprenticeships).Select(g => (g.Year, g.Value, g.Source, g.SetBy, g.SetAt)));
        Assert.Equal(5, Book.LatestId);
    }

    [Fact]
    public void Apply_AsOfAMomentBetweenChanges_TheGoalsKnownThen()
    {
        var inFebruary = Book.Apply(Apprenticeships, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([(2025, 20d), (2026, 20d), (2027, 30d)], inFebruary.Definition.Goals.OrderBy(g => g.Key).Select(g => (g.Key, g.Value)));
        Assert.Empty(inFebruary.Definition.Validate());
        Assert.Equal(Apprenticeships.Title, inFebruary.Title);
    }

    [Fact]
    public void Apply_NoChangesOrAnotherKind_TheCatalogTargetItself()
    {
        var network = Apprenticeships with
        {
            Definition = new TargetDefinition("hedensted-apprenticeships", TargetKind.AnnualIncrease, 10, Period.Parse("2022"), Period.Parse("2030")),
        };

        Assert.Same(Apprenticeships, GoalBook.Empty.Apply(Apprenticeships));
        Assert.Same(network, Book.Apply(network));
        Assert.Empty(Book.Of(network));
    }
}
