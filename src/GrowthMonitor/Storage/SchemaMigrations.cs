using System.Globalization;
using System.Reflection;
using Npgsql;

namespace GrowthMonitor.Storage;

/// <summary>
/// One forward-only step of the <c>growthmonitor</c> schema: a numbered SQL file of <c>Storage/Migrations</c>, or code
/// that a feature registers for what SQL cannot do (importing what earlier releases kept in InfluxDB).
/// </summary>
public sealed record Migration(int Version, string Name, Func<MigrationContext, CancellationToken, Task> ApplyAsync);

/// <summary>What a migration runs in; <see cref="Upgrade"/> says whether the database held an earlier release's data.</summary>
public sealed record MigrationContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, bool Upgrade);

/// <summary>
/// Brings the schema to the newest version: each migration not yet recorded in <c>growthmonitor.schema_versions</c>
/// runs in a transaction of its own together with its record, under an advisory lock, so that instances starting
/// together apply each migration once and a failed one leaves no trace.
/// </summary>
public sealed partial class SchemaMigrations
{
    /// <summary>The lock release 14 took while creating its tables, so that it and this release never interleave.</summary>
    private const string LockKey = "growthmonitor schema";

    private const string ResourcePrefix = "migrations/";

    private readonly ILogger<SchemaMigrations> logger;

    public SchemaMigrations(IEnumerable<Migration> code, ILogger<SchemaMigrations> logger)
    {
        this.logger = logger;
        All = [.. Sql().Concat(code).OrderBy(m => m.Version)];
        if (All.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two migrations have version {twice.Key}: {string.Join(", ", twice.Select(m => m.Name))}.");
        }
    }

    public IReadOnlyList<Migration> All { get; }

    public int Latest => All[^1].Version;

    public async Task ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(hashtext(@key))", cancellationToken, ("key", LockKey));
        try
        {
            await ExecuteAsync(connection, null,
                """
                CREATE SCHEMA IF NOT EXISTS growthmonitor;
                CREATE TABLE IF NOT EXISTS growthmonitor.schema_versions (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            // Release 14 kept its tables without recording a version: the alert ledger was the first it created.
            var upgrade = applied.Count > 0 || await ExistsAsync(connection, "growthmonitor.alert_events", cancellationToken);
            if (applied.Count > 0 && applied.Max() > Latest)
            {
                throw new DatabaseSchemaException(
                    $"The database is at schema version {applied.Max()}, newer than the {Latest} this release knows; run the release that upgraded it, or a newer one.");
            }

            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                try
                {
                    await migration.ApplyAsync(new MigrationContext(connection, transaction, upgrade), cancellationToken);
                }
                catch (Exception e) when (e is not (NpgsqlException or OperationCanceledException))
                {
                    throw new DatabaseSchemaException($"Migration {migration.Version} ({migration.Name}) failed: {e.Message}");
                }

                await ExecuteAsync(connection, transaction, "INSERT INTO growthmonitor.schema_versions (version, name) VALUES (@version, @name)", cancellationToken,
                    ("version", migration.Version), ("name", migration.Name));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(migration.Version, migration.Name);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(hashtext(@key))", CancellationToken.None, ("key", LockKey));
        }
    }

    /// <summary>The embedded <c>NNNN_name.sql</c> files, each run as one batch.</summary>
    private static IEnumerable<Migration> Sql()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
            var text = Read(assembly, resource);
            yield return new Migration(version, file[(separator + 1)..].Replace('_', ' '), (context, token) => ExecuteAsync(context.Connection, context.Transaction, text, token));
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }

    private static async Task<HashSet<int>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT version FROM growthmonitor.schema_versions", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        query.Parameters.AddWithValue("table", table);
        return await query.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema: applied migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}

/// <summary>The database's schema cannot be used by this release.</summary>
public sealed class DatabaseSchemaException(string message) : Exception(message);
