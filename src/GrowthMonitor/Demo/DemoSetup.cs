using GrowthMonitor.Configuration;
using GrowthMonitor.Presentation;
using GrowthMonitor.StatBank;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace GrowthMonitor.Demo;

public static class DemoSetup
{
    /// <summary>
    /// With <c>Demo:Enabled</c>, the Statistics Denmark client's network handler is replaced by
    /// <see cref="DemoStatBankHandler"/> (its retries, timeouts and parsing stay as in a normal run), the figures are
    /// credited as invented (<see cref="SourceCredit.Demo"/>), the catalog's manual indicators get the demo's figures
    /// (<see cref="DemoFigures"/>), and the service starts only on databases of the demo's own (<see cref="DemoDatabases"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<DemoOptions>(DemoOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<DemoOptions>, DemoDatabases>();
        // Read leniently here: a malformed value is reported with the other configuration errors at start.
        if (!bool.TryParse(builder.Configuration[$"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"], out var enabled) || !enabled)
        {
            builder.Services.AddSingleton(SourceCredit.Real);
            return builder;
        }

        builder.Services.AddSingleton(SourceCredit.Demo);
        // Post-configured, so it replaces the network handler whichever order the features were added in.
        builder.Services.PostConfigure<HttpClientFactoryOptions>(UniqueName.ForType<IStatBankApi>(), options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new DemoStatBankHandler()));
        builder.Services.AddHostedService<DemoBanner>();
        builder.Services.AddHostedService<DemoFigures>();
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
