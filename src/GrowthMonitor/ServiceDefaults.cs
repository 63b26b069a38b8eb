using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrowthMonitor;

public static class ServiceDefaults
{
    /// <summary>What every feature relies on: the clock, health checks and ProblemDetails for every error.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
