using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cronos;
using GrowthMonitor.Core;

namespace GrowthMonitor.Catalog;

/// <summary>
/// Reads and checks the catalog file. Every problem is reported at once, each on its own line with the path of the
/// entry it concerns, so an operator can fix the file in one go.
/// </summary>
public static partial class CatalogLoader
{
    public static CatalogLoadResult Load(string path)
    {
        var name = Path.GetFileName(path);
        CatalogDocument? document;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
            document = JsonSerializer.Deserialize(content, CatalogJsonContext.Default.CatalogDocument);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CatalogLoadResult.Failed($"Catalog '{path}' cannot be read: {e.Message}");
        }
        catch (JsonException e)
        {
            return CatalogLoadResult.Failed($"Catalog {name}: {e.Message}");
        }

        if (document is null)
        {
            return CatalogLoadResult.Failed($"Catalog {name}: the file holds no catalog object.");
        }

        List<string> problems = [];
        var indicators = document.Indicators ?? [];
        var alliances = document.Alliances ?? [];
        CheckIndicators(indicators, Report($"Catalog {name}: indicators", problems));
        CheckAlliances(alliances, Report($"Catalog {name}: alliances", problems));
        List<string> notes = [];
        var targets = CheckTargets(document.Targets ?? [], indicators, alliances, Report($"Catalog {name}: targets", problems), Report($"Catalog {name}: targets", notes));
        return problems.Count > 0
            ? new CatalogLoadResult(null, problems)
            : new CatalogLoadResult(new GrowthCatalog(indicators, alliances, targets) { Fingerprint = Convert.ToHexStringLower(SHA256.HashData(content))[..16], Notes = notes }, []);
    }

    private static Action<int, string?, string> Report(string list, List<string> problems) =>
        (index, id, problem) => problems.Add($"{list}[{index}]{(id is null ? "" : $" '{id}'")}: {problem}");

    private static void CheckIndicators(IReadOnlyList<IndicatorDefinition> indicators, Action<int, string?, string> report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            var problem = (string text) => report(i, indicator.Id, text);
            // Ids become measurement names; without '_' they never collide with the service's own (ingest_runs, target_status…).
            if (!IdPattern().IsMatch(indicator.Id ?? "") || !seen.Add(indicator.Id!))
            {
                problem("id must be unique, 1-40 lower-case letters, digits or '-', starting with a letter");
            }

            if (string.IsNullOrWhiteSpace(indicator.Title))
            {
                problem("title is missing");
            }

            if (indicator.Source is not (null or IndicatorSources.StatBank or IndicatorSources.Manual))
            {
                problem($"source '{indicator.Source}' is not one of {IndicatorSources.StatBank}, {IndicatorSources.Manual}");
            }
            else if (indicator.IsManual)
            {
                CheckManual(indicator, problem);
            }
            else
            {
                CheckStatBank(indicator, problem);
            }

            if (indicator.Aggregation is { } aggregation && !Wire.Aggregation.TryParse(aggregation, out _))
            {
                problem($"aggregation '{aggregation}' is not one of {string.Join(", ", Wire.Aggregation.All)}");
            }

            if (indicator.AreaValues.Any(a => a != IndicatorDefinition.AllAreas && !IsAreaCode(a)))
            {
                problem($"areas must be '*' or Statistics Denmark area codes, not [{string.Join(", ", indicator.AreaValues)}]");
            }

            if (indicator.Nowcast is { } nowcast)
            {
                CheckNowcast(indicator, nowcast, indicators, problem);
            }
        }
    }

    /// <summary>
    /// The leading indicator must exist, be published more often than this annual one, and share area codes with it.
    /// A Statistics Denmark table's frequency is known only from its /tableinfo: the evaluation says so when it is not.
    /// </summary>
    private static void CheckNowcast(IndicatorDefinition indicator, NowcastDefinition nowcast, IReadOnlyList<IndicatorDefinition> indicators, Action<string> problem)
    {
        if (indicators.FirstOrDefault(i => i.Id == nowcast.From && i != indicator) is not { } leading)
        {
            problem($"nowcast.from '{nowcast.From}' is not another indicator of the catalog");
            return;
        }

        if (indicator.ManualFrequency is { } frequency && frequency != Frequency.Year)
        {
            problem($"nowcast estimates an annual figure, but the indicator is {Wire.Frequency.Of(frequency)}");
        }

        if (leading.ManualFrequency == Frequency.Year || (!leading.IsManual && !indicator.IsManual && leading.Table == indicator.Table))
        {
            problem($"nowcast.from '{leading.Id}' is not published more often than the indicator (a year's figure cannot lead a year's figure)");
        }

        if (!indicator.AllAreasSelected && !leading.AllAreasSelected && !indicator.AreaValues.Intersect(leading.AreaValues).Any())
        {
            problem($"nowcast.from '{leading.Id}' shares no area code with the indicator ([{string.Join(", ", leading.AreaValues)}] and [{string.Join(", ", indicator.AreaValues)}])");
        }
    }

    /// <summary>Figures entered by hand: a frequency, and nothing about a table.</summary>
    private static void CheckManual(IndicatorDefinition indicator, Action<string> problem)
    {
        if (!Wire.Frequency.TryParse(indicator.Frequency, out _))
        {
            problem($"frequency '{indicator.Frequency}' is not one of {string.Join(", ", Wire.Frequency.All)}; a manual indicator needs one");
        }

        if (indicator.Table is not null || indicator.Area is not null || indicator.Select is not null || indicator.Schedule is not null)
        {
            problem("a manual indicator has no table, area variable, select or schedule: its figures are entered with PUT /api/indicators/{id}/values");
        }

        if (indicator.DueDays is < 1 and var days)
        {
            problem($"dueDays must be a positive whole number of days after the period ends, not {days}");
        }
    }

    private static void CheckStatBank(IndicatorDefinition indicator, Action<string> problem)
    {
        if (!TablePattern().IsMatch(indicator.Table ?? ""))
        {
            problem($"table '{indicator.Table}' is not a Statistics Denmark table id such as ERHV2");
        }

        if (string.IsNullOrWhiteSpace(indicator.Area))
        {
            problem("area must name the geography variable, e.g. OMRÅDE");
        }

        if (indicator.Frequency is not null)
        {
            problem("frequency is set by the table for a Statistics Denmark indicator; leave it out");
        }

        if (indicator.DueDays is not null)
        {
            problem("dueDays is for indicators entered by hand (source manual); Statistics Denmark's figures are fetched, nobody enters them");
        }

        foreach (var (variable, values) in indicator.Selection)
        {
            if (string.Equals(variable, indicator.Area, StringComparison.OrdinalIgnoreCase))
            {
                problem($"select pins the area variable {variable}; list areas in 'areas' instead");
            }
            else if (values is not [{ Length: > 0 }])
            {
                problem($"select.{variable} must hold exactly one value, so that one series per area is stored");
            }
        }

        if (CronProblem(indicator.Schedule) is { } cron)
        {
            problem(cron);
        }
    }

    private static void CheckAlliances(IReadOnlyList<AllianceDefinition> alliances, Action<int, string?, string> report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var webhooks = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < alliances.Count; i++)
        {
            var alliance = alliances[i];
            var problem = (string text) => report(i, alliance.Id, text);
            if (!IdPattern().IsMatch(alliance.Id ?? "") || !seen.Add(alliance.Id!))
            {
                problem("id must be unique, 1-40 lower-case letters, digits or '-'");
            }

            if (string.IsNullOrWhiteSpace(alliance.Name))
            {
                problem("name is missing");
            }

            if (alliance.Areas is not { Count: > 0 } || !alliance.Areas.All(IsAreaCode))
            {
                problem("areas must list the members' Statistics Denmark area codes, e.g. [\"615\"]");
            }

            foreach (var contact in alliance.ContactList)
            {
                if (!EmailPattern().IsMatch(contact?.Email ?? ""))
                {
                    problem($"contact '{contact?.Name}' has no valid e-mail address");
                }

                CheckRoute(contact, $"contact '{contact?.Name}'", problem);
            }

            foreach (var webhook in alliance.WebhookList)
            {
                CheckWebhook(webhook, webhooks, problem);
            }
        }
    }

    private static void CheckWebhook(WebhookDefinition? webhook, HashSet<string> seen, Action<string> problem)
    {
        var name = $"webhook '{webhook?.Id}'";
        if (!IdPattern().IsMatch(webhook?.Id ?? "") || !seen.Add(webhook!.Id))
        {
            problem($"{name}: id must be unique in the catalog, 1-40 lower-case letters, digits or '-' (it names the secret Webhooks:{{id}}:Secret)");
        }

        if (!Uri.TryCreate(webhook?.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problem($"{name}: url must be an absolute http(s) URL");
        }

        if (!AlertWire.WebhookFormats.TryParse(webhook?.Format, out _))
        {
            problem($"{name}: format '{webhook?.Format}' is not one of {string.Join(", ", AlertWire.WebhookFormats.All)}");
        }

        CheckRoute(webhook, name, problem);
    }

    /// <summary>What every route may say: which events it takes, how often a repeat.</summary>
    private static void CheckRoute(RouteSettings? route, string name, Action<string> problem)
    {
        foreach (var unknown in (route?.Events ?? []).Where(e => !AlertWire.Events.TryParse(e, out var type) || type == AlertEventType.AlertTest))
        {
            problem($"{name}: event '{unknown}' is not one of {string.Join(", ", AlertWire.Events.All.Where(t => t != AlertWire.Events.Of(AlertEventType.AlertTest)))}");
        }

        if (route?.RepeatDays is < 1 or > 365)
        {
            problem($"{name}: repeatDays must be from 1 to 365");
        }
    }

    /// <param name="note">Says how a setting was read where the catalog could mean two things; logged at start.</param>
    private static List<CatalogTarget> CheckTargets(
        IReadOnlyList<TargetSpec> specs,
        IReadOnlyList<IndicatorDefinition> indicators,
        IReadOnlyList<AllianceDefinition> alliances,
        Action<int, string?, string> report,
        Action<int, string?, string> note)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<CatalogTarget> targets = [];
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var problems = new List<string>();
            var problem = (string text) => problems.Add(text);
            if (!IdPattern().IsMatch(spec.Id ?? "") || !seen.Add(spec.Id!))
            {
                problem("id must be unique, 1-40 lower-case letters, digits or '-'");
            }

            var alliance = alliances.FirstOrDefault(a => a.Id == spec.Alliance);
            if (alliance is null)
            {
                problem($"alliance '{spec.Alliance}' is not in the catalog");
            }

            var indicator = indicators.FirstOrDefault(x => x.Id == spec.Indicator);
            if (indicator is null)
            {
                problem($"indicator '{spec.Indicator}' is not in the catalog");
            }

            CheckAreas(spec, alliance, indicator, problem);
            var kind = ParseName(spec.Kind, "kind", Wire.Kind, problem);
            var direction = spec.Direction is null ? Direction.Up : ParseName(spec.Direction, "direction", Wire.Direction, problem);
            var goals = kind == TargetKind.YearlyGoal ? ParseGoals(spec, problem) : null;
            if (kind != TargetKind.YearlyGoal && (spec.Goals is not null || spec.Pace is not null))
            {
                problem("goals and pace belong to yearly-goal targets");
            }

            // A yearly goal spans its goals' years unless the catalog says otherwise.
            var baseline = spec.BaselinePeriod is null && goals is { Count: > 0 } ? Period.Create(Frequency.Year, goals.Keys.Min() - 1, 1) : ParsePeriod(spec.BaselinePeriod, "baselinePeriod", problem);
            var end = spec.EndPeriod is null && goals is { Count: > 0 } ? Period.Create(Frequency.Year, goals.Keys.Max(), 1) : ParsePeriod(spec.EndPeriod, "endPeriod", problem);
            var pace = spec.Pace is null ? GoalPace.ProRata : ParseName(spec.Pace, "pace", Wire.Pace, problem);
            if (spec.FocusArea is { } focusArea && alliance?.FocusAreas is { } focusAreas && !focusAreas.Contains(focusArea))
            {
                problem($"focusArea '{focusArea}' is not one of alliance '{alliance.Id}''s focusAreas: {string.Join(", ", focusAreas)}");
            }
            if (kind == TargetKind.Relative && spec.Benchmark is null)
            {
                problem("relative targets need a benchmark area, e.g. \"000\" for Denmark");
            }

            if (spec.Owner is { } owner)
            {
                if (!EmailPattern().IsMatch(owner.Email ?? ""))
                {
                    problem($"owner '{owner.Name}' has no valid e-mail address");
                }

                CheckRoute(owner, $"owner '{owner.Name}'", problem);
            }

            if (problems.Count == 0 && kind is { } k && direction is { } d && baseline is { } b && end is { } e && pace is { } p && indicator is not null)
            {
                // The defaults (thresholds, projection span) are TargetDefinition's own; the catalog only overrides them.
                var aggregation = indicator.FigureAggregation;
                if (spec.Pace is not null && aggregation == Aggregation.Sum && p != GoalPace.ProRata)
                {
                    note(i, spec.Id, $"pace '{spec.Pace}' does not apply: indicator '{indicator.Id}' counts in each period (aggregation sum), so the year's goal is due pro rata as its periods pass");
                }

                var defaults = new TargetDefinition(spec.Id!, k, spec.Amount, b, e) { Direction = d, Goals = goals ?? new Dictionary<int, double>(), Pace = p, Aggregation = aggregation };
                var definition = defaults with
                {
                    OnTrackThreshold = spec.OnTrack ?? defaults.OnTrackThreshold,
                    AtRiskThreshold = spec.AtRisk ?? defaults.AtRiskThreshold,
                    ProjectionPeriods = spec.ProjectionPeriods ?? defaults.ProjectionPeriods,
                };
                problems.AddRange(definition.Validate());
                if (problems.Count == 0)
                {
                    targets.Add(new CatalogTarget(spec, definition, indicator));
                }
            }

            foreach (var text in problems)
            {
                report(i, spec.Id, text);
            }
        }

        return targets;
    }

    private static void CheckAreas(TargetSpec spec, AllianceDefinition? alliance, IndicatorDefinition? indicator, Action<string> problem)
    {
        if (spec.Areas is not { Count: > 0 })
        {
            problem("areas must list at least one area code");
            return;
        }

        if (!spec.Areas.All(IsAreaCode))
        {
            problem($"areas [{string.Join(", ", spec.Areas)}] are not all Statistics Denmark area codes");
            return;
        }

        if (AreaCodes.MixesLevels(spec.Areas))
        {
            problem($"areas [{string.Join(", ", spec.Areas)}] mix geography levels ({string.Join(", ", spec.Areas.Select(a => $"{a}: {AreaCodes.LevelOf(a)}"))}); a sum over them would count people twice");
        }

        if (alliance is not null && spec.Areas.Except(alliance.Areas).ToList() is [_, ..] outside)
        {
            problem($"areas [{string.Join(", ", outside)}] are not members of alliance '{alliance.Id}'");
        }

        if (spec.Benchmark is { } benchmark && !IsAreaCode(benchmark))
        {
            problem($"benchmark '{benchmark}' is not a Statistics Denmark area code");
        }

        if (indicator is { AllAreasSelected: false })
        {
            var needed = spec.Benchmark is null ? spec.Areas : [.. spec.Areas, spec.Benchmark];
            if (needed.Except(indicator.AreaValues).ToList() is [_, ..] missing)
            {
                problem($"areas [{string.Join(", ", missing)}] are not fetched by indicator '{indicator.Id}' (its areas are [{string.Join(", ", indicator.AreaValues)}])");
            }
        }
    }

    private static T? ParseName<T>(string? text, string field, WireNames<T> names, Action<string> problem)
        where T : struct, Enum
    {
        if (names.TryParse(text, out var value))
        {
            return value;
        }

        problem($"{field} '{text}' is not one of {string.Join(", ", names.All)}");
        return null;
    }

    private static Dictionary<int, double>? ParseGoals(TargetSpec spec, Action<string> problem)
    {
        if (spec.Goals is not { Count: > 0 } goals)
        {
            problem("yearly-goal targets need goals, e.g. {\"2025\": 20, \"2026\": 25}");
            return null;
        }

        var parsed = new Dictionary<int, double>();
        foreach (var (year, goal) in goals)
        {
            if (year.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                parsed[number] = goal;
            }
            else
            {
                problem($"goals: '{year}' is not a year such as 2025");
            }
        }

        return parsed;
    }

    private static Period? ParsePeriod(string? code, string field, Action<string> problem)
    {
        if (Period.TryParse(code, out var period))
        {
            return period;
        }

        problem($"{field} '{code}' is not a period code such as 2022, 2022K1 or 2022M01");
        return null;
    }

    private static string? CronProblem(string? schedule)
    {
        // Cronos names a missing field after the end of the text, e.g. "Months: Unexpected character '\0'": count first.
        if (schedule is null)
        {
            return "schedule is missing: a five-field cron expression says when to look for new figures";
        }

        var fields = schedule.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 5)
        {
            return string.Create(CultureInfo.InvariantCulture, $"schedule '{schedule}' is not a five-field cron expression (it has {fields} fields: minute, hour, day of month, month, day of week)");
        }

        try
        {
            CronExpression.Parse(schedule, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"schedule '{schedule}' is not a five-field cron expression ({e.Message})");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,19}$", RegexOptions.IgnoreCase)]
    private static partial Regex TablePattern();

    /// <summary>A list in the file may hold <c>null</c>, which is no code either.</summary>
    private static bool IsAreaCode(string? code) => AreaPattern().IsMatch(code ?? "");

    [GeneratedRegex("^[0-9]{1,3}$")]
    private static partial Regex AreaPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

public sealed record CatalogLoadResult(GrowthCatalog? Catalog, IReadOnlyList<string> Problems)
{
    public static CatalogLoadResult Failed(string problem) => new(null, [problem]);
}
