using GrowthMonitor.Ingestion;
using GrowthMonitor.Reports;
using GrowthMonitor.Storage;

namespace GrowthMonitor.Targets;

public static class TargetsSetup
{
    public static IHostApplicationBuilder AddTargets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SeriesStore>();
        builder.Services.AddSingleton<TargetEvaluations>();
        builder.Services.AddSingleton<TargetStatusStore>();
        builder.Services.AddSingleton<TargetEvaluationRunner>();
        builder.Services.AddSingleton<AnnualReportBuilder>();
        builder.Services.AddTransient<EvaluateJob>();
        builder.Services.AddSingleton<IIngestFollowUp, EvaluateAfterIngest>();
        builder.Services.AddHostedService<EvaluationSchedule>();
        return builder;
    }
}
