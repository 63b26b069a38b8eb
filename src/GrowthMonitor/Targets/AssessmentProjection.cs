using System.Globalization;
using System.Security.Cryptography;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using Fields = GrowthMonitor.Storage.Schema.EvaluationFields;
using Names = GrowthMonitor.Storage.Schema.NameFields;
using Runs = GrowthMonitor.Storage.Schema.EvaluationRuns;
using Source = GrowthMonitor.Storage.Schema.SourceFields;
using Tags = GrowthMonitor.Storage.Schema.Targets;

namespace GrowthMonitor.Targets;

/// <summary>
/// The one-way copy of each run's assessments in InfluxDB for Grafana and users' own InfluxQL (<c>target_evaluation</c>,
/// <c>target_status</c>, <c>target_year</c>, <c>target_trajectory</c>, <c>target_nowcast</c>, then <c>evaluation_runs</c>), written after the
/// run committed in PostgreSQL and never read back: the documented measurements, tags and fields are its interface.
/// </summary>
public sealed class AssessmentProjection(InfluxClient influx, GrowthCatalog catalog)
{
    private static readonly string TargetTag = InfluxQl.Identifier(Tags.TargetTag);
    private static readonly string PerPeriod = $"/^({Tags.StatusMeasurement}|{Tags.YearMeasurement}|{Tags.TrajectoryMeasurement}|{Tags.NowcastMeasurement})$/";
    private static readonly string Everything = $"/^({Tags.EvaluationMeasurement}|{Tags.StatusMeasurement}|{Tags.YearMeasurement}|{Tags.TrajectoryMeasurement}|{Tags.NowcastMeasurement})$/";

    private readonly SemaphoreSlim writing = new(1, 1);

    /// <summary>What this process last projected completely: null until then, and while a projection is under way.</summary>
    private Projected? last;

    /// <param name="stored">The run as stored, with the run stored before it: only on top of that one's projection are unchanged targets left alone.</param>
    /// <param name="vintages">Per indicator, the newest vintage of the figures the run judged on, kept with every evaluation.</param>
    public async Task WriteAsync(
        StoredRun stored,
        IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessments,
        IReadOnlyDictionary<string, int> vintages,
        CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            // The per-period points of a target are written again only when their lines differ from those this process
            // wrote for the run stored just before: on the daily run over unchanged figures that is none of them. Any
            // other run in between (another instance's, or this one's whose projection failed) and every target is
            // written afresh, as after a restart.
            var basis = last is { } projected && projected.Run == stored.Previous ? projected.Targets : null;
            last = null;
            // Each target's per-period points are made once: digested, and kept for the write only when they changed.
            var targets = assessments.Select(a =>
            {
                var vintage = vintages.TryGetValue(a.Target.Indicator.Id, out var v) ? v : (int?)null;
                var points = PeriodPoints(a.Target, a.Assessment, vintage).ToList();
                var lines = Digest(points);
                var differs = lines is null || basis?.GetValueOrDefault(a.Target.Id) != lines;
                return (a.Target, a.Assessment, Vintage: vintage, Lines: lines, Changed: differs ? points : null);
            }).ToList();
            var changed = targets.Where(t => t.Changed is not null).ToList();

            // An overwritten point keeps fields the new one leaves out (a progress that became undefined, say), so a
            // changed target's per-period results are deleted and written afresh; the run-stamped target_evaluation
            // needs no such care. An estimate goes when the official figure it stood in for is published: its point goes with the others.
            await DeleteAsync(PerPeriod, [.. changed.Select(t => t.Target.Id)], cancellationToken);
            await DeleteAsync(Everything, stored.Removed, cancellationToken);
            await influx.WriteAsync(
                targets.Select(t => EvaluationPoint(stored.Run.Time, t.Target, t.Assessment, t.Vintage)).Concat(changed.SelectMany(t => t.Changed!)),
                cancellationToken);
            await influx.WriteAsync(
                [InfluxPoint.Create(Runs.Measurement, stored.Run.Time, [],
                    (Runs.Targets, FieldValue.Integer(stored.Run.Targets)),
                    (Runs.Failed, FieldValue.Integer(stored.Run.Failed)),
                    (Runs.Catalog, FieldValue.String(stored.Run.Catalog)),
                    (Runs.Seconds, FieldValue.Float(stored.Run.Seconds)))],
                cancellationToken);

            var written = basis is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(basis, StringComparer.Ordinal);
            foreach (var target in targets)
            {
                if (target.Lines is { } lines)
                {
                    written[target.Target.Id] = lines;
                }
                else
                {
                    written.Remove(target.Target.Id);
                }
            }

            foreach (var removed in stored.Removed)
            {
                written.Remove(removed);
            }

            last = new Projected(stored.Run.Time, written);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>A run projected completely, with a digest of each target's per-period lines as written.</summary>
    private sealed record Projected(DateTimeOffset Run, IReadOnlyDictionary<string, string> Targets);

    /// <summary>The digest (SHA-256) of a target's per-period lines; null when one cannot be written, so that the write reports it.</summary>
    private static string? Digest(IEnumerable<InfluxPoint> points)
    {
        var lines = new LineProtocolWriter();
        try
        {
            foreach (var point in points)
            {
                lines.Write(point);
            }
        }
        catch (InvalidPointException)
        {
            return null;
        }

        return Convert.ToHexString(SHA256.HashData(lines.WrittenMemory.Span));
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

    private InfluxPoint EvaluationPoint(DateTimeOffset runTime, CatalogTarget target, TargetAssessment assessment, int? vintage) => new(
        Tags.EvaluationMeasurement,
        TagsOf(target),
        [.. EvaluationFields(assessment.Current, vintage), .. SourceFields(assessment.Source), .. NameFields(target)],
        runTime);

    private static KeyValuePair<string, string>[] TagsOf(CatalogTarget target) => [new(Tags.TargetTag, target.Id), new(Tags.AllianceTag, target.Spec.Alliance)];

    private static List<KeyValuePair<string, FieldValue>> EvaluationFields(TargetEvaluation evaluation, int? vintage)
    {
        var fields = EvaluationFields(evaluation);
        fields.AddText(Fields.Vintage, vintage is { } number ? FigureVintages.TagOf(number) : null);
        return fields;
    }

    private static IEnumerable<InfluxPoint> PeriodPoints(CatalogTarget target, TargetAssessment assessment, int? vintage)
    {
        var tags = TagsOf(target);
        foreach (var evaluation in assessment.History)
        {
            yield return new InfluxPoint(Tags.StatusMeasurement, tags, EvaluationFields(evaluation, vintage), evaluation.EvaluatedPeriod!.Value.StartUtc);
        }

        foreach (var yearEnd in assessment.YearEnds)
        {
            var fields = EvaluationFields(yearEnd.Evaluation, vintage);
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

        if (assessment.Nowcast is { } nowcast)
        {
            yield return new InfluxPoint(Tags.NowcastMeasurement, tags, NowcastFields(nowcast), nowcast.Period.StartUtc);
        }
    }

    private static List<KeyValuePair<string, FieldValue>> NowcastFields(Nowcast nowcast)
    {
        List<KeyValuePair<string, FieldValue>> fields =
        [
            new(Schema.NowcastFields.Period, FieldValue.String(nowcast.Period.ToString())),
            new(Schema.NowcastFields.Value, FieldValue.Float(nowcast.Value)),
            new(Schema.NowcastFields.Status, FieldValue.String(Wire.Status.Of(nowcast.Status))),
            new(Schema.NowcastFields.TooCloseToCall, FieldValue.Boolean(nowcast.TooCloseToCall)),
            new(Schema.NowcastFields.BasedOn, FieldValue.String(nowcast.BasedOn.Indicator)),
            new(Schema.NowcastFields.BasedOnPeriod, FieldValue.String(nowcast.BasedOn.Period.ToString())),
            new(Schema.NowcastFields.PastErrors, FieldValue.Integer(nowcast.PastErrors)),
        ];
        fields.AddNumber(Schema.NowcastFields.Low, nowcast.Low);
        fields.AddNumber(Schema.NowcastFields.High, nowcast.High);
        fields.AddText(Schema.NowcastFields.StatusLow, nowcast.StatusLow is { } low ? Wire.Status.Of(low) : null);
        fields.AddText(Schema.NowcastFields.StatusHigh, nowcast.StatusHigh is { } high ? Wire.Status.Of(high) : null);
        return fields;
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
}
