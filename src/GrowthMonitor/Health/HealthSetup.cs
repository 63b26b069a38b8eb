using System.Text.Json;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Health;

public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Health checks whose results are cached (<see cref="HealthProbeCache"/>), whoever registers them.</summary>
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        builder.Services.AddValidatedOptions<HealthOptions>(HealthOptions.SectionName);
        builder.Services.AddSingleton<HealthProbeCache>();
        builder.Services.AddOptions<HealthCheckServiceOptions>().PostConfigure<HealthProbeCache>((options, cache) =>
        {
            foreach (var registration in options.Registrations)
            {
                var name = registration.Name;
                var create = registration.Factory;
                registration.Factory = services => new CachedHealthCheck(name, () => create(services), cache);
            }
        });
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: InfluxDB and the job storage answer. Neither is
    /// rate limited: they are cheap, and a monitor must never mistake a 429 for "down".
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReport }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReport }).DisableRateLimiting();
        return app;
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthResponse(
            report.Status.ToString(),
            [.. report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key)],
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds)));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJsonContext.Default.HealthResponse, context.RequestAborted);
    }
}

/// <summary>
/// The last result of each health check, reused for <c>Health:CacheDuration</c>; callers that arrive while a probe
/// runs wait for that probe instead of starting their own. A burst of readiness requests therefore costs each
/// dependency at most one probe per interval, and probes never compete with the work for connections.
/// </summary>
public sealed class HealthProbeCache(TimeProvider time, IOptions<HealthOptions> options)
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public Task<HealthCheckResult> GetAsync(string check, Func<Task<HealthCheckResult>> probe)
    {
        lock (entries)
        {
            if (entries.TryGetValue(check, out var last) && last.Probe is { } reused
                && (!reused.IsCompleted || (last.CompletedAt is { } completed && time.GetElapsedTime(completed) < options.Value.CacheDuration)))
            {
                return reused;
            }

            var entry = new Entry();
            entries[check] = entry;
            var started = RunAsync(entry, probe);
            entry.Probe = started;
            return started;
        }
    }

    private async Task<HealthCheckResult> RunAsync(Entry entry, Func<Task<HealthCheckResult>> probe)
    {
        try
        {
            // Yield first, so the probe never runs inside the lock of the caller that started it.
            await Task.Yield();
            return await probe();
        }
        finally
        {
            lock (entries)
            {
                entry.CompletedAt = time.GetTimestamp();
            }
        }
    }

    private sealed class Entry
    {
        public Task<HealthCheckResult>? Probe { get; set; }

        public long? CompletedAt { get; set; }
    }
}

/// <summary>A registered health check seen through <see cref="HealthProbeCache"/>; the probe runs for no one caller, so no caller's cancellation stops it.</summary>
internal sealed class CachedHealthCheck(string name, Func<IHealthCheck> create, HealthProbeCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(name, () => create().CheckHealthAsync(context, CancellationToken.None)).WaitAsync(cancellationToken);
}

public sealed record HealthResponse(string Status, IReadOnlyList<string> Down, IReadOnlyDictionary<string, HealthEntry> Checks);

public sealed record HealthEntry(string Status, string? Description, double DurationMs);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthResponse))]
internal sealed partial class HealthJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
