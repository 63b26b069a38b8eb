using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrowthMonitor;

public static class ServiceDefaults
{
    /// <summary>What every feature relies on: the clock, health checks, ProblemDetails for every error, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
