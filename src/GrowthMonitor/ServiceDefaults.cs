using GrowthMonitor.Health;
using GrowthMonitor.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrowthMonitor;

public static class ServiceDefaults
{
    /// <summary>What every feature relies on: the clock, health checks, ProblemDetails for every error, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        if (ListenAddress.IsDefault(builder.Configuration))
        {
            builder.Configuration["urls"] = ListenAddress.Default;
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddHealth();
        // Writers are asked in the order they are added: a browser's page before the default JSON writer, and JSON
        // for any other client after it.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemPageForBrowsers>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();
        builder.Services.AddExceptionHandler<StorageExceptionHandler>();
        builder.Services.AddExceptionHandler<RefusedRequestHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }
}
