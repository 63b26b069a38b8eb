using System.Text.Json.Serialization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Catalog;

/// <summary>The human-edited catalog file: what to fetch, who the alliances are and what they aim for.</summary>
public sealed record CatalogDocument(
    IReadOnlyList<IndicatorDefinition>? Indicators = null,
    IReadOnlyList<AllianceDefinition>? Alliances = null,
    IReadOnlyList<TargetSpec>? Targets = null);

/// <summary>
/// One statistic. From Statistics Denmark (the default source): <see cref="Table"/>, <see cref="Area"/> naming the
/// geography variable (its value becomes the <c>area</c> tag), <see cref="Select"/> pinning every other non-time
/// variable to one value, and a <see cref="Schedule"/>. Entered by hand (<see cref="Source"/> <c>manual</c>): a
/// <see cref="Frequency"/> instead. <see cref="Areas"/> defaults to all.
/// </summary>
public sealed record IndicatorDefinition(
    string Id,
    string Title,
    string? Table = null,
    string? Area = null,
    string? Schedule = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Select = null,
    IReadOnlyList<string>? Areas = null)
{
    public const string AllAreas = "*";

    /// <summary><c>statbank</c> (default) or <c>manual</c>: figures entered through <c>PUT /api/indicators/{id}/values</c>.</summary>
    public string? Source { get; init; }

    /// <summary>For manual indicators: <c>year</c>, <c>half-year</c>, <c>quarter</c> or <c>month</c>.</summary>
    public string? Frequency { get; init; }

    /// <summary>
    /// What one figure is: <c>sum</c> (a count in the period; the year is the sum), <c>last</c> (a level at the
    /// period's end; the year is its last period) or <c>mean</c> (an average; the year is the mean). Default: <c>sum</c>
    /// for figures entered by hand, <c>last</c> for Statistics Denmark's.
    /// </summary>
    public string? Aggregation { get; init; }

    /// <summary>Whether a figure may be below zero (a net change); figures entered below zero are refused otherwise.</summary>
    public bool AllowNegative { get; init; }

    /// <summary>
    /// For manual indicators: how many days after a period ends its figure is due; members who may enter it are reminded
    /// before and once after (<c>Reminders:DueDays</c> when left out).
    /// </summary>
    public int? DueDays { get; init; }

    /// <summary>What one figure is, with the default filled in (the catalog guarantees a valid name).</summary>
    [JsonIgnore]
    public Core.Aggregation FigureAggregation => Wire.Aggregation.TryParse(Aggregation, out var aggregation)
        ? aggregation
        : IsManual ? Core.Aggregation.Sum : Core.Aggregation.Last;

    [JsonIgnore]
    public bool IsManual => Source == IndicatorSources.Manual;

    /// <summary><see cref="IndicatorSources.StatBank"/> or <see cref="IndicatorSources.Manual"/>, as the API and the reports name the source.</summary>
    [JsonIgnore]
    public string SourceName => IsManual ? IndicatorSources.Manual : IndicatorSources.StatBank;

    /// <summary>The frequency of a manual indicator's figures (the catalog guarantees one); null for a fetched indicator.</summary>
    [JsonIgnore]
    public Core.Frequency? ManualFrequency => IsManual && Wire.Frequency.TryParse(Frequency, out var frequency) ? frequency : null;

    /// <summary>The Statistics Denmark table of an indicator fetched from it (the catalog guarantees one).</summary>
    [JsonIgnore]
    public string StatBankTable => Table ?? throw NotFetched();

    [JsonIgnore]
    public string StatBankArea => Area ?? throw NotFetched();

    [JsonIgnore]
    public string StatBankSchedule => Schedule ?? throw NotFetched();

    private InvalidOperationException NotFetched() => new($"Indicator '{Id}' is entered by hand; it is not fetched from Statistics Denmark.");

    /// <summary>Danish unit shown with figures, e.g. "job".</summary>
    public string? Unit { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Selection => Select ?? new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> AreaValues => Areas is { Count: > 0 } ? Areas : [AllAreas];

    [JsonIgnore]
    public bool AllAreasSelected => AreaValues.Contains(AllAreas);

    /// <summary>
    /// For an annual indicator: the leading indicator (more frequent, same area codes) its early estimate of a year not
    /// yet published grows last year's figure by, e.g. <c>{"from": "wage-earners"}</c>.
    /// </summary>
    public NowcastDefinition? Nowcast { get; init; }
}

/// <summary>Where an indicator's early estimate comes from: <see cref="From"/> names the leading indicator.</summary>
public sealed record NowcastDefinition(string From);

public sealed record AllianceDefinition(string Id, string Name, IReadOnlyList<string> Areas, IReadOnlyList<ContactDefinition>? Contacts = null)
{
    /// <summary>The alliance's own systems (Teams, Slack, an intranet) told of the same events as its contacts.</summary>
    public IReadOnlyList<WebhookDefinition>? Webhooks { get; init; }

    public IReadOnlyList<ContactDefinition> ContactList => Contacts ?? [];

    public IReadOnlyList<WebhookDefinition> WebhookList => Webhooks ?? [];

    /// <summary>The alliance's focus areas or collaboration groups, in the order its reports show them.</summary>
    public IReadOnlyList<string>? FocusAreas { get; init; }
}

/// <summary>How a route of alerts is told: which events (all by default), how often a repeat, or not at all.</summary>
public abstract record RouteSettings
{
    /// <summary>Event types such as <c>target.status_changed</c>; the route's default when left out.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>Days a target may stay off_track before this route is told again; <c>Alerts:RepeatInterval</c> when left out.</summary>
    public int? RepeatDays { get; init; }

    public bool Muted { get; init; }
}

/// <summary>A person told by e-mail: an alliance's contact, or a target's owner.</summary>
public sealed record ContactDefinition(string Name, string Email) : RouteSettings;

/// <summary>A webhook; its signing secret is configuration <c>Webhooks:{id}:Secret</c>, never the catalog.</summary>
public sealed record WebhookDefinition(string Id, string Url, string Format = "json") : RouteSettings;

/// <summary>A target as written in the catalog; <see cref="CatalogLoader"/> turns it into a Core definition.</summary>
public sealed record TargetSpec(
    string Id,
    string Alliance,
    string Indicator,
    IReadOnlyList<string> Areas,
    string Kind,
    string? BaselinePeriod = null,
    string? EndPeriod = null,
    double? Amount = null)
{
    /// <summary>The focus area or collaboration group the target belongs to, e.g. "Det gode erhvervsliv".</summary>
    public string? FocusArea { get; init; }

    /// <summary>For <c>yearly-goal</c> targets: the goal of each year, e.g. {"2025": 20, "2026": 25}.</summary>
    public IReadOnlyDictionary<string, double>? Goals { get; init; }

    /// <summary>For <c>yearly-goal</c> targets on a sub-annual indicator: <c>pro-rata</c> (default) or <c>level</c>.</summary>
    public string? Pace { get; init; }

    public string? Title { get; init; }

    /// <summary><c>up</c> (default) or <c>down</c> for figures that should fall, such as unemployment.</summary>
    public string? Direction { get; init; }

    /// <summary>For <c>relative</c> targets: the area to outgrow, e.g. <c>000</c> Denmark or <c>082</c> Region Midtjylland.</summary>
    public string? Benchmark { get; init; }

    public double? OnTrack { get; init; }

    public double? AtRisk { get; init; }

    public int? ProjectionPeriods { get; init; }

    /// <summary>Who answers for the target; told of its events by e-mail besides the alliance's contacts.</summary>
    public ContactDefinition? Owner { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
