using System.Text.Json.Nodes;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;

namespace GrowthMonitor.IntegrationTests.Catalog;

/// <summary>
/// Every rule of the catalog file, each broken on its own in an otherwise valid catalog, with the exact line an
/// operator reads at start. No servers: the loader only reads the file.
/// </summary>
public sealed class CatalogLoaderTests : IDisposable
{
    private const string IndicatorPrefix = "Catalog catalog.json: indicators[0] 'jobs': ";
    private const string AlliancePrefix = "Catalog catalog.json: alliances[0] 'horsens': ";
    private const string TargetPrefix = "Catalog catalog.json: targets[0] 'horsens-jobs': ";

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("growthmonitor-catalog-");

    private string CatalogPath => Path.Combine(directory.FullName, "catalog.json");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Load_ValidCatalog_NoProblemsAndEveryEntry()
    {
        var result = Load(ValidCatalog());

        Assert.Empty(result.Problems);
        var catalog = Assert.IsType<GrowthCatalog>(result.Catalog);
        Assert.Equal(["jobs"], catalog.Indicators.Select(i => i.Id));
        Assert.Equal(["horsens"], catalog.Alliances.Select(a => a.Id));
        var target = Assert.Single(catalog.Targets);
        Assert.Equal(("horsens-jobs", 500.0, "2022", "2030"), (target.Definition.Id, target.Definition.Amount, target.Definition.Baseline.ToString(), target.Definition.End.ToString()));
    }

    [Fact]
    public void Load_CommentsAndTrailingCommas_Accepted()
    {
        File.WriteAllText(CatalogPath, """
            {
              // Edited by hand.
              "indicators": [{ "id": "jobs", "title": "Job", "table": "ERHV2", "area": "OMRÅDE", "schedule": "0 9 * * *", },],
            }
            """);

        var result = CatalogLoader.Load(CatalogPath);

        Assert.Empty(result.Problems);
        Assert.Equal(["jobs"], result.Catalog!.Indicators.Select(i => i.Id));
    }

    [Fact]
    public void Load_BundledCatalog_NoProblems()
    {
        var result = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "catalog.json"));

        Assert.Empty(result.Problems);
        Assert.NotEmpty(result.Catalog!.Targets);
    }

    [Fact]
    public void Load_DocsHedenstedAndHerningExample_NoProblems()
    {
        // The example in docs/catalog.md is what municipalities copy: it must load as written.
        var docs = File.ReadAllText(Path.Combine(Dashboards.GrafanaDashboards.RepositoryRoot(), "docs", "catalog.md"));
        var start = docs.IndexOf("```json", docs.IndexOf("Hedensted's four collaboration groups", StringComparison.Ordinal), StringComparison.Ordinal) + "```json".Length;
        File.WriteAllText(CatalogPath, docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)]);

        var result = CatalogLoader.Load(CatalogPath);

        Assert.Empty(result.Problems);
        Assert.Equal(["hedensted-network", "hedensted-apprenticeships", "herning-climate-plans"], result.Catalog!.Targets.Select(t => t.Id));
    }

    [Fact]
    public void Load_FileMissing_SaysItCannotBeRead()
    {
        var result = CatalogLoader.Load(CatalogPath);

        Assert.Null(result.Catalog);
        Assert.Equal([$"Catalog '{CatalogPath}' cannot be read: Could not find file '{CatalogPath}'."], result.Problems);
    }

    [Fact]
    public void Load_JsonSyntaxError_NamesLineAndPosition()
    {
        File.WriteAllText(CatalogPath, "{\n  \"indicators\": [\n    { \"id\" \"jobs\" }\n  ]\n}");

        var result = CatalogLoader.Load(CatalogPath);

        Assert.Null(result.Catalog);
        Assert.Equal(["Catalog catalog.json: '\"' is invalid after a property name. Expected a ':'. Path: $.indicators[0] | LineNumber: 2 | BytePositionInLine: 11."], result.Problems);
    }

    [Fact]
    public void Load_UnknownMember_NamesItAndTheEntryType()
    {
        var result = Load(Changed(c => Target(c)["colour"] = "green"));

        Assert.Equal(["Catalog catalog.json: The JSON property 'colour' could not be mapped to any .NET member contained in type 'GrowthMonitor.Catalog.TargetSpec'."], result.Problems);
    }

    [Fact]
    public void Load_RequiredMemberMissing_NamesIt()
    {
        var result = Load(Changed(c => Indicator(c).Remove("title")));

        Assert.Equal(["Catalog catalog.json: JSON deserialization for type 'GrowthMonitor.Catalog.IndicatorDefinition' was missing required properties including: 'title'."], result.Problems);
    }

    [Fact]
    public void Load_StatBankScheduleMissing_SaysWhatItIsFor()
    {
        var result = Load(Changed(c => Indicator(c).Remove("schedule")));

        Assert.Equal([$"{IndicatorPrefix}schedule is missing: a five-field cron expression says when to look for new figures"], result.Problems);
    }

    [Fact]
    public void Load_NullDocument_SaysThereIsNoCatalogObject()
    {
        File.WriteAllText(CatalogPath, "null");

        Assert.Equal(["Catalog catalog.json: the file holds no catalog object."], CatalogLoader.Load(CatalogPath).Problems);
    }

    [Theory]
    [InlineData("Jobs")]
    [InlineData("1jobs")]
    [InlineData("jobs_total")]
    [InlineData("a-very-long-indicator-id-of-forty-one-chs")]
    public void Load_IndicatorIdNotAllowed_SaysWhatAnIdIs(string id)
    {
        Assert.Equal(
            [$"Catalog catalog.json: indicators[0] '{id}': id must be unique, 1-40 lower-case letters, digits or '-', starting with a letter"],
            ProblemsWith(c => { Indicator(c)["id"] = id; Target(c)["indicator"] = id; }));
    }

    [Fact]
    public void Load_IndicatorIdNull_ReportedWithoutAnId()
    {
        Assert.Equal(
            [
                "Catalog catalog.json: indicators[0]: id must be unique, 1-40 lower-case letters, digits or '-', starting with a letter",
                $"{TargetPrefix}indicator 'jobs' is not in the catalog",
            ],
            ProblemsWith(c => Indicator(c)["id"] = null));
    }

    [Fact]
    public void Load_IndicatorIdTwice_ReportsTheSecond()
    {
        Assert.Equal(
            ["Catalog catalog.json: indicators[1] 'jobs': id must be unique, 1-40 lower-case letters, digits or '-', starting with a letter"],
            ProblemsWith(c => c["indicators"]!.AsArray().Add(Indicator(c).DeepClone())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Load_IndicatorTitleMissing_SaysSo(string? title)
    {
        Assert.Equal([$"{IndicatorPrefix}title is missing"], ProblemsWith(c => Indicator(c)["title"] = title));
    }

    [Theory]
    [InlineData("ERHV 2")]
    [InlineData("2ERHV")]
    [InlineData("E")]
    public void Load_TableNotAStatBankId_QuotesIt(string table)
    {
        Assert.Equal([$"{IndicatorPrefix}table '{table}' is not a Statistics Denmark table id such as ERHV2"], ProblemsWith(c => Indicator(c)["table"] = table));
    }

    [Fact]
    public void Load_AreaVariableMissing_SaysWhatItIs()
    {
        Assert.Equal([$"{IndicatorPrefix}area must name the geography variable, e.g. OMRÅDE"], ProblemsWith(c => Indicator(c)["area"] = ""));
    }

    [Fact]
    public void Load_SelectPinsTheAreaVariable_PointsToAreas()
    {
        Assert.Equal(
            [$"{IndicatorPrefix}select pins the area variable område; list areas in 'areas' instead"],
            ProblemsWith(c => Indicator(c)["select"]!["område"] = new JsonArray("615")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"ANSATTE\", \"ARBSTED\"]")]
    [InlineData("[\"\"]")]
    [InlineData("null")]
    public void Load_SelectNotExactlyOneValue_SaysWhy(string values)
    {
        Assert.Equal(
            [$"{IndicatorPrefix}select.TAL must hold exactly one value, so that one series per area is stored"],
            ProblemsWith(c => Indicator(c)["select"]!["TAL"] = JsonNode.Parse(values)));
    }

    [Fact]
    public void Load_IndicatorAreasNotCodes_ListsThem()
    {
        Assert.Equal(
            [$"{IndicatorPrefix}areas must be '*' or Statistics Denmark area codes, not [615, Horsens]"],
            ProblemsWith(c => Indicator(c)["areas"] = new JsonArray("615", "Horsens")));
    }

    [Theory]
    [InlineData("0 9 * *", 4)]
    [InlineData("every day", 2)]
    [InlineData("0 0 9 * * *", 6)]
    public void Load_ScheduleWithoutFiveFields_CountsThem(string schedule, int fields)
    {
        Assert.Equal(
            [$"{IndicatorPrefix}schedule '{schedule}' is not a five-field cron expression (it has {fields} fields: minute, hour, day of month, month, day of week)"],
            ProblemsWith(c => Indicator(c)["schedule"] = schedule));
    }

    [Fact]
    public void Load_ScheduleFieldOutOfRange_QuotesCronosReason()
    {
        Assert.Equal(
            [$"{IndicatorPrefix}schedule '0 25 * * *' is not a five-field cron expression (The given cron expression has an invalid format. Hours: Value must be a number between 0 and 23 (all inclusive).)"],
            ProblemsWith(c => Indicator(c)["schedule"] = "0 25 * * *"));
    }

    [Fact]
    public void Load_NullInsideLists_ReportedNotThrown()
    {
        Assert.Equal(
            [
                $"{IndicatorPrefix}areas must be '*' or Statistics Denmark area codes, not [615, ]",
                $"{AlliancePrefix}areas must list the members' Statistics Denmark area codes, e.g. [\"615\"]",
                $"{AlliancePrefix}contact '' has no valid e-mail address",
                $"{TargetPrefix}areas [615, ] are not all Statistics Denmark area codes",
            ],
            ProblemsWith(c =>
            {
                Indicator(c)["areas"] = new JsonArray("615", null);
                Alliance(c)["areas"] = new JsonArray("615", null);
                Alliance(c)["contacts"]!.AsArray().Add(null);
                Target(c)["areas"] = new JsonArray("615", null);
            }));
    }

    [Theory]
    [InlineData("Horsens")]
    [InlineData("vækst")]
    public void Load_AllianceIdNotAllowed_SaysWhatAnIdIs(string id)
    {
        Assert.Equal(
            [$"Catalog catalog.json: alliances[0] '{id}': id must be unique, 1-40 lower-case letters, digits or '-'"],
            ProblemsWith(c => { Alliance(c)["id"] = id; Target(c)["alliance"] = id; }));
    }

    [Fact]
    public void Load_AllianceIdTwice_ReportsTheSecond()
    {
        Assert.Equal(
            ["Catalog catalog.json: alliances[1] 'horsens': id must be unique, 1-40 lower-case letters, digits or '-'"],
            ProblemsWith(c => c["alliances"]!.AsArray().Add(Alliance(c).DeepClone())));
    }

    [Fact]
    public void Load_AllianceNameMissing_SaysSo()
    {
        Assert.Equal([$"{AlliancePrefix}name is missing"], ProblemsWith(c => Alliance(c)["name"] = ""));
    }

    [Theory]
    [InlineData("[]", true)]
    [InlineData("[\"615\", \"Horsens\"]", false)]
    [InlineData("[\"0615\"]", true)]
    public void Load_AllianceAreasNotCodes_SaysWhatMembersAre(string areas, bool targetAreaOutside)
    {
        string[] expected =
        [
            $"{AlliancePrefix}areas must list the members' Statistics Denmark area codes, e.g. [\"615\"]",
            .. targetAreaOutside ? [$"{TargetPrefix}areas [615] are not members of alliance 'horsens'"] : Array.Empty<string>(),
        ];

        Assert.Equal(expected, ProblemsWith(c => Alliance(c)["areas"] = JsonNode.Parse(areas)));
    }

    [Theory]
    [InlineData("erhverv.horsens.example")]
    [InlineData("erhverv@horsens")]
    [InlineData("erhverv @horsens.example")]
    [InlineData(null)]
    public void Load_ContactEmailInvalid_NamesTheContact(string? email)
    {
        Assert.Equal(
            [$"{AlliancePrefix}contact 'Erhvervsdirektør' has no valid e-mail address"],
            ProblemsWith(c => Alliance(c)["contacts"]![0]!["email"] = email));
    }

    [Fact]
    public void Load_ContactUnknownEventAndRepeat_NamesBoth()
    {
        Assert.Equal(
            [
                $"{AlliancePrefix}contact 'Erhvervsdirektør': event 'target.changed' is not one of target.status_changed, target.still_off_track, target.nowcast_changed, indicator.stale, indicator.ingestion_failed",
                $"{AlliancePrefix}contact 'Erhvervsdirektør': repeatDays must be from 1 to 365",
            ],
            ProblemsWith(c =>
            {
                Alliance(c)["contacts"]![0]!["events"] = new JsonArray("target.status_changed", "target.changed");
                Alliance(c)["contacts"]![0]!["repeatDays"] = 0;
            }));
    }

    [Fact]
    public void Load_ValidWebhooksAndOwner_Accepted()
    {
        var result = Load(Changed(c =>
        {
            Alliance(c)["webhooks"] = JsonNode.Parse("""
                [{ "id": "horsens-teams", "url": "https://horsens.webhook.office.com/x", "format": "teams", "muted": true },
                 { "id": "horsens-intranet", "url": "https://intranet.horsens.example/hooks", "events": ["target.status_changed"], "repeatDays": 7 }]
                """);
            Target(c)["owner"] = JsonNode.Parse("""{ "name": "Jobcenterchef", "email": "job@horsens.example" }""");
        }));

        Assert.Empty(result.Problems);
        var alliance = Assert.Single(result.Catalog!.Alliances);
        Assert.Equal([("horsens-teams", "teams", true), ("horsens-intranet", "json", false)], alliance.WebhookList.Select(w => (w.Id, w.Format, w.Muted)));
        Assert.Equal("job@horsens.example", result.Catalog.Targets[0].Spec.Owner!.Email);
    }

    [Fact]
    public void Load_WebhookBroken_NamesEveryProblem()
    {
        Assert.Equal(
            [
                $"{AlliancePrefix}webhook 'Teams!': id must be unique in the catalog, 1-40 lower-case letters, digits or '-' (it names the secret Webhooks:{{id}}:Secret)",
                $"{AlliancePrefix}webhook 'Teams!': url must be an absolute http(s) URL",
                $"{AlliancePrefix}webhook 'Teams!': format 'xml' is not one of json, slack, teams",
            ],
            ProblemsWith(c => Alliance(c)["webhooks"] = JsonNode.Parse("""[{ "id": "Teams!", "url": "ftp://x.example/", "format": "xml" }]""")));
    }

    [Fact]
    public void Load_WebhookIdTwice_ReportsTheSecond()
    {
        Assert.Equal(
            [$"{AlliancePrefix}webhook 'hook': id must be unique in the catalog, 1-40 lower-case letters, digits or '-' (it names the secret Webhooks:{{id}}:Secret)"],
            ProblemsWith(c => Alliance(c)["webhooks"] = JsonNode.Parse("""[{ "id": "hook", "url": "https://a.example/" }, { "id": "hook", "url": "https://b.example/" }]""")));
    }

    [Fact]
    public void Load_OwnerWithoutValidEmail_NamesTheOwner()
    {
        Assert.Equal(
            [$"{TargetPrefix}owner 'Jobcenterchef' has no valid e-mail address"],
            ProblemsWith(c => Target(c)["owner"] = JsonNode.Parse("""{ "name": "Jobcenterchef", "email": "jobcenter" }""")));
    }

    [Fact]
    public void Load_TargetIdNotAllowed_SaysWhatAnIdIs()
    {
        Assert.Equal(
            ["Catalog catalog.json: targets[0] 'Horsens jobs': id must be unique, 1-40 lower-case letters, digits or '-'"],
            ProblemsWith(c => Target(c)["id"] = "Horsens jobs"));
    }

    [Fact]
    public void Load_TargetIdTwice_ReportsTheSecond()
    {
        Assert.Equal(
            ["Catalog catalog.json: targets[1] 'horsens-jobs': id must be unique, 1-40 lower-case letters, digits or '-'"],
            ProblemsWith(c => c["targets"]!.AsArray().Add(Target(c).DeepClone())));
    }

    [Fact]
    public void Load_TargetOfUnknownAlliance_NamesIt()
    {
        Assert.Equal([$"{TargetPrefix}alliance 'vejle' is not in the catalog"], ProblemsWith(c => Target(c)["alliance"] = "vejle"));
    }

    [Fact]
    public void Load_TargetOnUnknownIndicator_NamesIt()
    {
        Assert.Equal([$"{TargetPrefix}indicator 'jobz' is not in the catalog"], ProblemsWith(c => Target(c)["indicator"] = "jobz"));
    }

    [Fact]
    public void Load_TargetWithoutAreas_SaysOneIsNeeded()
    {
        Assert.Equal([$"{TargetPrefix}areas must list at least one area code"], ProblemsWith(c => Target(c)["areas"] = new JsonArray()));
    }

    [Fact]
    public void Load_TargetAreasNotCodes_ListsThem()
    {
        Assert.Equal(
            [$"{TargetPrefix}areas [615, Horsens] are not all Statistics Denmark area codes"],
            ProblemsWith(c => Target(c)["areas"] = new JsonArray("615", "Horsens")));
    }

    [Fact]
    public void Load_TargetAreasMixLevels_NamesEachLevel()
    {
        Assert.Equal(
            [$"{TargetPrefix}areas [082, 615] mix geography levels (082: Region, 615: Municipality); a sum over them would count people twice"],
            ProblemsWith(c =>
            {
                Alliance(c)["areas"] = new JsonArray("082", "615");
                Indicator(c)["areas"] = new JsonArray("*");
                Target(c)["areas"] = new JsonArray("082", "615");
            }));
    }

    [Fact]
    public void Load_TargetAreasOutsideTheAlliance_ListsThem()
    {
        Assert.Equal(
            [$"{TargetPrefix}areas [766] are not members of alliance 'horsens'"],
            ProblemsWith(c => Target(c)["areas"] = new JsonArray("615", "766")));
    }

    [Fact]
    public void Load_BenchmarkNotACode_QuotesIt()
    {
        Assert.Equal(
            [$"{TargetPrefix}benchmark 'DK' is not a Statistics Denmark area code"],
            ProblemsWith(c =>
            {
                Indicator(c)["areas"] = new JsonArray("*");
                Target(c)["kind"] = "relative";
                Target(c)["benchmark"] = "DK";
            }));
    }

    [Fact]
    public void Load_TargetAreaOrBenchmarkNotFetched_NamesThemAndTheIndicatorsAreas()
    {
        Assert.Equal(
            [$"{TargetPrefix}areas [615, 084] are not fetched by indicator 'jobs' (its areas are [000, 766])"],
            ProblemsWith(c =>
            {
                Indicator(c)["areas"] = new JsonArray("000", "766");
                Target(c)["kind"] = "relative";
                Target(c)["benchmark"] = "084";
            }));
    }

    [Theory]
    [InlineData("annual")]
    [InlineData("Annual-Increase")]
    [InlineData("AnnualIncrease")]
    public void Load_KindUnknown_ListsTheKinds(string kind)
    {
        Assert.Equal(
            [$"{TargetPrefix}kind '{kind}' is not one of annual-increase, percent-growth, level, relative, yearly-goal"],
            ProblemsWith(c => Target(c)["kind"] = kind));
    }

    [Fact]
    public void Load_DirectionUnknown_ListsTheDirections()
    {
        Assert.Equal(
            [$"{TargetPrefix}direction 'falling' is not one of up, down"],
            ProblemsWith(c => Target(c)["direction"] = "falling"));
    }

    [Theory]
    [InlineData("baselinePeriod", "22")]
    [InlineData("baselinePeriod", "2022X1")]
    [InlineData("endPeriod", "2030-12")]
    public void Load_PeriodNotACode_QuotesItAndShowsCodes(string field, string code)
    {
        Assert.Equal(
            [$"{TargetPrefix}{field} '{code}' is not a period code such as 2022, 2022K1 or 2022M01"],
            ProblemsWith(c => Target(c)[field] = code));
    }

    [Fact]
    public void Load_RelativeWithoutBenchmark_AsksForOne()
    {
        Assert.Equal(
            [$"{TargetPrefix}relative targets need a benchmark area, e.g. \"000\" for Denmark"],
            ProblemsWith(c => Target(c)["kind"] = "relative"));
    }

    [Theory]
    [InlineData("endPeriod", "\"2022\"", "End 2022 must be in a later year than the baseline year 2022.")]
    [InlineData("endPeriod", "\"2022K4\"", "End 2022K4 must be in a later year than the baseline year 2022.")]
    [InlineData("amount", "null", "AnnualIncrease targets need an Amount.")]
    [InlineData("amount", "-500", "Amount must be greater than 0 for AnnualIncrease targets (use Direction Down for a fall), got -500.")]
    [InlineData("onTrack", "0.8", "Thresholds must satisfy 0 < AtRiskThreshold ≤ OnTrackThreshold, got AtRiskThreshold 0.85 and OnTrackThreshold 0.8.")]
    [InlineData("atRisk", "0", "Thresholds must satisfy 0 < AtRiskThreshold ≤ OnTrackThreshold, got AtRiskThreshold 0 and OnTrackThreshold 1.")]
    [InlineData("projectionPeriods", "1", "ProjectionPeriods must be at least 2 (a trend needs two points), got 1.")]
    public void Load_DefinitionInvalid_ReportsCoresProblem(string field, string value, string problem)
    {
        Assert.Equal([$"{TargetPrefix}{problem}"], ProblemsWith(c => Target(c)[field] = JsonNode.Parse(value)));
    }

    [Fact]
    public void Load_PercentFallOfAHundredOrMore_ReportsCoresProblem()
    {
        Assert.Equal(
            [$"{TargetPrefix}Amount must be below 100 for PercentGrowth targets with Direction Down, got 100."],
            ProblemsWith(c =>
            {
                Target(c)["kind"] = "percent-growth";
                Target(c)["direction"] = "down";
                Target(c)["amount"] = 100;
            }));
    }

    [Fact]
    public void Load_DefinitionInvalidBesideOtherProblems_OnlyTheOthersAreReported()
    {
        // Core's checks need a parsed definition; the loader's own problems come first and alone.
        Assert.Equal(
            [$"{TargetPrefix}direction 'falling' is not one of up, down"],
            ProblemsWith(c =>
            {
                Target(c)["direction"] = "falling";
                Target(c)["projectionPeriods"] = 1;
            }));
    }

    [Fact]
    public void Load_ManyProblems_AllReportedAtOnceInFileOrder()
    {
        var result = Load(Changed(c =>
        {
            Indicator(c)["title"] = "";
            Indicator(c)["schedule"] = "0 25 * * *";
            c["indicators"]!.AsArray().Add(JsonNode.Parse("""{ "id": "pop", "title": "Folketal", "table": "FOLK1A", "area": "", "schedule": "0 9 * * *" }"""));
            Alliance(c)["contacts"]![0]!["email"] = "nobody";
            Target(c)["kind"] = "annual";
            Target(c)["endPeriod"] = "later";
            c["targets"]!.AsArray().Add(JsonNode.Parse("""
                { "id": "pop-level", "alliance": "vejle", "indicator": "pop", "areas": ["630"], "kind": "level", "amount": 60000, "baselinePeriod": "2022", "endPeriod": "2030" }
                """));
        }));

        Assert.Null(result.Catalog);
        Assert.Equal(
            [
                $"{IndicatorPrefix}title is missing",
                $"{IndicatorPrefix}schedule '0 25 * * *' is not a five-field cron expression (The given cron expression has an invalid format. Hours: Value must be a number between 0 and 23 (all inclusive).)",
                "Catalog catalog.json: indicators[1] 'pop': area must name the geography variable, e.g. OMRÅDE",
                $"{AlliancePrefix}contact 'Erhvervsdirektør' has no valid e-mail address",
                $"{TargetPrefix}kind 'annual' is not one of annual-increase, percent-growth, level, relative, yearly-goal",
                $"{TargetPrefix}endPeriod 'later' is not a period code such as 2022, 2022K1 or 2022M01",
                "Catalog catalog.json: targets[1] 'pop-level': alliance 'vejle' is not in the catalog",
            ],
            result.Problems);
    }

    [Fact]
    public void Load_AggregationUnknown_ListsTheKinds()
    {
        Assert.Equal([$"{IndicatorPrefix}aggregation 'total' is not one of sum, last, mean"], ProblemsWith(c => Indicator(c)["aggregation"] = "total"));
    }

    [Theory]
    [InlineData(null, null, Aggregation.Last)]
    [InlineData("manual", null, Aggregation.Sum)]
    [InlineData("manual", "last", Aggregation.Last)]
    [InlineData(null, "mean", Aggregation.Mean)]
    public void Load_Aggregation_CountsByHandAndLevelsFromStatisticsDenmarkUnlessSaid(string? source, string? aggregation, Aggregation expected)
    {
        var catalog = Load(Changed(c => ManualOrFetched(c, source, aggregation))).Catalog!;

        Assert.Equal(expected, catalog.Targets[0].Definition.Aggregation);
    }

    [Fact]
    public void Load_YearlyGoalPaceLevelOnCounts_ReadAsProRataWithANote()
    {
        var result = Load(Changed(c =>
        {
            ManualOrFetched(c, "manual", null);
            Target(c)["kind"] = "yearly-goal";
            Target(c)["goals"] = JsonNode.Parse("""{ "2025": 20 }""");
            Target(c)["pace"] = "level";
            Target(c).Remove("amount");
        }));

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["Catalog catalog.json: targets[0] 'horsens-jobs': pace 'level' does not apply: indicator 'jobs' counts in each period (aggregation sum), so the year's goal is due pro rata as its periods pass"],
            result.Catalog!.Notes);
    }

    [Fact]
    public void Load_NowcastFromWageEarners_Accepted()
    {
        var result = Load(Changed(c => LedBy(c, WageEarners("615", "751"))));

        Assert.Empty(result.Problems);
        Assert.Equal(new NowcastDefinition("wage-earners"), result.Catalog!.Indicators[0].Nowcast);
    }

    [Fact]
    public void Load_NowcastOfFiguresEnteredByHandYearlyFromQuarterly_Accepted()
    {
        Assert.Empty(ProblemsWith(c =>
        {
            c["indicators"] = JsonNode.Parse("""[{ "id": "jobs", "title": "Job", "source": "manual", "frequency": "year", "areas": ["615"] }]""");
            LedBy(c, """{ "id": "wage-earners", "title": "Lønmodtagere", "source": "manual", "frequency": "quarter", "areas": ["615"] }""");
        }));
    }

    [Fact]
    public void Load_BundledCatalog_JobsLedByWageEarners()
    {
        var catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "catalog.json")).Catalog!;

        Assert.Equal("wage-earners", catalog.FindIndicator("jobs")!.Nowcast!.From);
        Assert.Equal("LBESK69", catalog.FindIndicator("wage-earners")!.Table);
    }

    [Theory]
    [InlineData("wage-earners")]
    [InlineData("jobs")]
    public void Load_NowcastFromNoOtherIndicator_NamesIt(string from)
    {
        Assert.Equal(
            [$"{IndicatorPrefix}nowcast.from '{from}' is not another indicator of the catalog"],
            ProblemsWith(c => Indicator(c)["nowcast"] = new JsonObject { ["from"] = from }));
    }

    [Theory]
    // Entered by hand once a year.
    [InlineData("""{ "id": "wage-earners", "title": "Lønmodtagere", "source": "manual", "frequency": "year", "areas": ["615"] }""")]
    // The indicator's own table: ERHV2 is annual, whatever it selects.
    [InlineData("""{ "id": "wage-earners", "title": "Arbejdssteder", "table": "ERHV2", "area": "OMRÅDE", "select": { "TAL": ["ARBSTED"] }, "schedule": "0 9 * * *" }""")]
    public void Load_NowcastFromAnotherAnnualFigure_SaysAYearCannotLeadAYear(string leading)
    {
        Assert.Equal(
            [$"{IndicatorPrefix}nowcast.from 'wage-earners' is not published more often than the indicator (a year's figure cannot lead a year's figure)"],
            ProblemsWith(c => LedBy(c, leading)));
    }

    [Fact]
    public void Load_NowcastOfAnIndicatorThatIsNotAnnual_SaysItEstimatesAYear()
    {
        Assert.Equal(
            [$"{IndicatorPrefix}nowcast estimates an annual figure, but the indicator is half-year"],
            ProblemsWith(c =>
            {
                ManualOrFetched(c, "manual", null);
                LedBy(c, """{ "id": "wage-earners", "title": "Lønmodtagere", "source": "manual", "frequency": "quarter", "areas": ["615"] }""");
            }));
    }

    [Fact]
    public void Load_NowcastFromDisjointAreas_ListsBoth()
    {
        Assert.Equal(
            [$"{IndicatorPrefix}nowcast.from 'wage-earners' shares no area code with the indicator ([101, 751] and [000, 615, 766])"],
            ProblemsWith(c => LedBy(c, WageEarners("101", "751"))));
    }

    [Fact]
    public void Load_NowcastFromAllAreas_SharesAnyCode()
    {
        Assert.Empty(ProblemsWith(c => LedBy(c, WageEarners("*"))));
    }

    [Fact]
    public void Load_NowcastFromAnnualFiguresOfOtherAreas_OneLinePerProblem()
    {
        Assert.Equal(
            [
                $"{IndicatorPrefix}nowcast.from 'wage-earners' is not published more often than the indicator (a year's figure cannot lead a year's figure)",
                $"{IndicatorPrefix}nowcast.from 'wage-earners' shares no area code with the indicator ([101] and [000, 615, 766])",
            ],
            ProblemsWith(c => LedBy(c, """{ "id": "wage-earners", "title": "Lønmodtagere", "source": "manual", "frequency": "year", "areas": ["101"] }""")));
    }

    /// <summary>Wage earners by residence (LBESK69, quarterly) in the given areas ('*': all of them).</summary>
    private static string WageEarners(params string[] areas) => $$"""
        { "id": "wage-earners", "title": "Lønmodtagere efter bopælskommune", "table": "LBESK69", "area": "BOPKOM",
          "select": { "TAL": ["1020"], "KØN": ["TOT"] }, "areas": [{{string.Join(", ", areas.Select(a => $"\"{a}\""))}}], "schedule": "10 9 * * *" }
        """;

    /// <summary>Adds <paramref name="leading"/> as a second indicator and names it as the jobs indicator's leading one.</summary>
    private static void LedBy(JsonObject catalog, string leading)
    {
        var indicator = JsonNode.Parse(leading)!.AsObject();
        catalog["indicators"]!.AsArray().Add(indicator);
        Indicator(catalog)["nowcast"] = new JsonObject { ["from"] = indicator["id"]!.GetValue<string>() };
    }

    private static void ManualOrFetched(JsonObject catalog, string? source, string? aggregation)
    {
        if (source == "manual")
        {
            catalog["indicators"] = JsonNode.Parse("""[{ "id": "jobs", "title": "Job", "source": "manual", "frequency": "half-year", "areas": ["615"] }]""");
        }

        if (aggregation is not null)
        {
            Indicator(catalog)["aggregation"] = aggregation;
        }
    }

    private static JsonObject Indicator(JsonObject catalog) => catalog["indicators"]![0]!.AsObject();

    private static JsonObject Alliance(JsonObject catalog) => catalog["alliances"]![0]!.AsObject();

    private static JsonObject Target(JsonObject catalog) => catalog["targets"]![0]!.AsObject();

    /// <summary>One indicator fetched for three areas, one alliance (Horsens) and one target that all pass every rule.</summary>
    private static JsonObject ValidCatalog() => JsonNode.Parse("""
        {
          "indicators": [
            { "id": "jobs", "title": "Job på arbejdssteder", "table": "ERHV2", "area": "OMRÅDE",
              "select": { "BRANCHEDB0710": ["TOT"], "TAL": ["ANSATTE"] }, "areas": ["000", "615", "766"], "schedule": "0 9 * * *" }
          ],
          "alliances": [
            { "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"],
              "contacts": [{ "name": "Erhvervsdirektør", "email": "erhverv@horsens.example" }] }
          ],
          "targets": [
            { "id": "horsens-jobs", "alliance": "horsens", "indicator": "jobs", "areas": ["615"],
              "kind": "annual-increase", "amount": 500, "baselinePeriod": "2022", "endPeriod": "2030" }
          ]
        }
        """)!.AsObject();

    private static JsonObject Changed(Action<JsonObject> change)
    {
        var catalog = ValidCatalog();
        change(catalog);
        return catalog;
    }

    private IReadOnlyList<string> ProblemsWith(Action<JsonObject> change) => Load(Changed(change)).Problems;

    private CatalogLoadResult Load(JsonObject catalog)
    {
        File.WriteAllText(CatalogPath, catalog.ToJsonString());
        return CatalogLoader.Load(CatalogPath);
    }
}
