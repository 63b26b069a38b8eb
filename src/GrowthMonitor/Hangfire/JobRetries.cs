using System.ComponentModel.DataAnnotations;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Hangfire;

/// <summary>
/// A job's retries as configuration sets them, registered with <see cref="JobRetries.AddJobRetries{TJob}"/>: for every
/// method of <see cref="JobType"/>, or for the one named <see cref="Method"/>.
/// </summary>
public sealed record JobRetryPolicy(Type JobType, AutomaticRetryAttribute Retry, string? Method = null)
{
    public bool AppliesTo(Job job) => job.Type == JobType && (Method is null || job.Method.Name == Method);
}

/// <summary>
/// Retries whose waits come from configuration. Hangfire reads <see cref="AutomaticRetryAttribute"/> from a job's
/// method, fixed when it is compiled; a policy registered here is built from the options instead, so an operator can
/// change the waits and a fault test need not sit through minutes of production backoff. It takes the place of
/// Hangfire's global default (ten attempts) for that job. Every job of the service has one (docs/retries.md).
/// </summary>
public static class JobRetries
{
    /// <summary>Retries for <typeparamref name="TJob"/>: all its methods, or only <paramref name="method"/> (use <c>nameof</c>).</summary>
    public static IServiceCollection AddJobRetries<TJob>(this IServiceCollection services, Func<IServiceProvider, AutomaticRetryAttribute> retry, string? method = null) =>
        services.AddSingleton(provider => new JobRetryPolicy(typeof(TJob), retry(provider), method));

    /// <summary>
    /// Retries for <typeparamref name="TJob"/> after the waits its options give (<see cref="RetryDelaysAttribute"/>), with
    /// Hangfire's other defaults.
    /// </summary>
    public static IServiceCollection AddJobRetries<TJob, TOptions>(this IServiceCollection services, Func<TOptions, IReadOnlyList<TimeSpan>> delays, string? method = null)
        where TOptions : class =>
        services.AddJobRetries<TJob>(provider => new AutomaticRetryAttribute().WithDelays(delays(provider.GetRequiredService<IOptions<TOptions>>().Value)), method);

    /// <summary>As many retries as <paramref name="delays"/>, each after its wait (Hangfire counts whole seconds, rounded up).</summary>
    public static AutomaticRetryAttribute WithDelays(this AutomaticRetryAttribute retry, IReadOnlyList<TimeSpan> delays)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(delays);
        retry.Attempts = delays.Count;
        // Hangfire refuses an empty list of delays; with no attempts it reads none.
        if (delays.Count > 0)
        {
            retry.DelaysInSeconds = [.. delays.Select(delay => (int)Math.Ceiling(delay.TotalSeconds))];
        }

        return retry;
    }

    /// <summary>
    /// Hangfire's own filters (global ones and attributes) and the registered policies, for every part of Hangfire in
    /// this host: client, workers and state changes all ask the container for the provider that AddHangfire would
    /// otherwise register as the static <see cref="JobFilterProviders.Providers"/>.
    /// </summary>
    internal static IServiceCollection AddJobRetryPolicies(this IServiceCollection services) =>
        services.AddSingleton<IJobFilterProvider>(provider =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new Policies([.. provider.GetServices<JobRetryPolicy>()])));

    private sealed class Policies(IReadOnlyList<JobRetryPolicy> policies) : IJobFilterProvider
    {
        // At method scope, so that a policy wins over the global default retry when Hangfire keeps one filter per type.
        public IEnumerable<JobFilter> GetFilters(Job job) =>
            job is null ? [] : [.. policies.Where(p => p.AppliesTo(job)).Select(p => new JobFilter(p.Retry, JobFilterScope.Method, order: null))];
    }
}

/// <summary>
/// A job's retry waits (<c>Section:RetryDelays:0</c>, <c>…:1</c>, …): as many retries as waits, at most ten, each from a
/// second (Hangfire's unit) to a day.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RetryDelaysAttribute() : ValidationAttribute("at most 10 waits, each from 00:00:01 to 1.00:00:00")
{
    public const int MaxRetries = 10;

    public override bool IsValid(object? value) =>
        value is not TimeSpan[] delays
        || (delays.Length <= MaxRetries && delays.All(delay => delay >= TimeSpan.FromSeconds(1) && delay <= TimeSpan.FromDays(1)));
}
