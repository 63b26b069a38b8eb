using GrowthMonitor.Alerts;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GrowthMonitor.IntegrationTests.Alerts;

/// <summary>
/// Alert events built by hand for Vækstalliancen Horsens, with the figures each e-mail must show worked out in the
/// comments. Nothing here is computed by the code under test.
/// </summary>
public static class AlertSamples
{
    public const string Alliance = "horsens";

    public const string AllianceName = "Vækstalliancen Horsens";

    /// <summary>07:15 UTC on 20 March 2025 is 08:15 in Copenhagen (CET, UTC+1; summer time starts 30 March).</summary>
    public static readonly DateTimeOffset CreatedAt = new(2025, 3, 20, 7, 15, 0, TimeSpan.Zero);

    public static readonly Uri PublicBaseUrl = new("https://vaekst.horsens.dk/");

    public static readonly Uri DashboardUrl = new("https://grafana.horsens.dk/d/growthmonitor-overview");

    public static readonly EmailRecipient Director = new("Mette Jensen", "mette.jensen@horsens.dk");

    /// <summary>
    /// The figures table of <see cref="JobsAtRisk"/>, worked out there; "\u00A0" is the no-break space the report's
    /// formats put between a number and its % sign.
    /// </summary>
    public static readonly IReadOnlyList<(string, string)> JobsAtRiskRows =
    [
        ("Status", "I risiko"),
        ("Før", "På sporet"),
        ("Periode", "2024"),
        ("Faktisk", "41.800 job"),
        ("Forventet", "42.350 job"),
        ("Fremdrift", "69\u00A0%"),
        ("Fremskrivning", "44.121 job i 2030; målet nås ikke inden 2040"),
    ];

    /// <summary>
    /// "500 flere job om året" went from on_track to at_risk on the 2024 figures: 41,800 jobs against 42,350 expected,
    /// from a baseline of 40,600, so progress is (41,800 − 40,600) / (42,350 − 40,600) = 1,200 / 1,750 = 0.6857 → "69 %".
    /// The trend reaches 44,120.6 jobs in 2030 → "44.121 job", and not the goal before the search ends in 2040.
    /// </summary>
    public static AlertEvent JobsAtRisk() => new(
        "evt_jobs_2024_at_risk",
        AlertEventType.TargetStatusChanged,
        CreatedAt,
        Alliance,
        AllianceName,
        "horsens-jobs",
        "500 flere job om året",
        "erhv2-horsens",
        "Job på arbejdssteder",
        "job",
        TargetStatus.OnTrack,
        TargetStatus.AtRisk,
        new TargetEvaluation(
            "horsens-jobs", TargetStatus.AtRisk, Period.Parse("2024"),
            Actual: 41_800, Expected: 42_350, Baseline: 40_600, Gap: -550, Progress: 1_200.0 / 1_750.0,
            new Projection(44_120.6, Period.Parse("2030"), ReachedIn: null, Slope: 390, SearchUntilYear: 2040),
            Reason: null),
        Detail: null)
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    /// <summary>
    /// "Ledigheden under 3,5 pct." went from at_risk to off_track in 1st quarter 2025: 3.84 against 3.6 expected
    /// ("3,8 pct." and "3,6 pct.", one decimal under 100), baseline 4.2, progress (3.84 − 4.2) / (3.6 − 4.2) = 0.6 →
    /// "60 %"; projected 3.26 in 1st quarter 2030 → "3,3 pct.", the goal not reached before 2040.
    /// </summary>
    public static AlertEvent UnemploymentOffTrack() => new(
        "evt_unemployment_2025K1_off_track",
        AlertEventType.TargetStatusChanged,
        CreatedAt,
        Alliance,
        AllianceName,
        "horsens-unemployment",
        "Ledigheden under 3,5 pct.",
        "aulk01-horsens",
        "Fuldtidsledige i procent",
        "pct.",
        TargetStatus.AtRisk,
        TargetStatus.OffTrack,
        new TargetEvaluation(
            "horsens-unemployment", TargetStatus.OffTrack, Period.Parse("2025K1"),
            Actual: 3.84, Expected: 3.6, Baseline: 4.2, Gap: 0.24, Progress: 0.6,
            new Projection(3.26, Period.Parse("2030K1"), ReachedIn: null, Slope: -0.1, SearchUntilYear: 2040),
            Reason: null),
        Detail: null)
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    /// <summary>"Flere nye firmaer" has no figures at all: no_data with the reason code no_observations.</summary>
    public static AlertEvent FirmsNoData() => new(
        "evt_firms_no_data",
        AlertEventType.TargetStatusChanged,
        CreatedAt,
        Alliance,
        AllianceName,
        "horsens-new-firms",
        "Flere nye firmaer",
        "demo19-horsens",
        "Nye firmaer",
        "firmaer",
        TargetStatus.AtRisk,
        TargetStatus.NoData,
        new TargetEvaluation(
            "horsens-new-firms", TargetStatus.NoData, null, null, null, null, null, null, null,
            "The indicator has no observations.", ReasonCode.NoObservations),
        Detail: null)
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    public static AlertEvent JobsStale() => new(
        "evt_erhv2_stale",
        AlertEventType.IndicatorStale,
        CreatedAt,
        Alliance,
        AllianceName,
        null,
        null,
        "erhv2-horsens",
        "Job på arbejdssteder",
        "job",
        null,
        null,
        null,
        "Latest period 2023; 2024 was due by 2025-03-01.")
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    public static AlertEvent FirmsIngestionFailed() => new(
        "evt_demo19_failed",
        AlertEventType.IndicatorIngestionFailed,
        CreatedAt,
        Alliance,
        AllianceName,
        null,
        null,
        "demo19-horsens",
        "Nye firmaer",
        "firmaer",
        null,
        null,
        null,
        "Statistics Denmark answered 503 three times.")
    {
        IndicatorSource = IndicatorSources.StatBank,
    };

    /// <summary>
    /// "10 flere virksomheder i netværket om året", on figures the alliance enters itself, went from on_track to at_risk
    /// on the 2024 figures: 118 firms against 100 + 2 × 10 = 120 expected, progress (118 − 100) / (120 − 100) = 0.9 →
    /// "90 %". A trend of +9 a year gives 118 + 6 × 9 = 172 in 2030, short of 180, which it passes in 2031 (118 + 7 × 9 = 181).
    /// </summary>
    public static AlertEvent NetworkAtRisk() => JobsAtRisk() with
    {
        Id = "evt_network_2024_at_risk",
        Target = "horsens-network",
        Title = "10 flere virksomheder i netværket om året",
        Indicator = "network-firms",
        IndicatorTitle = "Virksomheder i erhvervsnetværket",
        Unit = "virksomheder",
        Evaluation = new TargetEvaluation(
            "horsens-network", TargetStatus.AtRisk, Period.Parse("2024"),
            Actual: 118, Expected: 120, Baseline: 100, Gap: -2, Progress: 0.9,
            new Projection(172, Period.Parse("2030"), Period.Parse("2031"), Slope: 9, SearchUntilYear: 2040),
            Reason: null),
        IndicatorSource = IndicatorSources.Manual,
    };

    /// <summary>The network's figures were due for 2024 and nobody entered them.</summary>
    public static AlertEvent NetworkStale() => JobsStale() with
    {
        Id = "evt_network_stale",
        Indicator = "network-firms",
        IndicatorTitle = "Virksomheder i erhvervsnetværket",
        Unit = "virksomheder",
        IndicatorSource = IndicatorSources.Manual,
    };

    /// <summary>
    /// The early estimate of 2025 for "500 flere job om året" went from on_track to at_risk when wage earners' 3rd quarter
    /// of 2025 came: 41,000 jobs in 2024 grown by 1,010 / 1,000 wage earners (3rd quarter 2025 against 2024) is 41,410 →
    /// "41.410 job"; with Q = 0.02 from 24 past errors the band is 41,410 × 0.98 = 40,581.8 → "40.582" to 41,410 × 1.02 =
    /// 42,238.2 → "42.238". Against 40,000 + 3 × 500 = 41,500 expected: progress 1,410 / 1,500 = 0.94 (at risk), at the
    /// band's ends 581.8 / 1,500 = 0.39 (off track) and 2,238.2 / 1,500 = 1.49 (on track): too close to call.
    /// </summary>
    public static AlertEvent JobsEstimateAtRisk() => new(
        "evt_jobs_2025_estimate_at_risk",
        AlertEventType.TargetNowcastChanged,
        CreatedAt,
        Alliance,
        AllianceName,
        "horsens-jobs",
        "500 flere job om året",
        "jobs",
        "Job på arbejdssteder",
        "job",
        TargetStatus.OnTrack,
        TargetStatus.AtRisk,
        null,
        Detail: null)
    {
        IndicatorSource = IndicatorSources.StatBank,
        Nowcast = new Nowcast(
            Period.Parse("2025"), 41_410, 40_581.8, 42_238.2, new NowcastBasis("wage-earners", Period.Parse("2025K3")),
            TargetStatus.AtRisk, TargetStatus.OffTrack, TargetStatus.OnTrack, PastErrors: 24),
        LeadingIndicatorTitle = "Lønmodtagere efter bopælskommune",
    };

    public static AlertMessage Message(string deliveryId, params AlertEvent[] events) => new(deliveryId, AllianceName, events, CreatedAt);

    /// <summary>The service's own link builder with a public address and a dashboard; "now" is in 2025.</summary>
    public static AlertLinkBuilder Links(Uri? publicBaseUrl = null, Uri? dashboardUrl = null) => new(
        Options.Create(new PublicUrlOptions { PublicBaseUrl = publicBaseUrl }),
        Options.Create(new AlertOptions { DashboardUrl = dashboardUrl }),
        new FakeTimeProvider(CreatedAt));

    public static AlertLinkBuilder HorsensLinks() => Links(PublicBaseUrl, DashboardUrl);
}
