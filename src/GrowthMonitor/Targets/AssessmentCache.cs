using GrowthMonitor.Catalog;
using GrowthMonitor.Core;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Targets;

/// <summary>
/// The stored assessments in memory, so that reads never judge and rarely touch InfluxDB. A run refreshes it (and
/// drops the cached responses) before it completes; <see cref="AssessmentWatcher"/> picks up runs of other instances.
/// </summary>
public sealed partial class AssessmentCache(AssessmentStore store, TargetNotes notes, GoalStore goals, IOutputCacheStore responses, ILogger<AssessmentCache> logger)
{
    /// <summary>The output-cache policy and tag of every response built from the assessments.</summary>
    public const string Policy = "assessments";

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile AssessmentSnapshot? current;

    /// <summary>The generation every reader now sees; empty before the assessments are first read.</summary>
    public string Generation => current?.Generation ?? "";

    public async ValueTask<AssessmentSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } snapshot)
        {
            return snapshot;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            return current ??= await ReadAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Reads what the latest run stored and drops every cached response, so no read shows anything older.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => ReplaceAsync(_ => ReadAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Shows what a run of this process just stored to every reader, as <see cref="RefreshAsync"/> does, without reading
    /// its assessments back: when the snapshot held is of the run stored just before it, nothing else can have changed
    /// them, so the run's own are laid over it; only the notes and goals, which change between runs, are read. Otherwise
    /// (another instance's run came between, or nothing was read yet) everything is read.
    /// </summary>
    public Task StoredAsync(StoredRun stored, IReadOnlyList<(CatalogTarget Target, TargetAssessment Assessment)> assessments, CancellationToken cancellationToken) =>
        ReplaceAsync(
            async snapshot => snapshot is not null && snapshot.Run?.Time == stored.Previous
                ? await WithNotesAndGoalsAsync(snapshot.After(stored, assessments), cancellationToken)
                : await ReadAsync(cancellationToken),
            cancellationToken);

    /// <summary>Refreshes when a run, a note or a goal (of any instance) stored something this process has not read yet.</summary>
    public async Task RefreshIfNewerAsync(CancellationToken cancellationToken)
    {
        var latest = await store.LastRunAsync(cancellationToken);
        if (current is null || latest?.Time != current.Run?.Time || await notes.LatestIdAsync(cancellationToken) != current.LatestNoteId
            || await goals.LatestIdAsync(cancellationToken) != current.Goals.LatestId)
        {
            await RefreshAsync(cancellationToken);
        }
    }

    /// <summary>Shows a note just stored to every reader at once, without reading the assessments again.</summary>
    public async Task AddNoteAsync(TargetNote note, CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (current is { } snapshot)
            {
                current = snapshot.WithNotes([.. snapshot.Notes.Where(n => n.Id != note.Id).Append(note).OrderBy(n => n.Id)]);
            }
        }
        finally
        {
            loading.Release();
        }

        await responses.EvictByTagAsync(Policy, cancellationToken);
    }

    /// <summary>Shows goals just set to every reader at once, reading the goals (one query) but not the assessments again.</summary>
    public async Task GoalsChangedAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (current is { } snapshot)
            {
                current = snapshot.WithGoals(await goals.ReadAsync(cancellationToken));
            }
        }
        finally
        {
            loading.Release();
        }

        await responses.EvictByTagAsync(Policy, cancellationToken);
    }

    /// <summary>Puts the snapshot <paramref name="next"/> makes of the one held in its place and drops every cached response.</summary>
    private async Task ReplaceAsync(Func<AssessmentSnapshot?, Task<AssessmentSnapshot>> next, CancellationToken cancellationToken)
    {
        AssessmentSnapshot replaced;
        await loading.WaitAsync(cancellationToken);
        try
        {
            current = replaced = await next(current);
        }
        finally
        {
            loading.Release();
        }

        await responses.EvictByTagAsync(Policy, cancellationToken);
        LogRefreshed(replaced.Generation);
    }

    private async Task<AssessmentSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        await WithNotesAndGoalsAsync(await store.ReadAsync(cancellationToken), cancellationToken);

    private async Task<AssessmentSnapshot> WithNotesAndGoalsAsync(AssessmentSnapshot snapshot, CancellationToken cancellationToken) =>
        snapshot.WithNotes(await notes.OfAsync(null, cancellationToken)).WithGoals(await goals.ReadAsync(cancellationToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Assessments refreshed to generation {Generation}")]
    private partial void LogRefreshed(string generation);
}

/// <summary>Looks for evaluation runs of other instances sharing the InfluxDB, every <see cref="EvaluationOptions.RefreshInterval"/>.</summary>
public sealed partial class AssessmentWatcher(AssessmentCache cache, IOptions<EvaluationOptions> options, TimeProvider time, ILogger<AssessmentWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await cache.RefreshIfNewerAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Readers keep the assessments they have; /health/ready reports InfluxDB itself.
                LogUnavailable(e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not look for newer evaluation runs: {Reason}")]
    private partial void LogUnavailable(string reason);
}
