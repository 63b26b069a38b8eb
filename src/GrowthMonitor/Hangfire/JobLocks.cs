using GrowthMonitor.Storage;
using Npgsql;

namespace GrowthMonitor.Hangfire;

/// <summary>
/// Named locks that keep two runs of one thing (an indicator's ingestion, an evaluation) apart across processes:
/// session advisory locks in PostgreSQL held on a connection of their own, so a process that dies releases them at
/// once instead of leaving a lock row to expire.
/// </summary>
public sealed class JobLocks(ServiceDatabase database)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The lock, or null when another run still held it after <paramref name="wait"/>.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken cancellationToken)
    {
        var key = "growthmonitor:" + name;
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!await AdvisoryAsync(connection, "pg_try_advisory_lock", key, cancellationToken))
            {
                if (waited.Elapsed >= wait)
                {
                    await connection.DisposeAsync();
                    return null;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }

            return new Release(async () =>
            {
                // A pooled connection outlives this use, so the lock is released explicitly; a process that dies
                // closes its sessions, which releases their locks.
                try
                {
                    await AdvisoryAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The session is gone (a restarted server), and its lock with it: the work it guarded is done.
                }
                finally
                {
                    await connection.DisposeAsync();
                }
            });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string function, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtext(@key))", connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
