using Hangfire;
using Hangfire.Common;

namespace GrowthMonitor.Hangfire;

/// <summary>A job type's retries as configuration sets them, registered with <see cref="JobRetries.AddJobRetries{TJob}"/>.</summary>
public sealed record JobRetryPolicy(Type JobType, AutomaticRetryAttribute Retry);

/// <summary>
/// Retries whose waits come from configuration. Hangfire reads <see cref="AutomaticRetryAttribute"/> from a job's
/// method, fixed when it is compiled; a policy registered here is built from the options instead, so an operator can
/// change the waits and a fault test need not sit through minutes of production backoff. It takes the place of
/// Hangfire's global default (ten attempts) for that job type.
/// </summary>
public static class JobRetries
{
    public static IServiceCollection AddJobRetries<TJob>(this IServiceCollection services, Func<IServiceProvider, AutomaticRetryAttribute> retry) =>
        services.AddSingleton(provider => new JobRetryPolicy(typeof(TJob), retry(provider)));

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
            job is null ? [] : [.. policies.Where(p => p.JobType == job.Type).Select(p => new JobFilter(p.Retry, JobFilterScope.Method, order: null))];
    }
}
