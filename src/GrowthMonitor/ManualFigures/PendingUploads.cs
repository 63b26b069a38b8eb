using System.Text.Json;
using GrowthMonitor.Access;
using GrowthMonitor.Core;
using GrowthMonitor.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GrowthMonitor.ManualFigures;

/// <summary>An upload read and checked, waiting for its owner to confirm the preview.</summary>
public sealed record PendingUpload(string Indicator, string Owner, string FileName, IReadOnlyList<ManualValue> Figures, DateTimeOffset ExpiresAt);

/// <summary>
/// Uploads waiting between the preview and the confirmation, in PostgreSQL (<c>growthmonitor.pending_uploads</c>): the
/// confirm form carries only a random id, so the figures written are those the service read and showed, whatever the
/// browser posts, and any instance behind the load balancer can confirm them. An id is good for its owner and indicator
/// only, for <see cref="Lifetime"/>.
/// </summary>
public sealed class PendingUploads(ServiceDatabase database, TimeProvider time)
{
    /// <summary>How long a preview may be confirmed: long enough to check it against one's own notes, short enough to be today's.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Keeps an upload whose every row is good; its id, for the confirm form. Expired uploads go at the same time.</summary>
    public async Task<string> SaveAsync(string indicator, string owner, string fileName, IReadOnlyList<ManualValue> figures, CancellationToken cancellationToken)
    {
        var (id, hash) = Tokens.New();
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM growthmonitor.pending_uploads WHERE expires_at < @now") { Parameters = { new("now", now.UtcDateTime) } },
                new NpgsqlBatchCommand(
                    """
                    INSERT INTO growthmonitor.pending_uploads (id_hash, indicator, owner, file_name, figures, created_at, expires_at)
                    VALUES (@hash, @indicator, @owner, @fileName, @figures, @now, @expires)
                    """)
                {
                    Parameters =
                    {
                        new("hash", hash), new("indicator", indicator), new("owner", owner), new("fileName", fileName),
                        new("figures", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(figures.Select(f => new StoredFigure(f.Area, f.Period.ToString(), f.Value, f.Where)), JsonSerializerOptions.Web) },
                        new("now", now.UtcDateTime), new("expires", (now + Lifetime).UtcDateTime),
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>The owner's upload of this indicator by its id; null when there is none, it is someone else's, or it expired.</summary>
    public async Task<PendingUpload?> FindAsync(string id, string indicator, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT file_name, figures::text, expires_at FROM growthmonitor.pending_uploads
            WHERE id_hash = @hash AND indicator = @indicator AND owner = @owner AND expires_at >= @now
            """, connection);
        query.Parameters.AddWithValue("hash", Tokens.Hash(id));
        query.Parameters.AddWithValue("indicator", indicator);
        query.Parameters.AddWithValue("owner", owner);
        query.Parameters.AddWithValue("now", time.GetUtcNow().UtcDateTime);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var figures = JsonSerializer.Deserialize<StoredFigure[]>(reader.GetString(1), JsonSerializerOptions.Web) ?? [];
        return new PendingUpload(indicator, owner, reader.GetString(0), [.. figures.Select(f => new ManualValue(f.Area, Period.Parse(f.Period), f.Value, f.Where))],
            new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)));
    }

    /// <summary>Forgets an upload once it is written: a second press of the button finds nothing to confirm.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM growthmonitor.pending_uploads WHERE id_hash = @hash", connection);
        delete.Parameters.AddWithValue("hash", Tokens.Hash(id));
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record StoredFigure(string Area, string Period, double Value, string Where);
}
