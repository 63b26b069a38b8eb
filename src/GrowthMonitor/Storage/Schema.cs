namespace GrowthMonitor.Storage;

/// <summary>
/// Every measurement, tag and field name the service writes to InfluxDB. The layout is a public interface (Grafana and
/// users' own InfluxQL read it; docs/storage.md documents it): add names here, never rename one.
/// </summary>
public static class Schema
{
    /// <summary>
    /// Indicator figures: the measurement is the indicator id; time is the period's first day, 00:00 UTC, plus the
    /// vintage's number in milliseconds, so that InfluxQL's <c>last()</c> per day picks the newest vintage.
    /// </summary>
    public static class Figures
    {
        public const string AreaTag = "area";

        /// <summary>The area's Danish name (Core's DanishAreas, else the table's own text), so dashboards show names.</summary>
        public const string AreaNameTag = "area_name";

        public const string TableTag = "table";

        /// <summary>
        /// The run that first saw this figure (1, 2, 3… per indicator); a revision is a new point of a new vintage.
        /// Readers use only vintages whose run succeeded (a success in <c>ingest_runs</c> with this vintage).
        /// </summary>
        public const string VintageTag = "vintage";

        public const string Value = "value";

        /// <summary>Figures entered by hand carry <c>source=manual</c>; Statistics Denmark's carry <c>table</c> instead.</summary>
        public const string SourceTag = "source";

        /// <summary>A vintage that withdraws a figure entered by hand: <c>deleted=true</c> and no value.</summary>
        public const string Deleted = "deleted";
    }

    /// <summary>One point per ingestion run, at the end of the run.</summary>
    public static class IngestRuns
    {
        public const string Measurement = "ingest_runs";
        public const string IndicatorTag = "indicator";
        public const string OutcomeTag = "outcome";

        /// <summary>The vintage a run wrote (none when it wrote nothing); a success commits it.</summary>
        public const string VintageTag = "vintage";

        public const string Rows = "rows";
        public const string Points = "points";
        public const string Seconds = "seconds";
        public const string TableUpdated = "table_updated";
        public const string LatestPeriod = "latest_period";
        public const string Definition = "definition";
        public const string Error = "error";

        /// <summary>The indicator's Danish title from the catalog when the run was recorded, so dashboards show names.</summary>
        public const string IndicatorTitle = "indicator_title";
    }

    /// <summary>What is known about each indicator's stored figures; one point per indicator, overwritten (time 0).</summary>
    public static class IndicatorInfo
    {
        public const string Measurement = "indicator_info";
        public const string IndicatorTag = "indicator";
        public const string Frequency = "frequency";
        public const string Table = "table";

        /// <summary>Written by every evaluation run for every catalog indicator: its Danish title and unit.</summary>
        public const string Title = "title";
        public const string Unit = "unit";

        /// <summary>What the indicator's figures add up to over a year (<c>sum</c>, <c>last</c>, <c>mean</c>): an InfluxQL function name.</summary>
        public const string Aggregation = "aggregation";

        /// <summary>
        /// The id, a space and the title (<c>jobs Job på arbejdssteder</c>): what a dashboard variable offers, split
        /// by its regex into value (the id) and text (the title).
        /// </summary>
        public const string Choice = "choice";

        /// <summary>The latest period fetched, and from when the indicator is overdue (Unix s): see Core's Freshness.</summary>
        public const string LatestPeriod = "latest_period";
        public const string OverdueFrom = "overdue_from";

        /// <summary>Days the indicator was overdue when the evaluation ran (0 when it was not), counting the first day as 1.</summary>
        public const string DaysOverdue = "days_overdue";
    }

    /// <summary>Tags of every target measurement.</summary>
    public static class Targets
    {
        public const string TargetTag = "target";
        public const string AllianceTag = "alliance";

        /// <summary>How each target stands now: one point per target and evaluation run, at the run's time.</summary>
        public const string EvaluationMeasurement = "target_evaluation";

        /// <summary>How each target stood at each period since its baseline year: time = the evaluated period.</summary>
        public const string StatusMeasurement = "target_status";

        /// <summary>How each target stood at the end of each year (the annual report): time = 1 January of the year.</summary>
        public const string YearMeasurement = "target_year";

        /// <summary>Expected path and actual figures, per period from the baseline year to the target's end.</summary>
        public const string TrajectoryMeasurement = "target_trajectory";

        /// <summary>The current early estimate of a target's next figure: time = the start of the estimated period, beside the trajectory.</summary>
        public const string NowcastMeasurement = "target_nowcast";
    }

    /// <summary>The fields of an early estimate in target_nowcast (see Core's NowcastMethod).</summary>
    public static class NowcastFields
    {
        /// <summary>The estimated period (<c>2025</c>).</summary>
        public const string Period = "period";
        public const string Value = "value";

        /// <summary>The 80 % band's ends; left out when too few past errors give no band.</summary>
        public const string Low = "low";
        public const string High = "high";

        /// <summary>The status of the estimate and, with a band, of its two ends.</summary>
        public const string Status = "status";
        public const string StatusLow = "status_low";
        public const string StatusHigh = "status_high";

        /// <summary>True when the band's two ends are judged differently.</summary>
        public const string TooCloseToCall = "too_close_to_call";

        /// <summary>The leading indicator's id and the period of it the estimate grows last year's figure by (<c>2025K3</c>).</summary>
        public const string BasedOn = "based_on";
        public const string BasedOnPeriod = "based_on_period";

        /// <summary>How many past errors the band was made from.</summary>
        public const string PastErrors = "past_errors";
    }

    /// <summary>The fields of one evaluation, the same in target_evaluation, target_status and target_year.</summary>
    public static class EvaluationFields
    {
        public const string Status = "status";
        public const string Period = "period";
        public const string Actual = "actual";
        public const string Expected = "expected";
        public const string Baseline = "baseline";
        public const string Gap = "gap";
        public const string Progress = "progress";
        public const string Projected = "projected";
        public const string ProjectedPeriod = "projected_period";
        public const string ReachedIn = "reached_in";
        public const string Slope = "slope";
        public const string SearchUntil = "search_until";
        public const string ReasonCode = "reason_code";
        public const string Reason = "reason";

        /// <summary>The newest vintage of the indicator's figures the evaluation was computed from.</summary>
        public const string Vintage = "vintage";

        /// <summary>With reason_code missing_areas: the period some areas lack, and those areas' codes, comma-separated.</summary>
        public const string MissingPeriod = "missing_period";
        public const string MissingAreas = "missing_areas";

        /// <summary>With reason_code fetch_failed: when the indicator's latest fetch failed (Unix s), and its error.</summary>
        public const string FetchFailedAt = "fetch_failed_at";
        public const string FetchError = "fetch_error";

        /// <summary>The goal in the end year (at goal_period) and the yearly change needed to reach it, in units and in percent.</summary>
        public const string Goal = "goal";
        public const string GoalPeriod = "goal_period";
        public const string Pace = "pace";
        public const string PacePercent = "pace_percent";
    }

    /// <summary>Names for readers, beside the evaluation in target_evaluation; the tags hold the ids.</summary>
    public static class NameFields
    {
        public const string TargetTitle = "target_title";
        public const string AllianceName = "alliance_name";
        public const string IndicatorTitle = "indicator_title";

        /// <summary>The id, a space and the name, as <see cref="IndicatorInfo.Choice"/>: what a dashboard variable offers.</summary>
        public const string TargetChoice = "target_choice";
        public const string AllianceChoice = "alliance_choice";

        /// <summary>
        /// The alliance's areas, their regions and Denmark, joined by <c>|</c> (<c>615|082|000</c>): the areas the
        /// comparison dashboard puts side by side, used there as a regex alternation.
        /// </summary>
        public const string ComparisonAreas = "comparison_areas";
    }

    /// <summary>The source of a target's figures, beside the evaluation in target_evaluation.</summary>
    public static class SourceFields
    {
        public const string Table = "source_table";

        /// <summary>When Statistics Denmark last published the table (Unix s).</summary>
        public const string Published = "source_published";

        /// <summary>The latest period the table then held.</summary>
        public const string LatestPeriod = "source_period";

        /// <summary>Days from the end of that period to the publication.</summary>
        public const string LagDays = "source_lag_days";
    }

    /// <summary>The year's change, beside the evaluation in target_year.</summary>
    public static class YearChangeFields
    {
        /// <summary>The report's year as text (<c>2025</c>), which a dashboard variable can offer.</summary>
        public const string Year = "year";


        public const string From = "year_from";
        public const string To = "year_to";
        public const string FromValue = "year_from_value";
        public const string ToValue = "year_to_value";
        public const string ExpectedChange = "year_expected_change";
    }

    public static class TrajectoryFields
    {
        public const string Expected = "expected";
        public const string Actual = "actual";
    }

    /// <summary>One point per completed evaluation run; its time identifies the run's results.</summary>
    public static class EvaluationRuns
    {
        public const string Measurement = "evaluation_runs";
        public const string Targets = "targets";
        public const string Failed = "failed";
        public const string Catalog = "catalog";
        public const string Seconds = "seconds";
    }

    /// <summary>One point per delivery attempt of an alert, for the log of what was told and what failed.</summary>
    public static class AlertDeliveries
    {
        public const string Measurement = "alert_deliveries";
        public const string AllianceTag = "alliance";
        public const string RouteTag = "route";
        public const string ChannelTag = "channel";
        public const string OutcomeTag = "outcome";
        public const string Delivery = "delivery";
        public const string Attempt = "attempt";
        public const string Events = "events";
        public const string Error = "error";

        /// <summary>The alliance's name as the message gave it, so dashboards show names.</summary>
        public const string AllianceName = "alliance_name";
    }
}
