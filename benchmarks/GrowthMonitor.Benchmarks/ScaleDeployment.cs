using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrowthMonitor.Core;
using GrowthMonitor.TestSupport;

namespace GrowthMonitor.Benchmarks;

/// <summary>One quarterly table of the national deployment and the shape of its synthetic figures.</summary>
/// <param name="Size">A typical municipality's figure; each municipality gets 0.3–3.3 times it.</param>
/// <param name="GrowthFrom">The slowest yearly growth among the municipalities (−0.02 is 2 % less a year).</param>
/// <param name="CumulativeWithinYear">A count that grows through the year (apprenticeships signed so far), judged pro rata.</param>
public sealed record ScaleIndicator(string Id, string Title, string Unit, string Table, double Size, double GrowthFrom, double GrowthTo, bool CumulativeWithinYear = false);

/// <summary>
/// The national deployment the scale benchmark judges: four quarterly indicators for Denmark, its five regions and its
/// 98 municipalities (Christiansø, which Statistics Denmark gives no such figures, left out), over the 80 quarters up to
/// the latest one published, served by the tests' fake Statistics Denmark and ingested by the service itself; and
/// 1,000 targets on them of every kind, for one alliance per municipality (a target on one area), per region and per
/// business region of up to seven neighbouring municipalities (targets on sums of areas). Regions and Denmark are the
/// sums of their municipalities, as in Statistics Denmark's tables. Amounts are set from the figures themselves so that
/// the targets spread over every status.
/// </summary>
public sealed class ScaleDeployment
{
    public const int Quarters = 80;
    public const int Targets = 1_000;

    private const string AreaVariable = "OMRÅDE";
    private const string PinnedVariable = "TAL";
    private const string PinnedValue = "ANTAL";
    private const string Christiansø = "411";

    /// <summary>How far each target's amount is set from the pace its figures actually keep: ahead, just behind, behind, far behind.</summary>
    private static readonly double[] Ambition = [0.6, 1.05, 1.3, 2.0];

    public static readonly IReadOnlyList<ScaleIndicator> Indicators =
    [
        new("population", "Befolkningen den 1. i kvartalet", "personer", "SCALEPOP", 55_000, -0.008, 0.012),
        new("wage-earners", "Lønmodtagere efter bopælskommune", "lønmodtagere", "SCALELON", 24_000, -0.01, 0.02),
        new("unemployment", "Fuldtidsledige", "fuldtidsledige", "SCALELED", 1_200, -0.06, 0.03),
        new("apprenticeships", "Indgåede uddannelsesaftaler", "aftaler", "SCALEAFT", 260, -0.03, 0.05, CumulativeWithinYear: true),
    ];

    /// <summary>Each indicator's own spread of sizes and growth rates over the municipalities.</summary>
    private static readonly Dictionary<ScaleIndicator, int> Salts = Indicators.Select((indicator, i) => KeyValuePair.Create(indicator, i + 1)).ToDictionary();

    private readonly List<DanishArea> municipalities =
        [.. DanishAreas.All.Where(a => a.Level == AreaLevel.Municipality && a.Code != Christiansø).OrderBy(a => a.Code, StringComparer.Ordinal)];

    public ScaleDeployment(DateOnly today)
    {
        // Quarterly figures come out about a quarter after the quarter: the latest published is the one before this one.
        var latest = Period.Containing(Frequency.Quarter, today).Previous();
        Periods = [.. Enumerable.Range(0, Quarters).Select(i => latest.Offset(i - Quarters + 1))];
    }

    public IReadOnlyList<Period> Periods { get; }

    public int MunicipalityCount => municipalities.Count;

    /// <summary>Denmark, the regions and the municipalities: every area each table holds.</summary>
    public IReadOnlyList<string> Areas => [DanishAreas.Denmark, .. DanishAreas.All.Where(a => a.Level == AreaLevel.Region).Select(a => a.Code).Order(StringComparer.Ordinal), .. municipalities.Select(m => m.Code)];

    /// <summary>Figures the service stores: every area of every table, every quarter.</summary>
    public long Figures => (long)Indicators.Count * Areas.Count * Quarters;

    /// <summary>The table as the fake Statistics Denmark serves it, one pinned measure, whole numbers.</summary>
    public FakeTable Table(ScaleIndicator indicator) => new(
        indicator.Table,
        AreaVariable,
        Areas,
        [.. Periods.Select(p => p.ToString())],
        new Dictionary<string, IReadOnlyList<string>> { [PinnedVariable] = [PinnedValue] })
    {
        Values = (area, period) => (decimal)Value(indicator, area, Period.Parse(period)),
    };

    /// <summary>A municipality's figure, or the sum of its municipalities' for a region or Denmark.</summary>
    public double Value(ScaleIndicator indicator, string area, Period period) =>
        area == DanishAreas.Denmark ? municipalities.Sum(m => MunicipalityValue(indicator, m, period))
        : DanishAreas.Find(area)?.Level == AreaLevel.Region ? municipalities.Where(m => m.RegionCode == area).Sum(m => MunicipalityValue(indicator, m, period))
        : MunicipalityValue(indicator, municipalities.Single(m => m.Code == area), period);

    /// <summary>Writes the catalog (indicators, alliances with a contact each, the targets) where the service can load it.</summary>
    public string WriteCatalog(string directory)
    {
        var (alliances, targets) = AlliancesAndTargets();
        var catalog = new JsonObject
        {
            ["indicators"] = new JsonArray([.. Indicators.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.Id,
                ["title"] = i.Title,
                ["unit"] = i.Unit,
                ["table"] = i.Table,
                ["area"] = AreaVariable,
                ["select"] = new JsonObject { [PinnedVariable] = new JsonArray(PinnedValue) },
                ["areas"] = new JsonArray("*"),
                ["schedule"] = "0 9 * * *",
            })]),
            ["alliances"] = new JsonArray([.. alliances.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["name"] = a.Name,
                ["areas"] = new JsonArray([.. a.Areas.Select(code => (JsonNode)code)]),
                ["contacts"] = new JsonArray(new JsonObject { ["name"] = "Erhvervschef", ["email"] = $"erhverv@{a.Id}.example" }),
            })]),
            ["targets"] = new JsonArray([.. targets]),
        };
        var path = Path.Combine(directory, "catalog-scale.json");
        File.WriteAllText(path, catalog.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private double MunicipalityValue(ScaleIndicator indicator, DanishArea municipality, Period period)
    {
        var index = municipalities.IndexOf(municipality);
        var salt = Salts[indicator];
        var size = indicator.Size * (0.3 + 3 * Share(index, salt));
        var growth = indicator.GrowthFrom + (indicator.GrowthTo - indicator.GrowthFrom) * Share(index, salt + 10);
        var years = period.Offset(-period.PositionInYear + 1).Start.DayNumber - Periods[0].Start.DayNumber;
        var trend = size * Math.Pow(1 + growth, years / 365.25);
        if (indicator.CumulativeWithinYear)
        {
            return Math.Round(trend * period.PositionInYear / period.PeriodsPerYear);
        }

        // A season of ±1.5 % and a wobble, so that quarters differ as real ones do.
        var season = 1 + 0.015 * Math.Sin(2 * Math.PI * period.PositionInYear / period.PeriodsPerYear);
        var wobble = 1 + 0.01 * (Share(index * 31 + period.Start.DayNumber, salt) - 0.5);
        return Math.Round(trend * Math.Pow(1 + growth, (period.PositionInYear - 1) / 4.0) * season * wobble);
    }

    /// <summary>A number in [0, 1) that looks random but is the same on every run.</summary>
    private static double Share(int index, int salt) => (int)(((long)index * 7_919 + (long)salt * 104_729) % 1_000) / 1_000.0;

    private sealed record Alliance(string Id, string Name, IReadOnlyList<string> Areas, string? Region);

    private (List<Alliance> Alliances, List<JsonNode> Targets) AlliancesAndTargets()
    {
        var single = municipalities.Select(m => new Alliance($"kommune-{m.Code}", $"{m.Name} Kommune", [m.Code], m.RegionCode)).ToList();
        var regions = DanishAreas.All.Where(a => a.Level == AreaLevel.Region).OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(r => new Alliance($"region-{r.Code}", r.Name, [.. municipalities.Where(m => m.RegionCode == r.Code).Select(m => m.Code)], null)).ToList();
        // Business regions: up to seven neighbouring municipalities of one region, as Business Region MidtVest is.
        var businessRegions = regions
            .SelectMany(r => r.Areas.Chunk(7).Where(chunk => chunk.Length >= 3).Select(chunk => (Region: r, Areas: chunk)))
            .Select((b, n) => new Alliance($"erhvervsregion-{n + 1}", $"Erhvervsregion {n + 1} ({b.Region.Name})", b.Areas, b.Region.Id["region-".Length..]))
            .ToList();

        List<JsonNode> targets = [];
        var count = 0;
        void Add(Alliance alliance, string shape)
        {
            if (targets.Count < Targets)
            {
                targets.Add(Target(alliance, shape, count++));
            }
        }

        // Eight targets for each municipality on its own figures, then targets on sums until there are 1,000.
        string[] municipal = ["population:percent-growth", "population:relative-denmark", "wage-earners:annual-increase", "wage-earners:relative-region",
                              "wage-earners:percent-growth", "unemployment:percent-growth-down", "unemployment:level-down", "apprenticeships:yearly-goal"];
        foreach (var alliance in single)
        {
            foreach (var shape in municipal)
            {
                Add(alliance, shape);
            }
        }

        string[] summed = ["wage-earners:annual-increase", "population:percent-growth", "wage-earners:relative-denmark", "apprenticeships:yearly-goal",
                           "unemployment:level-down", "population:relative-denmark", "unemployment:percent-growth-down", "wage-earners:level"];
        List<Alliance> sums = [.. regions, .. businessRegions];
        for (var round = 0; targets.Count < Targets; round++)
        {
            foreach (var alliance in sums)
            {
                Add(alliance, summed[(round + sums.IndexOf(alliance)) % summed.Length] + $":{round}");
            }
        }

        return ([.. single, .. regions, .. businessRegions], targets);
    }

    /// <summary>
    /// One target of the given shape (<c>indicator:kind[:round]</c>) on the alliance's areas, its amount set at one of
    /// <see cref="Ambition"/> times the pace its figures kept from the baseline to the latest quarter.
    /// </summary>
    private JsonObject Target(Alliance alliance, string shape, int number)
    {
        var parts = shape.Split(':');
        var indicator = Indicators.Single(i => i.Id == parts[0]);
        var kind = parts[1];
        var ambition = Ambition[number % Ambition.Length];
        var baselineYear = Periods[0].Year + 3 + number % 12;
        var endYear = Periods[^1].Year + 2 + number % 8;
        var latest = Periods[^1];
        var years = latest.Year - baselineYear;
        double Sum(Period period) => alliance.Areas.Sum(area => Value(indicator, area, period));
        var baseline = Sum(latest.SameTimeInYear(baselineYear));
        var now = Sum(latest);
        var rate = Math.Pow(now / baseline, 1.0 / years) - 1;
        double RateOf(string area) => Math.Pow(Value(indicator, area, latest) / Value(indicator, area, latest.SameTimeInYear(baselineYear)), 1.0 / years) - 1;

        var target = new JsonObject
        {
            ["id"] = $"t{number + 1:0000}-{indicator.Id}",
            ["alliance"] = alliance.Id,
            ["indicator"] = indicator.Id,
            ["areas"] = new JsonArray([.. alliance.Areas.Select(code => (JsonNode)code)]),
        };
        switch (kind)
        {
            case "percent-growth":
                target["kind"] = kind;
                target["amount"] = Round(Math.Max(0.1, rate * 100 * ambition));
                break;
            case "percent-growth-down":
                target["kind"] = "percent-growth";
                target["direction"] = "down";
                target["amount"] = Round(Math.Max(0.5, -rate * 100 * ambition));
                break;
            case "annual-increase":
                target["kind"] = kind;
                target["amount"] = Math.Round(Math.Max(1, (now - baseline) / years * ambition));
                break;
            case "relative-denmark" or "relative-region":
                var benchmark = kind == "relative-region" ? alliance.Region ?? DanishAreas.Denmark : DanishAreas.Denmark;
                target["kind"] = "relative";
                target["benchmark"] = benchmark;
                target["amount"] = Round((rate - RateOf(benchmark)) * 100 * ambition);
                break;
            case "level" or "level-down":
                target["kind"] = "level";
                var down = kind == "level-down";
                if (down)
                {
                    target["direction"] = "down";
                }

                var pace = (now - baseline) / years;
                target["amount"] = Math.Round(baseline + (down ? Math.Min(pace, -baseline * 0.01) : Math.Max(pace, baseline * 0.01)) * ambition * (endYear - baselineYear));
                break;
            case "yearly-goal":
                // Agreements signed so far this year, against each year's goal pro rata; the current year's total is
                // estimated from its quarters so far, and next year's goal builds on it.
                double YearTotal(int year) => year < latest.Year ? Sum(Period.Create(Frequency.Quarter, year, 4)) : now * latest.PeriodsPerYear / latest.PositionInYear;
                target["kind"] = kind;
                target["goals"] = new JsonObject(Enumerable.Range(latest.Year - 2, 4).Select(year =>
                    KeyValuePair.Create(year.ToString(CultureInfo.InvariantCulture), (JsonNode?)Math.Round(YearTotal(Math.Min(year, latest.Year)) * ambition))));
                return target;
            default:
                throw new BenchmarkException($"Unknown target shape {shape}.");
        }

        target["baselinePeriod"] = baselineYear.ToString(CultureInfo.InvariantCulture);
        target["endPeriod"] = endYear.ToString(CultureInfo.InvariantCulture);
        return target;
    }

    private static double Round(double value) => Math.Round(value, 2);
}
