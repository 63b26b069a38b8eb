using System.Text.Json.Serialization;
using GrowthMonitor.Core;
using GrowthMonitor.Presentation;
using GrowthMonitor.Targets;

namespace GrowthMonitor.Reports;

/// <summary>
/// An alliance's annual report for one year: each target's status at the end of the year, the year's change against
/// what the target expected, the projection, and how the member areas did next to their region and Denmark.
/// </summary>
public sealed record AnnualReport(
    string Alliance,
    string AllianceName,
    int Year,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportArea> Areas,
    IReadOnlyList<ReportTarget> Targets)
{
    /// <summary>Where the figures come from: Statistics Denmark's terms (CC BY 4.0) ask for it with every use.</summary>
    public string Source => Credit.Of(Targets.Count == 0 ? [IndicatorSources.StatBank] : Targets.Select(t => t.Target.IndicatorSource));

    /// <summary>Who the figures are credited to: the service's <see cref="SourceCredit"/> (the demo's says they are invented).</summary>
    [JsonIgnore]
    public SourceCredit Credit { get; init; } = SourceCredit.Real;

    /// <summary>When the evaluation run the report's statuses come from judged the targets; null before any run.</summary>
    public DateTimeOffset? EvaluatedAt { get; init; }

    /// <summary>For a report reproduced as of a past moment: that moment; its figures are those known then.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>For a follow-up report of one focus area or collaboration group: its name; the report holds only its targets.</summary>
    public string? FocusArea { get; init; }

    /// <summary>The focus areas of the report's targets, in the order the targets are grouped (those without one come last).</summary>
    public IReadOnlyList<string> FocusAreas => [.. Targets.Select(t => t.Target.FocusArea).OfType<string>().Distinct()];

    /// <summary>How many targets stood at each status at the end of the year; every status, in the order of the scale.</summary>
    public IReadOnlyList<StatusCount> StatusCounts => StatusCount.Of(Targets.Select(t => t.Evaluation.Status));

    /// <summary>"Årsrapport 2025: Vækstalliancen", or for one focus area "Opfølgning 2025: Det gode erhvervsliv (Hedensted)".</summary>
    [JsonIgnore]
    public string Title => FocusArea is { } focusArea
        ? $"Opfølgning {Year}: {focusArea} ({AllianceName})"
        : $"Årsrapport {Year}: {AllianceName}";
}

public sealed record ReportArea(string Code, string Name, AreaLevel Level);

/// <summary>One target in the report: what it is, how it stood at the end of the year, and the year's figures.</summary>
public sealed record ReportTarget(
    TargetInfo Target,
    TargetEvaluation Evaluation,
    YearChange? YearChange,
    IReadOnlyList<ChartPoint> Chart,
    IReadOnlyList<AreaComparison> Comparison)
{
    /// <summary>In a report as of a past moment: the figures revised since (summed over the target's areas).</summary>
    public IReadOnlyList<FigureRevision> Revisions { get; init; } = [];

    /// <summary>The Statistics Denmark table, its publication and lag, as the latest evaluation run found them.</summary>
    public DataSource? Source { get; init; }

    /// <summary>The latest follow-up note on the target for a period of the report's year: what the group presents.</summary>
    public TargetNote? Note { get; init; }

    /// <summary>
    /// The early estimate of the report's year, while its official figure is not published (the estimate the evaluation
    /// stored, or for a report as of a past moment the one made then); absent otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Nowcast? Nowcast { get; init; }

    /// <summary>The title of the indicator the estimate builds on (<see cref="NowcastBasis.Indicator"/>), as the catalog names it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NowcastIndicatorTitle { get; init; }
}

/// <summary>A figure known at a report's moment and revised since: what the report showed, and what is known now.</summary>
public sealed record FigureRevision(Period Period, double Old, double New);

/// <summary>The year's change in one area, like period of the year before to the latest period of the year.</summary>
public sealed record AreaComparison(string Area, string Name, AreaLevel Level, Period? From, Period? To, double? FromValue, double? ToValue, double? Change, double? PercentChange);
