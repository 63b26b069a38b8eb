using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GrowthMonitor.Core;

namespace GrowthMonitor.IntegrationTests.Demo;

/// <summary>
/// Writes the demo's synthetic Statistics Denmark answers (src/GrowthMonitor/Demo/StatBank): a <c>/tableinfo</c> JSON
/// and a full BULK body per table of the bundled catalog, for Denmark, the regions and every municipality. The figures
/// follow a smooth model (size × trend × season, regions and Denmark as sums) tuned so the bundled targets show every
/// status: Horsens and Hedensted on track, MidtVest's unemployment at risk, MidtVest's jobs and Herning's population
/// behind. Nothing here is an official figure.
/// </summary>
public static class DemoSampleGenerator
{
    /// <summary>The day the sample pretends to be taken; its latest periods are those published by then.</summary>
    public static readonly DateOnly SampleDate = new(2026, 11, 30);

    private const int FirstYear = 2015;

    private static readonly string[] MidtVest = ["657", "661", "756", "665", "760", "779", "671"];

    private static readonly Dictionary<string, double> Population2015 = new()
    {
        ["101"] = 580_000, ["751"] = 330_000, ["851"] = 210_000, ["461"] = 198_000, ["561"] = 115_000, ["630"] = 111_000,
        ["615"] = 88_000, ["657"] = 87_000, ["661"] = 58_000, ["760"] = 57_000, ["779"] = 46_500, ["766"] = 46_000,
        ["756"] = 40_000, ["671"] = 21_500, ["665"] = 20_500, ["411"] = 90,
    };

    public sealed record Table(string Id, string Text, string Unit, string Updated, Frequency Frequency, Period Last, IReadOnlyList<Variable> Pinned, Func<string, Period, string[], double?> Figure)
    {
        public string AreaVariable => Pinned[0].Id;
    }

    public sealed record Variable(string Id, string Text, IReadOnlyList<(string Id, string Text)> Values);

    public static IReadOnlyList<Table> Tables { get; } =
    [
        new("ERHV2", "Arbejdssteder og job", "Antal", "2026-11-19T08:00:00", Frequency.Year, Period.Parse("2025"),
            [Area("OMRÅDE"), new("BRANCHEDB0710", "branche", [("TOT", "TOT Erhverv i alt")]), new("TAL", "enhed", [("ANSATTE", "Job"), ("ARBSTED", "Arbejdssteder")])],
            (area, period, codes) => codes[1] == "ARBSTED" ? Jobs(area, period) / 9 : Jobs(area, period)),
        new("LBESK69", "Lønmodtagere efter bopælskommune", "Antal", "2026-11-26T08:00:00", Frequency.Quarter, Period.Parse("2026K3"),
            [Area("BOPKOM"), new("TAL", "enhed", [("1020", "Lønmodtagere")]), new("KØN", "køn", [("TOT", "I alt")])],
            (area, period, _) => 0.46 * Population(area, period) * Season(period, 0.98, 1.00, 1.02, 1.00)),
        new("FOLK1A", "Befolkningen den 1. i kvartalet", "Antal", "2026-11-11T08:00:00", Frequency.Quarter, Period.Parse("2026K4"),
            [Area("OMRÅDE"), new("KØN", "køn", [("TOT", "I alt")]), new("ALDER", "alder", [("IALT", "Alder i alt")]), new("CIVILSTAND", "civilstand", [("TOT", "I alt")])],
            (area, period, _) => Population(area, period)),
        new("GF12", "Firmaer", "Antal", "2026-10-29T08:00:00", Frequency.Year, Period.Parse("2025"),
            [Area("KOMK"), new("BRANCHEDB0710TIL127", "branche", [("TOT", "TOT Erhverv i alt")])],
            (area, period, _) => Population(area, period) / 12),
        new("DEMO19", "Nye firmaer", "Antal", "2026-10-22T08:00:00", Frequency.Year, Period.Parse("2025"),
            [Area("REGI07A"), new("MÆNGDE4", "enhed", [("NYE", "Nye firmaer")])],
            (area, period, _) => Population(area, Period.Parse("2015")) / 200 * Math.Pow(area == "766" ? 1.04 : 1.015, Years(period))),
        new("AULK01", "Fuldtidsledige", "Antal", "2026-11-24T08:00:00", Frequency.Quarter, Period.Parse("2026K3"),
            [Area("OMRÅDE"), .. Unemployment()],
            (area, period, _) => Unemployed(area, period) * Season(period, 1.12, 0.96, 0.92, 1.00)),
        new("AUF01", "Fuldtidsledige, foreløbig opgørelse", "Antal", "2026-11-27T08:00:00", Frequency.Month, Period.Parse("2026M10"),
            [Area("OMRÅDE"), .. Unemployment()],
            (area, period, _) => Unemployed(area, period) * (1 + 0.08 * Math.Cos((period.PositionInYear - 1) * Math.PI / 6))),
    ];

    /// <summary>Writes every file into <paramref name="directory"/> and returns their names.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        List<string> written = [];
        foreach (var table in Tables)
        {
            File.WriteAllText(Path.Combine(directory, $"{table.Id}.tableinfo.json"), TableInfo(table), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, $"{table.Id}.bulk.csv"), Bulk(table), new UTF8Encoding(true));
            written.AddRange([$"{table.Id}.tableinfo.json", $"{table.Id}.bulk.csv"]);
        }

        return written;
    }

    public static IEnumerable<Period> Periods(Table table)
    {
        // Monthly figures only from 2021, which keeps the largest file small.
        for (var period = Period.Create(table.Frequency, table.Frequency == Frequency.Month ? 2021 : FirstYear, 1); period <= table.Last; period = period.Next())
        {
            yield return period;
        }
    }

    /// <summary>Like the real answers: no BOM, no final newline, Danish texts, <c>updated</c> in Danish time without offset.</summary>
    private static string TableInfo(Table table)
    {
        var variables = new JsonArray([.. table.Pinned.Select(v => (JsonNode)VariableJson(v, time: false)).Append(VariableJson(
            new Variable("Tid", "tid", [.. Periods(table).Select(p => (p.ToString(), p.ToString()))]), time: true))]);
        return new JsonObject
        {
            ["id"] = table.Id,
            ["text"] = table.Text,
            ["description"] = $"{table.Text} (SYNTETISK DEMODATA, ikke officielle tal)",
            ["unit"] = table.Unit,
            ["suppressedDataValue"] = "0",
            ["updated"] = table.Updated,
            ["active"] = true,
            ["contacts"] = new JsonArray(),
            ["documentation"] = null,
            ["footnote"] = new JsonObject { ["text"] = "Syntetiske demodata til GrowthMonitor; tallene er opdigtede.", ["mandatory"] = true },
            ["variables"] = variables,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Every combination of the pinned values, time ascending: <c>;</c>, CRLF, INDHOLD, <c>..</c> for a missing value.</summary>
    private static string Bulk(Table table)
    {
        var text = new StringBuilder();
        text.AppendJoin(';', table.Pinned.Select(v => v.Id.ToUpperInvariant())).Append(";TID;INDHOLD\r\n");
        IEnumerable<string[]> combinations = [[]];
        foreach (var variable in table.Pinned)
        {
            combinations = combinations.SelectMany(c => variable.Values.Select(v => (string[])[.. c, v.Id])).ToList();
        }

        foreach (var period in Periods(table))
        {
            foreach (var codes in combinations)
            {
                var value = codes[0] == "411" && table.Id != "FOLK1A" ? null : RegionalSum(codes[0], area => table.Figure(area, period, codes));
                text.AppendJoin(';', codes).Append(';').Append(period).Append(';')
                    .Append(value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "..").Append("\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A municipality's figure rounded as published; a region or Denmark the sum of its municipalities' figures.</summary>
    private static double? RegionalSum(string area, Func<string, double?> figure)
    {
        var level = AreaCodes.LevelOf(area);
        if (level == AreaLevel.Municipality)
        {
            return figure(area) is { } v ? Math.Round(v, MidpointRounding.AwayFromZero) : null;
        }

        return DanishAreas.All
            .Where(a => a.Level == AreaLevel.Municipality && a.Code != "411" && (level == AreaLevel.Country || a.RegionCode == area))
            .Sum(a => Math.Round(figure(a.Code) ?? 0, MidpointRounding.AwayFromZero));
    }

    private static Variable Area(string id) => new(id, "område", [.. DanishAreas.All.Select(a => (a.Code, a.Name))]);

    private static Variable[] Unemployment() =>
    [
        new("YDELSESTYPE", "ydelsestype", [("TOT", "Bruttoledige i alt")]),
        new("AKASSE", "a-kasse", [("TOT", "I alt")]),
        new("ALDER", "alder", [("TOT", "Alder i alt")]),
        new("KØN", "køn", [("TOT", "I alt")]),
    ];

    private static JsonObject VariableJson(Variable variable, bool time) => new()
    {
        ["id"] = variable.Id,
        ["text"] = variable.Text,
        ["elimination"] = !time,
        ["time"] = time,
        ["values"] = new JsonArray([.. variable.Values.Select(v => (JsonNode)new JsonObject { ["id"] = v.Id, ["text"] = v.Text })]),
    };

    /// <summary>Years from the start of 2015 to the period's start, so like periods lie whole years apart.</summary>
    private static double Years(Period period) => (period.Start.DayNumber - new DateOnly(FirstYear, 1, 1).DayNumber) / 365.25;

    private static double Season(Period period, params double[] byQuarter) => byQuarter[period.PositionInYear - 1];

    /// <summary>A small fixed ripple (at most ±0.1 %) so lines are not ruler-straight; too small to change a status.</summary>
    private static double Ripple(string area, Period period) =>
        1 + ((int.Parse(area, CultureInfo.InvariantCulture) * 31 + period.Year * 7 + period.PositionInYear * 3) % 7 - 3) * 0.0003;

    private static double Size(string area) =>
        Population2015.TryGetValue(area, out var known) ? known : 15_000 + int.Parse(area, CultureInfo.InvariantCulture) * 7919 % 61 * 1_000;

    /// <summary>Herning grows 0.3 % a year against its target of 0.5 %; the big cities 0.9 %; the rest 0.2–0.6 %.</summary>
    private static double Population(string area, Period period)
    {
        var growth = area switch
        {
            "657" => 0.003,
            "101" or "751" or "851" or "461" => 0.009,
            _ => 0.002 + int.Parse(area, CultureInfo.InvariantCulture) % 5 * 0.001,
        };
        return Size(area) * Math.Pow(1 + growth, Years(period)) * Ripple(area, period);
    }

    /// <summary>
    /// Horsens gains about 620 jobs a year against a target of 500; MidtVest's jobs grow 0.9 % a year, well short of
    /// Denmark's pace plus 0.5 points; elsewhere 1.0–1.4 %.
    /// </summary>
    private static double Jobs(string area, Period period)
    {
        if (area == "615")
        {
            return (41_000 + 620 * Years(period)) * Ripple(area, period);
        }

        var growth = MidtVest.Contains(area) ? 0.009 : 0.010 + int.Parse(area, CultureInfo.InvariantCulture) % 5 * 0.001;
        return Size(area) * 0.47 * Math.Pow(1 + growth, Years(period)) * Ripple(area, period);
    }

    /// <summary>MidtVest's unemployment falls 1.8 % a year against a target of 2 %: at risk. Elsewhere it falls 1 %.</summary>
    private static double Unemployed(string area, Period period) =>
        Size(area) * 0.028 * Math.Pow(MidtVest.Contains(area) ? 0.982 : 0.99, Years(period));
}
