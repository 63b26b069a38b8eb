using GrowthMonitor.Configuration;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Ingestion;

namespace GrowthMonitor.Targets;

public static class TargetsSetup
{
    public static IHostApplicationBuilder AddTargets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EvaluationOptions>(EvaluationOptions.SectionName);
        builder.Services.AddSingleton<AssessmentStore>();
        builder.Services.AddSingleton<GoalStore>();
        builder.Services.AddSingleton<TargetGoals>();
        builder.Services.AddSingleton<AssessmentProjection>();
        builder.Services.AddSingleton<AssessmentCache>();
        builder.Services.AddHostedService<AssessmentWatcher>();
        builder.Services.AddTransient<TargetJudge>();
        builder.Services.AddTransient<EvaluationJob>();
        builder.Services.AddJobRetries<EvaluationJob, EvaluationOptions>(options => options.Retries);
        builder.Services.AddSingleton<EvaluateAfterIngest>();
        builder.Services.AddSingleton<IIngestFollowUp>(services => services.GetRequiredService<EvaluateAfterIngest>());
        builder.Services.AddSingleton<IIngestFailureFollowUp>(services => services.GetRequiredService<EvaluateAfterIngest>());
        builder.Services.AddJobSchedule<EvaluationSchedule>();
        builder.Services.AddOutputCache(cache => cache.AddPolicy(AssessmentCache.Policy, policy => policy
            .Tag(AssessmentCache.Policy)
            .SetVaryByHeader("Accept")
            // The key names the assessments a request starts from: a response rendered from older assessments while a
            // run refreshes them reaches the cache after the run's eviction, but only under the older key.
            .VaryByValue(context => new(AssessmentCache.Policy, context.RequestServices.GetRequiredService<AssessmentCache>().Generation))
            // Evicted when a run stores new results; the expiry only bounds what an idle entry costs.
            .Expire(TimeSpan.FromHours(1))));
        return builder;
    }
}
