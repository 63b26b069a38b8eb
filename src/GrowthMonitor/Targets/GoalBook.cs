using System.Text.Json.Serialization;
using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Targets;

/// <summary>
/// One change to a yearly goal set through the service: the target and year, the goal that applied before (the
/// catalog's or an earlier change's; null: none) and after, who set it and when. The audit trail of goals, as
/// <see cref="ManualFigures.ValueChange"/> is that of figures.
/// </summary>
public sealed record GoalChange(long Id, string Target, int Year, double? Old, double New, string Operator, DateTimeOffset At);

/// <summary>The goal that applies to one year of a yearly-goal target, and where it comes from.</summary>
public sealed record TargetGoal(int Year, double Value, string Source)
{
    /// <summary>The catalog's <c>goals</c>: the starting value of a year.</summary>
    public const string FromCatalog = "catalog";

    /// <summary>Set through the service (the API or the target's page); wins over the catalog's.</summary>
    public const string FromService = "service";

    /// <summary>Who set a goal through the service (a person by name and address, a key by name); absent for the catalog's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SetBy { get; init; }

    /// <summary>When it was set through the service; absent for the catalog's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SetAt { get; init; }
}

/// <summary>
/// Every goal set through the service, oldest first, and so the goals that apply to each target: a year's latest
/// change over the catalog's goal. Read whole in one query (an evaluation run, the readers' snapshot); the one place
/// that decides which goal applies.
/// </summary>
public sealed class GoalBook(IReadOnlyList<GoalChange> changes)
{
    public static readonly GoalBook Empty = new([]);

    private readonly ILookup<string, GoalChange> byTarget = changes.ToLookup(c => c.Target, StringComparer.Ordinal);

    /// <summary>The id of the latest change (0 when there is none): it changes with every goal set.</summary>
    public long LatestId { get; } = changes.Count == 0 ? 0 : changes.Max(c => c.Id);

    /// <summary>
    /// The goals that apply to a yearly-goal target by year (as known at <paramref name="moment"/> when given); none for
    /// other kinds. A goal set for a year the catalog has since moved outside the target's span no longer applies.
    /// </summary>
    public IReadOnlyList<TargetGoal> Of(CatalogTarget target, DateTimeOffset? moment = null)
    {
        var definition = target.Definition;
        if (definition.Kind != TargetKind.YearlyGoal)
        {
            return [];
        }

        var goals = definition.Goals.ToDictionary(g => g.Key, g => new TargetGoal(g.Key, g.Value, TargetGoal.FromCatalog));
        foreach (var change in byTarget[target.Id].Where(c => (moment is null || c.At <= moment) && definition.GoalProblem(c.Year, c.New) is null))
        {
            goals[change.Year] = new TargetGoal(change.Year, change.New, TargetGoal.FromService) { SetBy = change.Operator, SetAt = change.At };
        }

        return [.. goals.Values.OrderBy(g => g.Year)];
    }

    /// <summary>The target as it is judged and reported: with the goals that apply (at <paramref name="moment"/> when given).</summary>
    public CatalogTarget Apply(CatalogTarget target, DateTimeOffset? moment = null) =>
        target.Definition.Kind != TargetKind.YearlyGoal || !byTarget.Contains(target.Id)
            ? target
            : target with { Definition = target.Definition with { Goals = Of(target, moment).ToDictionary(g => g.Year, g => g.Value) } };
}

/// <summary>Goals set through the service in PostgreSQL (<c>growthmonitor.target_goals</c>); rows are only ever added.</summary>
public sealed class GoalStore(ServiceDatabase database)
{
    private const string Columns = "id, target, year, old_value, new_value, operator, at";

    /// <summary>Every change of every target, in one query.</summary>
    public async Task<GoalBook> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"SELECT {Columns} FROM growthmonitor.target_goals ORDER BY id", connection);
        return new GoalBook(await ReadChangesAsync(query, cancellationToken));
    }

    /// <summary>Every change to one target's goals, oldest first.</summary>
    public async Task<IReadOnlyList<GoalChange>> OfAsync(string targetId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand($"SELECT {Columns} FROM growthmonitor.target_goals WHERE target = @target ORDER BY id", connection);
        query.Parameters.AddWithValue("target", targetId);
        return await ReadChangesAsync(query, cancellationToken);
    }

    /// <summary>The id of the latest change of any target (0 when there is none).</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM growthmonitor.target_goals", connection);
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Sets the goals, writing a row only for a year whose goal changes. The goal before is read under a lock of the
    /// target, in the transaction that writes, so that two people setting the same year at once each see the other's.
    /// </summary>
    public async Task<IReadOnlyList<GoalChange>> SetAsync(
        CatalogTarget target, IReadOnlyDictionary<int, double> goals, string operatorName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTarget = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('target goals ' || @target))", connection, transaction))
        {
            lockTarget.Parameters.AddWithValue("target", target.Id);
            await lockTarget.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = new Dictionary<int, double>(target.Definition.Goals);
        await using (var latest = new NpgsqlCommand(
            "SELECT DISTINCT ON (year) year, new_value FROM growthmonitor.target_goals WHERE target = @target ORDER BY year, id DESC", connection, transaction))
        {
            latest.Parameters.AddWithValue("target", target.Id);
            await using var reader = await latest.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                current[reader.GetInt32(0)] = reader.GetDouble(1);
            }
        }

        List<(int Year, double? Old, double New)> changed = [.. goals
            .Select(g => (Year: g.Key, Old: current.TryGetValue(g.Key, out var old) ? old : (double?)null, New: g.Value))
            .Where(g => g.Old != g.New)
            .OrderBy(g => g.Year)];
        if (changed.Count == 0)
        {
            return [];
        }

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO growthmonitor.target_goals (target, year, old_value, new_value, operator, at)
            SELECT @target, year, old_value, new_value, @operator, @at FROM unnest(@years, @old, @new) AS g (year, old_value, new_value)
            RETURNING id, year
            """, connection, transaction);
        insert.Parameters.AddWithValue("target", target.Id);
        insert.Parameters.AddWithValue("operator", operatorName);
        insert.Parameters.AddWithValue("at", at.UtcDateTime);
        insert.Parameters.AddWithValue("years", changed.Select(c => c.Year).ToArray());
        insert.Parameters.AddWithValue("old", changed.Select(c => c.Old).ToArray());
        insert.Parameters.AddWithValue("new", changed.Select(c => c.New).ToArray());
        var ids = new Dictionary<int, long>();
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetInt32(1)] = reader.GetInt64(0);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. changed.Select(c => new GoalChange(ids[c.Year], target.Id, c.Year, c.Old, c.New, operatorName, at))];
    }

    private static async Task<IReadOnlyList<GoalChange>> ReadChangesAsync(NpgsqlCommand query, CancellationToken cancellationToken)
    {
        List<GoalChange> changes = [];
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new GoalChange(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetString(5),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc))));
        }

        return changes;
    }
}
