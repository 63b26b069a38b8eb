using GrowthMonitor.Hangfire;
using Npgsql;

namespace GrowthMonitor.Storage;

/// <summary>
/// GrowthMonitor's own tables in PostgreSQL (schema <c>growthmonitor</c>), in the database of
/// <c>ConnectionStrings:Hangfire</c> beside Hangfire's schema: what must survive a restart (the alert ledger, notes,
/// the audit trail). Not configured without that connection string; features then keep their state in memory.
/// </summary>
public sealed class ServiceDatabase(JobStorageChoice storage, IEnumerable<ServiceSchema> schemas) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource?> dataSource = new(() => storage.ConnectionString is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null);
    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool migrated;

    public bool Configured => storage.ConnectionString is not null;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var source = dataSource.Value ?? throw new InvalidOperationException("PostgreSQL is not configured (ConnectionStrings:Hangfire).");
        var connection = await OpenLiveAsync(source, cancellationToken);
        if (!migrated)
        {
            await MigrateAsync(connection, cancellationToken);
        }

        return connection;
    }

    /// <summary>
    /// A connection from the pool that answers. Npgsql hands out pooled connections without looking (by design, see
    /// npgsql/npgsql#5073), so after PostgreSQL restarts, every idle one is dead and the first command on each fails
    /// with 57P01 "terminating connection due to administrator command": a job would fail and wait for its retry. One
    /// round trip per open (a fraction of a millisecond beside the statements each use runs) finds a dead connection;
    /// the pool is then emptied of all its dead siblings at once and a new connection opened.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenLiveAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var probe = new NpgsqlCommand("SELECT 1", connection);
            await probe.ExecuteScalarAsync(cancellationToken);
            return connection;
        }
        catch (NpgsqlException) when (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.DisposeAsync();
            source.Clear();
            return await source.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated && dataSource.Value is { } source)
        {
            await source.DisposeAsync();
        }

        migrating.Dispose();
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await migrating.WaitAsync(cancellationToken);
        try
        {
            if (migrated)
            {
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Several instances may start at once; one creates the tables while the others wait.
            await using (var lockSchema = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('growthmonitor schema'))", connection, transaction))
            {
                await lockSchema.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var statement in schemas.SelectMany(s => s.Statements).Prepend("CREATE SCHEMA IF NOT EXISTS growthmonitor"))
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            migrated = true;
        }
        finally
        {
            migrating.Release();
        }
    }
}

/// <summary>A feature's tables in the <c>growthmonitor</c> schema: idempotent statements (<c>CREATE … IF NOT EXISTS</c>) the first connection runs, in order.</summary>
public sealed record ServiceSchema(params IReadOnlyList<string> Statements);
