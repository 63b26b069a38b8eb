using GrowthMonitor.Health;
using GrowthMonitor.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrowthMonitor;

public static class ServiceDefaults
{
    /// <summary>Where the service listens when nothing says otherwise: loopback, so a first run exposes nothing.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>What every feature relies on: the clock, health checks, ProblemDetails for every error, OpenAPI.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        if (ListensOnDefault(builder.Configuration))
        {
            builder.Configuration["urls"] = DefaultUrl;
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

    /// <summary>
    /// Whether the configuration leaves the listen address to the service (<see cref="DefaultUrl"/>): ASPNETCORE_URLS,
    /// --urls, Urls, ASPNETCORE_HTTP_PORTS/HTTPS_PORTS and Kestrel:Endpoints all win over the default.
    /// </summary>
    public static bool ListensOnDefault(IConfiguration configuration) =>
        new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(configuration[key]))
        && !configuration.GetSection("Kestrel:Endpoints").Exists();
}
