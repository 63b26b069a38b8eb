using GrowthMonitor.Configuration;
using GrowthMonitor.StatBank;
using Microsoft.Extensions.Http;
using Refit;

namespace GrowthMonitor.Demo;

public static class DemoSetup
{
    /// <summary>
    /// With <c>Demo:Enabled</c>, the Statistics Denmark client's network handler is replaced by
    /// <see cref="DemoStatBankHandler"/>; its retries, timeouts and parsing stay as in a normal run.
    /// </summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DemoOptions>(DemoOptions.SectionName);
        // Read leniently here: a malformed value is reported with the other configuration errors at start.
        if (!bool.TryParse(builder.Configuration[$"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"], out var enabled) || !enabled)
        {
            return builder;
        }

        // Post-configured, so it replaces the network handler whichever order the features were added in.
        builder.Services.PostConfigure<HttpClientFactoryOptions>(UniqueName.ForType<IStatBankApi>(), options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new DemoStatBankHandler()));
        builder.Services.AddHostedService<DemoBanner>();
        return builder;
    }
}

/// <summary>Says at start, loudly, that the figures are the bundled sample and not Statistics Denmark's.</summary>
public sealed partial class DemoBanner(ILogger<DemoBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDemo();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "DEMO MODE (Demo:Enabled): Statistics Denmark is not contacted; its answers come from the bundled synthetic sample " +
        "(src/GrowthMonitor/Demo/StatBank). Every figure, status and report is invented. Leave Demo:Enabled unset for real data.")]
    private partial void LogDemo();
}
