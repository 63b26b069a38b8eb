using System.Collections.Concurrent;
using GrowthMonitor.Configuration;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Catalog;

public static class CatalogSetup
{
    /// <summary>
    /// Loads the catalog once and checks it when the service starts: a broken catalog stops the service with one
    /// line per problem. Edits take effect on restart, which also updates the schedules.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CatalogFiles>();
        builder.Services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogValidator>();
        builder.Services.AddValidatedOptions<CatalogOptions>(CatalogOptions.SectionName);
        builder.Services.AddSingleton(provider =>
            provider.GetRequiredService<CatalogFiles>().Load(provider.GetRequiredService<IOptions<CatalogOptions>>().Value.ResolvedPath).Catalog
            ?? throw new InvalidOperationException("The catalog is invalid; see the configuration errors."));
        builder.Services.AddHostedService<CatalogStartupReport>();
        return builder;
    }

    /// <summary>Remembers each file's load result, so validation and use read the file once.</summary>
    public sealed class CatalogFiles
    {
        private readonly ConcurrentDictionary<string, CatalogLoadResult> loaded = new(StringComparer.Ordinal);

        public CatalogLoadResult Load(string path) => loaded.GetOrAdd(path, CatalogLoader.Load);
    }

    private sealed class CatalogValidator(CatalogFiles files) : IValidateOptions<CatalogOptions>
    {
        public ValidateOptionsResult Validate(string? name, CatalogOptions options) =>
            files.Load(options.ResolvedPath).Problems is [_, ..] problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>Says at start how the catalog was read where it could mean two things.</summary>
public sealed partial class CatalogStartupReport(GrowthCatalog catalog, ILogger<CatalogStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var note in catalog.Notes)
        {
            LogNote(note);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Note}")]
    private partial void LogNote(string note);
}
