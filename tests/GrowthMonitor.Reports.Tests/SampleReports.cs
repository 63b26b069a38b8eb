using GrowthMonitor.Core;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Reports.Tests;

/// <summary>
/// Annual reports built by hand. <see cref="Horsens"/> is a realistic sample (invented figures of a plausible size)
/// for the browser test and the README screenshot; <see cref="Target"/> is a valid on-track target to vary with
/// <c>with { … }</c> in the unit tests.
/// </summary>
internal static class SampleReports
{
    /// <summary>10.30 in Copenhagen (winter time, UTC+1).</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2025, 12, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly ReportArea HorsensArea = new("615", "Horsens", AreaLevel.Municipality);

    /// <summary>ERHV2 with 2024, published 20 November 2025 at 08.00 in Copenhagen: 323 days and 7 hours after the year ended.</summary>
    public static readonly DataSource Erhv2 = new("ERHV2", new DateTimeOffset(2025, 11, 20, 7, 0, 0, TimeSpan.Zero), Period.Parse("2024"));

    public static AnnualReport With(params ReportTarget[] targets) =>
        new("horsens", "Vækstalliancen Horsens", 2024, GeneratedAt, [HorsensArea], targets);

    /// <summary>
    /// +500 jobs a year from 46.850 in 2022: 47.850 expected in 2024, 48.100 actual, so progress 1,25 → on track.
    /// </summary>
    public static ReportTarget Target() => new(
        new TargetInfo(
            Id: "horsens-jobs",
            Title: "500 flere job om året i Horsens Kommune",
            Alliance: "horsens",
            Indicator: "jobs",
            IndicatorTitle: "Job på arbejdssteder",
            Unit: "job",
            Areas: ["615"],
            Kind: TargetKind.AnnualIncrease,
            Direction: Direction.Up,
            Amount: 500,
            BaselinePeriod: Period.Parse("2022"),
            EndPeriod: Period.Parse("2030"),
            Benchmark: null,
            OnTrackThreshold: 1.0,
            AtRiskThreshold: 0.85),
        new TargetEvaluation(
            TargetId: "horsens-jobs",
            Status: TargetStatus.OnTrack,
            EvaluatedPeriod: Period.Parse("2024"),
            Actual: 48_100,
            Expected: 47_850,
            Baseline: 46_850,
            Gap: 250,
            Progress: 1.25,
            Projection: new Projection(ProjectedAtEnd: 51_200, At: Period.Parse("2030"), ReachedIn: Period.Parse("2029"), Slope: 620, SearchUntilYear: 2080),
            Reason: null),
        YearChange: new YearChange(2024, Period.Parse("2023"), Period.Parse("2024"), 47_400, 48_100, ExpectedChange: 500),
        Chart: AnnualChart(2022, 2030, [46_850, 47_400, 48_100], expectedStart: 46_850, expectedStep: 500),
        Comparison: Comparison(("615", "Horsens", AreaLevel.Municipality, 47_400, 48_100)));

    /// <summary>
    /// The report for 2025 before ERHV2 has 2025: the target as judged on 2024, with the early estimate of 2025 from
    /// wage earners in 2025K3. 48.700 with a band of ±2,5 % (Q = 0,025): 48.700 × 0,975 = 47.482,5 and 48.700 × 1,025 =
    /// 49.917,5. Expected in 2025: 46.850 + 3 × 500 = 48.350; progress at the estimate (48.700 − 46.850) / 1.500 = 1,23
    /// (on track), at the low end 632,5 / 1.500 = 0,42 (off track), at the high end 2,04 (on track): too close to call.
    /// </summary>
    public static AnnualReport WithNowcast() => With(Target() with
    {
        Nowcast = Nowcast2025,
        NowcastIndicatorTitle = "Lønmodtagere efter bopælskommune",
    }) with { Year = 2025 };

    public static readonly Nowcast Nowcast2025 = new(
        Period.Parse("2025"), 48_700, 47_482.5, 49_917.5, new NowcastBasis("wage-earners", Period.Parse("2025K3")),
        TargetStatus.OnTrack, TargetStatus.OffTrack, TargetStatus.OnTrack, 318);

    /// <summary>The target with its definition and evaluation changed as a test needs.</summary>
    public static ReportTarget Revise(this ReportTarget target, Func<TargetInfo, TargetInfo>? info = null, Func<TargetEvaluation, TargetEvaluation>? evaluation = null) =>
        target with { Target = info?.Invoke(target.Target) ?? target.Target, Evaluation = evaluation?.Invoke(target.Evaluation) ?? target.Evaluation };

    /// <summary>A target the evaluator could not judge: no observation after the baseline year.</summary>
    public static ReportTarget NoDataTarget() => Target().Revise(
        info: i => i with
        {
            Id = "hedensted-new-firms",
            Title = "Flere nye firmaer i Hedensted: 3 procent om året",
            Kind = TargetKind.PercentGrowth,
            Amount = 3,
            Unit = "firmaer",
        },
        evaluation: e => e with
        {
            Status = TargetStatus.NoData,
            EvaluatedPeriod = null,
            Actual = null,
            Expected = null,
            Baseline = null,
            Gap = null,
            Progress = null,
            Projection = null,
            Reason = "There are no observations.",
            ReasonCode = ReasonCode.NoObservations,
        }) with
    {
        YearChange = null,
        Chart = [],
        Comparison = [],
    };

    /// <summary>
    /// The follow-up report of Hedensted's collaboration group "Det gode erhvervsliv" in 2025: a yearly goal of 20
    /// apprenticeships counted quarterly (9 by the second quarter against 20 × 2/4 = 10 → 90 %, at risk), with an owner
    /// and the group's note, and firms in the business network entered by hand (+10 a year from 100 in 2022: 118 in
    /// 2024 against 120 → 90 %). No note yet on the second target.
    /// </summary>
    public static AnnualReport HedenstedFollowUp()
    {
        const string group = "Det gode erhvervsliv";
        var quarters = new[] { ("2025K1", 4d, 5d), ("2025K2", 9d, 10d) };
        var apprenticeships = Target().Revise(
            info: i => i with
            {
                Id = "hedensted-apprenticeships",
                Title = "Lærepladser i 2025",
                Alliance = "hedensted",
                Indicator = "apprenticeships",
                IndicatorTitle = "Nye lærepladser",
                Unit = "lærepladser",
                Areas = ["766"],
                Kind = TargetKind.YearlyGoal,
                Amount = null,
                BaselinePeriod = Period.Parse("2024"),
                EndPeriod = Period.Parse("2025"),
            },
            evaluation: e => e with
            {
                TargetId = "hedensted-apprenticeships",
                Status = TargetStatus.AtRisk,
                EvaluatedPeriod = Period.Parse("2025K2"),
                Actual = 9,
                Expected = 10,
                Baseline = 0,
                Gap = -1,
                Progress = 0.9,
                Projection = null,
            }) with
        {
            YearChange = null,
            Chart = [.. quarters.Select(q => new ChartPoint(Period.Parse(q.Item1), q.Item2, q.Item3))],
            Comparison = [],
            Note = new TargetNote(1, "hedensted-apprenticeships", Period.Parse("2025K2"),
                "Gruppen har besøgt 14 virksomheder.\nTo nye praktikaftaler er på vej.", "Mette Hansen", "hedensted-erhverv", GeneratedAt.AddDays(-20)),
        };
        apprenticeships = apprenticeships with
        {
            Target = apprenticeships.Target with
            {
                FocusArea = group,
                Owner = "Mette Hansen",
                IndicatorSource = IndicatorSources.Manual,
                Goals = new Dictionary<int, double> { [2025] = 20 },
                Pace = GoalPace.ProRata,
            },
        };

        var network = Target().Revise(
            info: i => i with
            {
                Id = "hedensted-network",
                Title = "Flere virksomheder i erhvervsnetværket: 10 om året",
                Alliance = "hedensted",
                Indicator = "network-firms",
                IndicatorTitle = "Virksomheder i erhvervsnetværket",
                Unit = "virksomheder",
                Areas = ["766"],
                Amount = 10,
            },
            evaluation: e => e with
            {
                TargetId = "hedensted-network",
                Status = TargetStatus.AtRisk,
                Actual = 118,
                Expected = 120,
                Baseline = 100,
                Gap = -2,
                Progress = 0.9,
                Projection = null,
            }) with
        {
            // No 2025 figure yet: the year's change cannot be given.
            YearChange = null,
            Chart = AnnualChart(2022, 2030, [100, 109, 118], expectedStart: 100, expectedStep: 10),
            Comparison = [],
        };
        network = network with { Target = network.Target with { FocusArea = group, IndicatorSource = IndicatorSources.Manual } };

        return new AnnualReport("hedensted", "Hedensted Kommune", 2025, GeneratedAt, [new ReportArea("766", "Hedensted", AreaLevel.Municipality)], [apprenticeships, network])
        {
            FocusArea = group,
        };
    }

    /// <summary>Actual figures from <paramref name="firstYear"/> on; the expected path a straight line to the end year.</summary>
    public static ChartPoint[] AnnualChart(int firstYear, int endYear, double[] actual, double expectedStart, double expectedStep) =>
    [
        .. Enumerable.Range(firstYear, endYear - firstYear + 1).Select(year => new ChartPoint(
            Period.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            year - firstYear < actual.Length ? actual[year - firstYear] : null,
            expectedStart + expectedStep * (year - firstYear))),
    ];

    public static AreaComparison[] Comparison(params (string Code, string Name, AreaLevel Level, double From, double To)[] areas) =>
    [
        .. areas.Select(a => new AreaComparison(a.Code, a.Name, a.Level, Period.Parse("2023"), Period.Parse("2024"), a.From, a.To,
            a.To - a.From, (a.To - a.From) / Math.Abs(a.From) * 100)),
    ];

    /// <summary>
    /// Vækstalliancen Horsens in 2024: the +500 jobs target, behind at 87 % progress and, on the trend of the last five
    /// years, reached only after 2030; and a relative target (0,5 percentage points above Denmark's job growth) for
    /// contrast, on track. Figures are invented but of the size ERHV2 gives for Horsens, Region Midtjylland and
    /// Denmark. As AnnualReportBuilder does, the chart shows actual figures from the baseline year on.
    /// </summary>
    public static AnnualReport Horsens()
    {
        double[] jobs = [46_850, 47_230, 47_720];
        var comparison = Comparison(
            ("615", "Horsens", AreaLevel.Municipality, 47_230, 47_720),
            ("082", "Region Midtjylland", AreaLevel.Region, 652_300, 656_900),
            ("000", "Hele landet", AreaLevel.Country, 3_009_400, 3_021_800));

        // The goal is 46.850 + 8 · 500 = 50.850 in 2030: from 47.720 that is 3.130 in six years, 521,67 a year; compounded
        // 50.850 / 47.720 = 1,06559, whose sixth root is 1,01064: 1,06 % a year.
        var jobsTarget = Target().Revise(
            evaluation: e => e with
            {
                Status = TargetStatus.AtRisk,
                Actual = 47_720,
                Expected = 47_850,
                Baseline = 46_850,
                Gap = -130,
                Progress = 0.87,
                Projection = new Projection(ProjectedAtEnd: 50_310, At: Period.Parse("2030"), ReachedIn: Period.Parse("2032"), Slope: 430, SearchUntilYear: 2080),
                Pace = new RequiredPace(50_850, Period.Parse("2030"), 3_130 / 6.0, 1.0644508),
            }) with
        {
            YearChange = new YearChange(2024, Period.Parse("2023"), Period.Parse("2024"), 47_230, 47_720, ExpectedChange: 500),
            Chart = AnnualChart(2022, 2030, jobs, expectedStart: 46_850, expectedStep: 500),
            Comparison = comparison,
            Source = Erhv2,
        };

        // Denmark grew 0,4 % a year, so the target expects 0,9 % a year: 46.850 · 1,009^t.
        var relativeChart = Enumerable.Range(2022, 9).Select(year => new ChartPoint(
            Period.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            year - 2022 < jobs.Length ? jobs[year - 2022] : null,
            Math.Round(46_850 * Math.Pow(1.009, year - 2022)))).ToArray();
        var relativeTarget = Target().Revise(
            info: i => i with
            {
                Id = "horsens-jobs-vs-denmark",
                Title = "Jobvækst i Horsens mindst 0,5 procentpoint over landsgennemsnittet",
                Kind = TargetKind.Relative,
                Amount = 0.5,
                Benchmark = "000",
            },
            evaluation: e => e with
            {
                Status = TargetStatus.OnTrack,
                Actual = 47_720,
                Expected = 47_697,
                Baseline = 46_850,
                Gap = 23,
                Progress = 1.03,
                Projection = new Projection(ProjectedAtEnd: 50_310, At: Period.Parse("2030"), ReachedIn: Period.Parse("2031"), Slope: 430, SearchUntilYear: 2080),
            }) with
        {
            YearChange = new YearChange(2024, Period.Parse("2023"), Period.Parse("2024"), 47_230, 47_720, ExpectedChange: 425),
            Chart = relativeChart,
            Comparison = comparison,
            Source = Erhv2,
        };

        return With(jobsTarget, relativeTarget);
    }

    /// <summary>
    /// What a report must survive: a target without data, a quarterly "down" target with negative and missing figures
    /// whose goal is never reached, a single chart point, and model text that tries to be markup. Seven municipalities,
    /// as in Business Region MidtVest.
    /// </summary>
    public static AnnualReport EdgeCases()
    {
        var quarters = new[] { "2022K1", "2022K2", "2022K3", "2022K4", "2023K1", "2023K2", "2023K3", "2023K4", "2024K1", "2024K2" };
        var hostile = Target().Revise(
            info: i => i with
            {
                Id = "<b>id</b>",
                Title = "<script>alert('mål')</script> & \"ledighed\"",
                IndicatorTitle = "Fuldtidsledige <i>(kvartal)</i>",
                Unit = "fuldtidsledige",
                Kind = TargetKind.PercentGrowth,
                Direction = Direction.Down,
                Amount = 2,
            },
            evaluation: e => e with
            {
                Status = TargetStatus.OffTrack,
                EvaluatedPeriod = Period.Parse("2024K2"),
                Actual = -120,
                Expected = -80.5,
                Baseline = -60,
                Gap = -39.5,
                Progress = -0.4,
                Projection = new Projection(-300, Period.Parse("2030K2"), null, -25.5, 2080),
                Reason = null,
            }) with
        {
            YearChange = new YearChange(2024, Period.Parse("2023K2"), Period.Parse("2024K2"), -90, -120, ExpectedChange: -1.2),
            Chart = [.. quarters.Select((q, i) => new ChartPoint(Period.Parse(q), i == 5 ? null : -60 - 6.5 * i, i < 4 ? null : -60 - 2.05 * i))],
            Comparison = [new AreaComparison("999", "<u>Ukendt</u>", AreaLevel.Unknown, null, null, null, null, null, null)],
        };
        var single = Target().Revise(
            info: i => i with
            {
                Id = "single",
                Title = "Befolkningstilvækst på 0,5 procent om året",
                Unit = null,
                Kind = TargetKind.Level,
                Amount = 1_000_000,
            }) with
        {
            Chart = [new ChartPoint(Period.Parse("2024M07"), 98_765.4, null)],
        };
        string[] brmv = ["657", "661", "756", "665", "760", "779", "671"];
        return new("brmv", "Business Region MidtVest", 2024, GeneratedAt,
            [.. brmv.Select(code => new ReportArea(code, DanishAreas.NameOf(code), AreaLevel.Municipality))],
            [NoDataTarget(), hostile, single]);
    }
}
