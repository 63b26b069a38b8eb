using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Storage;

/// <summary>
/// GrowthMonitor's PostgreSQL database (<see cref="DatabaseOptions"/>): the one durable home of everything that must
/// survive a restart, in schema <c>growthmonitor</c> beside Hangfire's. The schema is brought up to date at start
/// (<see cref="MigrateAsync(TimeSpan, CancellationToken)"/>), and at the latest by the first connection a process opens.
/// </summary>
public sealed class ServiceDatabase(IOptions<DatabaseOptions> options, SchemaMigrations migrations) : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString
        ?? throw new InvalidOperationException(options.Value.Problems().First()));

    private readonly SemaphoreSlim migrating = new(1, 1);
    private volatile bool migrated;

    public string ConnectionString { get; } = options.Value.ConnectionString!;

    /// <summary>Where the database is, without secrets.</summary>
    public string Description { get; } = options.Value.Describe();

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenLiveAsync(cancellationToken);
        if (!migrated)
        {
            try
            {
                await MigrateAsync(connection, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        return connection;
    }

    /// <summary>Applies the migrations not applied yet, after reaching the database within <paramref name="connectTimeout"/>.</summary>
    /// <exception cref="TimeoutException">The database did not answer in time.</exception>
    public async Task MigrateAsync(TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        // A connection of its own whose Timeout is the start's: Npgsql does not cancel a handshake with a server that
        // accepted the connection but never answers; only its Timeout (15 s unless the connection string says otherwise)
        // ends that.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Pooling = false,
            Timeout = (int)Math.Ceiling(connectTimeout.TotalSeconds),
        }.ConnectionString);
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connecting.CancelAfter(connectTimeout);
            try
            {
                await connection.OpenAsync(connecting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"PostgreSQL did not answer within {connectTimeout.TotalSeconds:0} s.");
            }
        }

        await MigrateAsync(connection, cancellationToken);
    }

    /// <summary>
    /// A connection from the pool that answers. Npgsql hands out pooled connections without looking (by design, see
    /// npgsql/npgsql#5073), so after PostgreSQL restarts, every idle one is dead and the first command on each fails
    /// with 57P01 "terminating connection due to administrator command": a job would fail and wait for its retry. One
    /// round trip per open (a fraction of a millisecond beside the statements each use runs) finds a dead connection;
    /// the pool is then emptied of all its dead siblings at once and a new connection opened.
    /// </summary>
    private async Task<NpgsqlConnection> OpenLiveAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var probe = new NpgsqlCommand("SELECT 1", connection);
            await probe.ExecuteScalarAsync(cancellationToken);
            return connection;
        }
        catch (NpgsqlException) when (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.DisposeAsync();
            dataSource.Clear();
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await migrating.WaitAsync(cancellationToken);
        try
        {
            if (!migrated)
            {
                await migrations.ApplyAsync(connection, cancellationToken);
                migrated = true;
            }
        }
        finally
        {
            migrating.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        migrating.Dispose();
    }
}
