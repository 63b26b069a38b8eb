using GrowthMonitor.Configuration;
using GrowthMonitor.Hangfire;
using GrowthMonitor.StatBank;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace GrowthMonitor.Ingestion;

public static class IngestionSetup
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        // Bound like every other section (an unknown key is an error); the client adds its own checks of the values.
        builder.Services.AddValidatedOptions<StatBankOptions>(StatBankOptions.SectionName);
        builder.Services.AddStatBankClient();
        builder.Services.AddValidatedOptions<IngestionOptions>(IngestionOptions.SectionName);
        builder.Services.AddResiliencePipeline(IndicatorIngestor.StreamPipeline, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<IngestionOptions>>().Value;
            if (options.StreamRetries > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions
                {
                    // Only a body that broke mid-read: the StatBank client's handler has retried everything else.
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(StatBankTransientErrors.IsBrokenBody),
                    MaxRetryAttempts = options.StreamRetries,
                    Delay = options.StreamRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            }
        });
        builder.Services.AddSingleton<IngestRuns>();
        builder.Services.AddSingleton<IndicatorIngestor>();
        builder.Services.AddTransient<IngestJob>();
        builder.Services.AddJobRetries<IngestJob>(provider => IngestJob.Retry(provider.GetRequiredService<IOptions<IngestionOptions>>().Value));
        builder.Services.AddTransient<PublicationWatchJob>();
        builder.Services.AddJobRetries<PublicationWatchJob, IngestionOptions>(options => options.WatchRetryDelays);
        builder.Services.AddJobSchedule<IngestSchedule>();
        return builder;
    }
}
