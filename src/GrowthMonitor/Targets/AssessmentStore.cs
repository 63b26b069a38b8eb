using System.Globalization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Notes;
using GrowthMonitor.Storage;
using Fields = GrowthMonitor.Storage.Schema.EvaluationFields;
using Names = GrowthMonitor.Storage.Schema.NameFields;
using Runs = GrowthMonitor.Storage.Schema.EvaluationRuns;
using Source = GrowthMonitor.Storage.Schema.SourceFields;
using Tags = GrowthMonitor.Storage.Schema.Targets;

namespace GrowthMonitor.Targets;

/// <summary>A completed evaluation run; its time identifies its results in <c>target_evaluation</c>.</summary>
public sealed record EvaluationRun(DateTimeOffset Time, int Targets, int Failed, string Catalog, double Seconds);

/// <summary>A target's assessment as the latest run that judged it stored it; EvaluatedAt is null if none did.</summary>
public sealed record StoredAssessment(TargetAssessment Assessment, DateTimeOffset? EvaluatedAt)
{
    public static StoredAssessment NotEvaluated(string targetId) =>
        new(new TargetAssessment(NotEvaluatedYet(targetId, "The target has not been evaluated yet."), [], [], []), null);

    /// <summary>How the target stood at the end of <paramref name="year"/>; runs judge the years from the baseline year to the present.</summary>
    public YearEndEvaluation YearEnd(int year) =>
        Assessment.YearEnds.FirstOrDefault(y => y.Year == year)
        ?? new YearEndEvaluation(year, NotEvaluatedYet(Assessment.Current.TargetId, string.Create(CultureInfo.InvariantCulture, $"The target has not been evaluated for {year}.")), null);

    private static TargetEvaluation NotEvaluatedYet(string targetId, string reason) =>
        new(targetId, TargetStatus.NoData, null, null, null, null, null, null, null, reason, ReasonCode.NotEvaluated);
}

/// <summary>
/// What the stored evaluations and the follow-up notes said when they were read: the same answer for every reader
/// until the next run or note.
/// </summary>
public sealed class AssessmentSnapshot(EvaluationRun? run, IReadOnlyDictionary<string, StoredAssessment> targets, IReadOnlyList<TargetNote>? notes = null)
{
    public static readonly AssessmentSnapshot Empty = new(null, new Dictionary<string, StoredAssessment>());

    public EvaluationRun? Run { get; } = run;

    /// <summary>Every follow-up note, oldest first.</summary>
    public IReadOnlyList<TargetNote> Notes { get; } = notes ?? [];

    /// <summary>Changes with every evaluation run and every note; the basis of the responses' ETags.</summary>
    public string Generation => string.Create(CultureInfo.InvariantCulture, $"{Run?.Time.ToUnixTimeSeconds() ?? 0}.{LatestNoteId}");

    public long LatestNoteId => Notes.Count == 0 ? 0 : Notes[^1].Id;

    public AssessmentSnapshot WithNotes(IReadOnlyList<TargetNote> notes) => new(Run, targets, notes);

    /// <summary>The latest note on the target for a period of <paramref name="year"/>, entered by <paramref name="moment"/> when given.</summary>
    public TargetNote? LatestNote(string targetId, int year, DateTimeOffset? moment = null) =>
        Notes.LastOrDefault(n => n.Target == targetId && n.Period.Year == year && (moment is null || n.At <= moment));

    public StoredAssessment Of(CatalogTarget target) => targets.GetValueOrDefault(target.Id) ?? StoredAssessment.NotEvaluated(target.Id);

    /// <summary>Binds an endpoint parameter to the assessments every reader currently sees.</summary>
    public static async ValueTask<AssessmentSnapshot?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<AssessmentCache>().GetAsync(context.RequestAborted);
}

/// <summary>
/// Stores each run's assessments in InfluxDB (<c>target_evaluation</c>, <c>target_status</c>, <c>target_year</c>,
/// <c>target_trajectory</c>, then <c>evaluation_runs</c> last) and reads them back for the API, the reports and the alerts.
/// </summary>
public sealed class AssessmentStore(InfluxClient influx, GrowthCatalog catalog)
{
    private static readonly string TargetTag = InfluxQl.Identifier(Tags.TargetTag);

    public async Task<EvaluationRun?> LastRunAsync(CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SELECT * FROM {InfluxQl.Identifier(Runs.Measurement)} ORDER BY time DESC LIMIT 1"), cancellationToken);
        return series.SelectMany(s => s.Rows).Select(row => new EvaluationRun(
            row.Time,
            (int)(row.GetInt64(Runs.Targets) ?? 0),
            (int)(row.GetInt64(Runs.Failed) ?? 0),
            row.GetString(Runs.Catalog) ?? "",
            row.GetDouble(Runs.Seconds) ?? 0)).FirstOrDefault();
    }

    /// <summary>
    /// Replaces what is stored for the assessed targets, removes targets that are no longer in the catalog, and records
    /// the run last, so that readers never pick up a run whose results are half written.
    /// </summary>
    /// <param name="vintages">Per indicator, the newest vintage of the figures the run judged on, kept with every evaluation.</param>
    public async Task WriteAsync(
        EvaluationRun run,
        IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessments,
        IReadOnlyCollection<string> catalogTargets,
        IReadOnlyDictionary<string, int> vintages,
        CancellationToken cancellationToken)
    {
        var removed = (await StoredTargetsAsync(cancellationToken)).Except(catalogTargets).ToList();
        // An overwritten point keeps fields the new one leaves out (a progress that became undefined, say), so the
        // per-period results are deleted and written afresh; the run-stamped target_evaluation needs no such care.
        await DeleteAsync($"/^({Tags.StatusMeasurement}|{Tags.YearMeasurement}|{Tags.TrajectoryMeasurement})$/", [.. assessments.Select(a => a.Target.Id)], cancellationToken);
        await DeleteAsync($"/^({Tags.EvaluationMeasurement}|{Tags.StatusMeasurement}|{Tags.YearMeasurement}|{Tags.TrajectoryMeasurement})$/", removed, cancellationToken);
        await influx.WriteAsync(assessments.SelectMany(a => Points(run.Time, a.Target, a.Assessment, vintages.TryGetValue(a.Target.Indicator.Id, out var v) ? v : null, NameFields(a.Target))), cancellationToken);
        await influx.WriteAsync(
            [InfluxPoint.Create(Runs.Measurement, run.Time, [],
                (Runs.Targets, FieldValue.Integer(run.Targets)),
                (Runs.Failed, FieldValue.Integer(run.Failed)),
                (Runs.Catalog, FieldValue.String(run.Catalog)),
                (Runs.Seconds, FieldValue.Float(run.Seconds)))],
            cancellationToken);
    }

    /// <summary>Everything the latest runs stored, in one round trip.</summary>
    public async Task<AssessmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        if (await LastRunAsync(cancellationToken) is not { } run)
        {
            return AssessmentSnapshot.Empty;
        }

        var series = await influx.QueryAsync(new InfluxQuery(string.Join("; ",
            $"SELECT * FROM {InfluxQl.Identifier(Tags.EvaluationMeasurement)} GROUP BY {TargetTag} ORDER BY time DESC LIMIT 1",
            $"SELECT * FROM {InfluxQl.Identifier(Tags.StatusMeasurement)} GROUP BY {TargetTag}",
            $"SELECT * FROM {InfluxQl.Identifier(Tags.YearMeasurement)} GROUP BY {TargetTag}",
            $"SELECT * FROM {InfluxQl.Identifier(Tags.TrajectoryMeasurement)} GROUP BY {TargetTag}")), cancellationToken);
        var byTarget = series.ToLookup(s => s.Tag(Tags.TargetTag));
        var targets = new Dictionary<string, StoredAssessment>(StringComparer.Ordinal);
        foreach (var target in byTarget)
        {
            var rows = target.ToLookup(s => s.Name, s => s.Rows);
            if (rows[Tags.EvaluationMeasurement].SelectMany(r => r).FirstOrDefault() is not { } current
                || ReadEvaluation(target.Key, current) is not { } evaluation)
            {
                continue;
            }

            targets[target.Key] = new StoredAssessment(
                new TargetAssessment(
                    evaluation,
                    [.. rows[Tags.StatusMeasurement].SelectMany(r => r).Select(row => ReadEvaluation(target.Key, row)).OfType<TargetEvaluation>().OrderBy(e => e.EvaluatedPeriod)],
                    [.. rows[Tags.YearMeasurement].SelectMany(r => r).Select(row => ReadYearEnd(target.Key, row)).OfType<YearEndEvaluation>().OrderBy(y => y.Year)],
                    [.. rows[Tags.TrajectoryMeasurement].SelectMany(r => r).Select(ReadChartPoint).OfType<ChartPoint>().OrderBy(p => p.Period)])
                {
                    Source = ReadSource(current),
                },
                current.Time);
        }

        return new AssessmentSnapshot(run, targets);
    }

    private async Task<IReadOnlyList<string>> StoredTargetsAsync(CancellationToken cancellationToken)
    {
        var series = await influx.QueryAsync(new InfluxQuery($"SHOW TAG VALUES FROM {InfluxQl.Identifier(Tags.EvaluationMeasurement)} WITH KEY = {TargetTag}"), cancellationToken);
        return [.. series.SelectMany(s => s.Rows).Select(r => r.GetString("value")).OfType<string>()];
    }

    private async Task DeleteAsync(string measurements, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return;
        }

        var parameters = targets.Select((id, i) => (Name: $"target{i}", Id: id)).ToList();
        await influx.QueryAsync(
            new InfluxQuery(
                $"DELETE FROM {measurements} WHERE {string.Join(" OR ", parameters.Select(p => $"{TargetTag} = ${p.Name}"))}",
                parameters.ToDictionary(p => p.Name, p => (object)p.Id)),
            cancellationToken);
    }

    private static IEnumerable<InfluxPoint> Points(DateTimeOffset runTime, CatalogTarget target, TargetAssessment assessment, int? vintage, IEnumerable<KeyValuePair<string, FieldValue>> names)
    {
        List<KeyValuePair<string, FieldValue>> EvaluationFields(TargetEvaluation evaluation)
        {
            var fields = AssessmentStore.EvaluationFields(evaluation);
            fields.AddText(Fields.Vintage, vintage is { } number ? FigureVintages.TagOf(number) : null);
            return fields;
        }

        KeyValuePair<string, string>[] tags = [new(Tags.TargetTag, target.Id), new(Tags.AllianceTag, target.Spec.Alliance)];
        yield return new InfluxPoint(Tags.EvaluationMeasurement, tags, [.. EvaluationFields(assessment.Current), .. SourceFields(assessment.Source), .. names], runTime);
        foreach (var evaluation in assessment.History)
        {
            yield return new InfluxPoint(Tags.StatusMeasurement, tags, EvaluationFields(evaluation), evaluation.EvaluatedPeriod!.Value.StartUtc);
        }

        foreach (var yearEnd in assessment.YearEnds)
        {
            var fields = EvaluationFields(yearEnd.Evaluation);
            fields.Add(new(Schema.YearChangeFields.Year, FieldValue.String(yearEnd.Year.ToString(CultureInfo.InvariantCulture))));
            if (yearEnd.Change is { } change)
            {
                fields.AddRange([
                    new(Schema.YearChangeFields.From, FieldValue.String(change.From.ToString())),
                    new(Schema.YearChangeFields.To, FieldValue.String(change.To.ToString())),
                    new(Schema.YearChangeFields.FromValue, FieldValue.Float(change.FromValue)),
                    new(Schema.YearChangeFields.ToValue, FieldValue.Float(change.ToValue)),
                ]);
                fields.AddNumber(Schema.YearChangeFields.ExpectedChange, change.ExpectedChange);
            }

            yield return new InfluxPoint(Tags.YearMeasurement, tags, fields, new DateTimeOffset(yearEnd.Year, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        foreach (var point in assessment.Path)
        {
            List<KeyValuePair<string, FieldValue>> fields = [new(Fields.Period, FieldValue.String(point.Period.ToString()))];
            fields.AddNumber(Schema.TrajectoryFields.Expected, point.Expected);
            fields.AddNumber(Schema.TrajectoryFields.Actual, point.Actual);
            yield return new InfluxPoint(Tags.TrajectoryMeasurement, tags, fields, point.Period.StartUtc);
        }
    }

    /// <summary>What Grafana shows instead of the ids in the tags; InfluxQL has no joins, so the names travel with each run.</summary>
    private IEnumerable<KeyValuePair<string, FieldValue>> NameFields(CatalogTarget target)
    {
        var alliance = catalog.FindAlliance(target.Spec.Alliance);
        var allianceName = alliance?.Name ?? target.Spec.Alliance;
        var members = alliance?.Areas ?? target.Spec.Areas;
        var regions = members.Select(code => DanishAreas.Find(code)?.RegionCode).OfType<string>();
        return [
            new(Names.TargetTitle, FieldValue.String(target.Title)),
            new(Names.AllianceName, FieldValue.String(allianceName)),
            new(Names.IndicatorTitle, FieldValue.String(target.Indicator.Title)),
            new(Names.TargetChoice, FieldValue.String($"{target.Id} {target.Title}")),
            new(Names.AllianceChoice, FieldValue.String($"{target.Spec.Alliance} {allianceName}")),
            new(Names.ComparisonAreas, FieldValue.String(string.Join('|', members.Concat(regions).Append(DanishAreas.Denmark).Distinct()))),
        ];
    }

    private static List<KeyValuePair<string, FieldValue>> EvaluationFields(TargetEvaluation evaluation)
    {
        List<KeyValuePair<string, FieldValue>> fields = [new(Fields.Status, FieldValue.String(Wire.Status.Of(evaluation.Status)))];
        fields.AddText(Fields.Period, evaluation.EvaluatedPeriod?.ToString());
        fields.AddNumber(Fields.Actual, evaluation.Actual);
        fields.AddNumber(Fields.Expected, evaluation.Expected);
        fields.AddNumber(Fields.Baseline, evaluation.Baseline);
        fields.AddNumber(Fields.Gap, evaluation.Gap);
        fields.AddNumber(Fields.Progress, evaluation.Progress);
        if (evaluation.Projection is { } projection)
        {
            fields.AddNumber(Fields.Projected, projection.ProjectedAtEnd);
            fields.AddText(Fields.ProjectedPeriod, projection.At.ToString());
            fields.AddText(Fields.ReachedIn, projection.ReachedIn?.ToString());
            fields.AddNumber(Fields.Slope, projection.Slope);
            fields.Add(new(Fields.SearchUntil, FieldValue.Integer(projection.SearchUntilYear)));
        }

        fields.AddText(Fields.ReasonCode, evaluation.ReasonCode is { } code ? Wire.Reason.Of(code) : null);
        fields.AddText(Fields.Reason, evaluation.Reason);
        if (evaluation.Missing is { } missing)
        {
            fields.AddText(Fields.MissingPeriod, missing.Period.ToString());
            fields.AddText(Fields.MissingAreas, string.Join(',', missing.Areas));
        }

        if (evaluation.FetchFailure is { } failure)
        {
            fields.Add(new(Fields.FetchFailedAt, FieldValue.Integer(failure.At.ToUnixTimeSeconds())));
            fields.Add(new(Fields.FetchError, FieldValue.String(failure.Error)));
        }

        if (evaluation.Pace is { } pace)
        {
            fields.AddNumber(Fields.Goal, pace.Goal);
            fields.AddText(Fields.GoalPeriod, pace.By.ToString());
            fields.AddNumber(Fields.Pace, pace.PerYear);
            fields.AddNumber(Fields.PacePercent, pace.PercentPerYear);
        }

        return fields;
    }

    private static List<KeyValuePair<string, FieldValue>> SourceFields(DataSource? source)
    {
        List<KeyValuePair<string, FieldValue>> fields = [];
        if (source is null)
        {
            return fields;
        }

        fields.AddText(Source.Table, source.Table);
        if (source.Published is { } published)
        {
            fields.Add(new(Source.Published, FieldValue.Integer(published.ToUnixTimeSeconds())));
        }

        fields.AddText(Source.LatestPeriod, source.LatestPeriod?.ToString());
        fields.AddNumber(Source.LagDays, source.LagDays);
        return fields;
    }

    private static DataSource? ReadSource(InfluxRow row) =>
        row.GetString(Source.Table) is { } table
            ? new DataSource(table, row.GetInt64(Source.Published) is { } published ? DateTimeOffset.FromUnixTimeSeconds(published) : null, ReadPeriod(row, Source.LatestPeriod))
            : null;

    private static TargetEvaluation? ReadEvaluation(string targetId, InfluxRow row)
    {
        if (!Wire.Status.TryParse(row.GetString(Fields.Status), out var status))
        {
            return null;
        }

        var projection = row.GetDouble(Fields.Projected) is { } projected && ReadPeriod(row, Fields.ProjectedPeriod) is { } at
            ? new Projection(projected, at, ReadPeriod(row, Fields.ReachedIn), row.GetDouble(Fields.Slope) ?? 0, (int)(row.GetInt64(Fields.SearchUntil) ?? at.Year))
            : null;
        return new TargetEvaluation(
            targetId,
            status,
            ReadPeriod(row, Fields.Period),
            row.GetDouble(Fields.Actual),
            row.GetDouble(Fields.Expected),
            row.GetDouble(Fields.Baseline),
            row.GetDouble(Fields.Gap),
            row.GetDouble(Fields.Progress),
            projection,
            row.GetString(Fields.Reason),
            Wire.Reason.TryParse(row.GetString(Fields.ReasonCode), out var code) ? code : null)
        {
            Missing = ReadPeriod(row, Fields.MissingPeriod) is { } missingPeriod
                ? new MissingFigures(missingPeriod, row.GetString(Fields.MissingAreas)?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
                : null,
            FetchFailure = row.GetInt64(Fields.FetchFailedAt) is { } failedAt
                ? new FetchFailure(DateTimeOffset.FromUnixTimeSeconds(failedAt), row.GetString(Fields.FetchError) ?? "")
                : null,
            Pace = row.GetDouble(Fields.Goal) is { } goal && ReadPeriod(row, Fields.GoalPeriod) is { } by && row.GetDouble(Fields.Pace) is { } perYear
                ? new RequiredPace(goal, by, perYear, row.GetDouble(Fields.PacePercent))
                : null,
        };
    }

    private static YearEndEvaluation? ReadYearEnd(string targetId, InfluxRow row)
    {
        if (ReadEvaluation(targetId, row) is not { } evaluation)
        {
            return null;
        }

        var year = row.Time.UtcDateTime.Year;
        var change = ReadPeriod(row, Schema.YearChangeFields.From) is { } from && ReadPeriod(row, Schema.YearChangeFields.To) is { } to
                     && row.GetDouble(Schema.YearChangeFields.FromValue) is { } fromValue && row.GetDouble(Schema.YearChangeFields.ToValue) is { } toValue
            ? new YearChange(year, from, to, fromValue, toValue, row.GetDouble(Schema.YearChangeFields.ExpectedChange))
            : null;
        return new YearEndEvaluation(year, evaluation, change);
    }

    private static ChartPoint? ReadChartPoint(InfluxRow row) =>
        ReadPeriod(row, Fields.Period) is { } period
            ? new ChartPoint(period, row.GetDouble(Schema.TrajectoryFields.Actual), row.GetDouble(Schema.TrajectoryFields.Expected))
            : null;

    /// <summary>Periods are stored as their codes, written by this class from Core periods.</summary>
    private static Period? ReadPeriod(InfluxRow row, string field) => Period.TryParse(row.GetString(field), out var period) ? period : null;
}
