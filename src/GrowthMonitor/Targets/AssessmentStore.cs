using System.Globalization;
using System.Text.Json;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GrowthMonitor.Targets;

/// <summary>A completed evaluation run; its time identifies its results (and in InfluxDB, <c>target_evaluation</c>'s points).</summary>
public sealed record EvaluationRun(DateTimeOffset Time, int Targets, int Failed, string Catalog, double Seconds);

/// <summary>
/// A run as <see cref="AssessmentStore.WriteAsync"/> stored it: its time as stored, the time of the run stored just before
/// it (null: none), read under the same lock, and the targets it found gone from the catalog.
/// </summary>
public sealed record StoredRun(EvaluationRun Run, DateTimeOffset? Previous, IReadOnlyList<string> Removed);

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
/// What the stored evaluations, the follow-up notes and the goals set through the service said when they were read: the
/// same answer for every reader until the next run, note or goal.
/// </summary>
public sealed class AssessmentSnapshot(EvaluationRun? run, IReadOnlyDictionary<string, StoredAssessment> targets, IReadOnlyList<TargetNote>? notes = null, GoalBook? goals = null)
{
    public static readonly AssessmentSnapshot Empty = new(null, new Dictionary<string, StoredAssessment>());

    public EvaluationRun? Run { get; } = run;

    /// <summary>Every follow-up note, oldest first.</summary>
    public IReadOnlyList<TargetNote> Notes { get; } = notes ?? [];

    /// <summary>Every goal set through the service: <see cref="GoalBook.Of"/> gives the goals that apply to a target.</summary>
    public GoalBook Goals { get; } = goals ?? GoalBook.Empty;

    /// <summary>Changes with every evaluation run, every note and every goal set; the basis of the responses' ETags.</summary>
    public string Generation => string.Create(CultureInfo.InvariantCulture, $"{Run?.Time.ToUnixTimeSeconds() ?? 0}.{LatestNoteId}.{Goals.LatestId}");

    public long LatestNoteId => Notes.Count == 0 ? 0 : Notes[^1].Id;

    public AssessmentSnapshot WithNotes(IReadOnlyList<TargetNote> notes) => new(Run, targets, notes, Goals);

    public AssessmentSnapshot WithGoals(GoalBook goals) => new(Run, targets, Notes, goals);

    /// <summary>
    /// What the database holds once <paramref name="stored"/> committed on top of this snapshot: its assessments in place
    /// of the earlier ones, the removed targets gone, those it could not judge as they were. True only when this
    /// snapshot is of the run stored just before it; notes and goals stay as they are.
    /// </summary>
    public AssessmentSnapshot After(StoredRun stored, IEnumerable<(CatalogTarget Target, TargetAssessment Assessment)> assessments)
    {
        var after = new Dictionary<string, StoredAssessment>(targets, StringComparer.Ordinal);
        foreach (var (target, assessment) in assessments)
        {
            after[target.Id] = new StoredAssessment(assessment, stored.Run.Time);
        }

        foreach (var removed in stored.Removed)
        {
            after.Remove(removed);
        }

        return new(stored.Run, after, Notes, Goals);
    }

    /// <summary>The latest note on the target for a period of <paramref name="year"/>, entered by <paramref name="moment"/> when given.</summary>
    public TargetNote? LatestNote(string targetId, int year, DateTimeOffset? moment = null) =>
        Notes.LastOrDefault(n => n.Target == targetId && n.Period.Year == year && (moment is null || n.At <= moment));

    public StoredAssessment Of(CatalogTarget target) => targets.GetValueOrDefault(target.Id) ?? StoredAssessment.NotEvaluated(target.Id);

    /// <summary>Binds an endpoint parameter to the assessments every reader currently sees.</summary>
    public static async ValueTask<AssessmentSnapshot?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<AssessmentCache>().GetAsync(context.RequestAborted);
}

/// <summary>
/// Each run's assessments as documents in PostgreSQL (<c>growthmonitor.evaluation_runs</c> and
/// <c>target_assessments</c>), in the JSON the API answers with: written with the run record in one transaction, read
/// back whole by the API, the reports and the alerts (through <see cref="AssessmentCache"/>). Adding a field to an
/// assessment touches the record and nothing here.
/// </summary>
public sealed class AssessmentStore(ServiceDatabase database, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions serializer = json.Value.SerializerOptions;

    public async Task<EvaluationRun?> LastRunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LastRunAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Stores the run, replaces the assessments of the targets it judged and removes those of targets no longer in the
    /// catalog, all at once. Runs are stored at whole seconds, each after the one before (Grafana's copies are keyed by
    /// the run's time), also when two judges finish together.
    /// </summary>
    public async Task<StoredRun> WriteAsync(
        EvaluationRun run,
        IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessments,
        IReadOnlyCollection<string> catalogTargets,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insertRun = new NpgsqlCommand(
            """
            LOCK TABLE growthmonitor.evaluation_runs IN SHARE ROW EXCLUSIVE MODE;
            WITH previous AS (SELECT max(at) AS at FROM growthmonitor.evaluation_runs)
            INSERT INTO growthmonitor.evaluation_runs (at, targets, failed, catalog, seconds)
            SELECT greatest(date_trunc('second', @at), previous.at + interval '1 second'), @targets, @failed, @catalog, @seconds
            FROM previous
            RETURNING id, at, (SELECT at FROM previous)
            """,
            connection, transaction);
        insertRun.Parameters.AddWithValue("at", run.Time.UtcDateTime);
        insertRun.Parameters.AddWithValue("targets", run.Targets);
        insertRun.Parameters.AddWithValue("failed", run.Failed);
        insertRun.Parameters.AddWithValue("catalog", run.Catalog);
        insertRun.Parameters.AddWithValue("seconds", run.Seconds);
        long runId;
        DateTimeOffset? previous;
        await using (var inserted = await insertRun.ExecuteReaderAsync(cancellationToken))
        {
            await inserted.ReadAsync(cancellationToken);
            runId = inserted.GetInt64(0);
            run = run with { Time = Utc(inserted.GetDateTime(1)) };
            previous = inserted.IsDBNull(2) ? null : Utc(inserted.GetDateTime(2));
        }

        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO growthmonitor.target_assessments (target, run, assessment)
            SELECT target, @run, assessment FROM unnest(@targets, @assessments) AS a (target, assessment)
            ON CONFLICT (target) DO UPDATE SET run = excluded.run, assessment = excluded.assessment
            """, connection, transaction);
        upsert.Parameters.AddWithValue("run", runId);
        upsert.Parameters.AddWithValue("targets", assessments.Select(a => a.Target.Id).ToArray());
        upsert.Parameters.Add(new NpgsqlParameter("assessments", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = assessments.Select(a => JsonSerializer.Serialize(a.Assessment, serializer)).ToArray(),
        });
        await upsert.ExecuteNonQueryAsync(cancellationToken);

        await using var remove = new NpgsqlCommand(
            "DELETE FROM growthmonitor.target_assessments WHERE NOT (target = ANY (@catalog)) RETURNING target", connection, transaction);
        remove.Parameters.AddWithValue("catalog", catalogTargets.ToArray());
        List<string> removed = [];
        await using (var reader = await remove.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                removed.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredRun(run, previous, removed);
    }

    /// <summary>Every target's latest assessment and the latest run, in one snapshot of the database.</summary>
    public async Task<AssessmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        if (await LastRunAsync(connection, cancellationToken) is not { } run)
        {
            return AssessmentSnapshot.Empty;
        }

        await using var query = new NpgsqlCommand(
            "SELECT a.target, r.at, a.assessment FROM growthmonitor.target_assessments a JOIN growthmonitor.evaluation_runs r ON r.id = a.run", connection, transaction);
        var targets = new Dictionary<string, StoredAssessment>(StringComparer.Ordinal);
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                targets[reader.GetString(0)] = new StoredAssessment(
                    JsonSerializer.Deserialize<TargetAssessment>(reader.GetString(2), serializer)!,
                    Utc(reader.GetDateTime(1)));
            }
        }

        return new AssessmentSnapshot(run, targets);
    }

    private static async Task<EvaluationRun?> LastRunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT at, targets, failed, catalog, seconds FROM growthmonitor.evaluation_runs ORDER BY at DESC LIMIT 1", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new EvaluationRun(Utc(reader.GetDateTime(0)), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetDouble(4))
            : null;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
