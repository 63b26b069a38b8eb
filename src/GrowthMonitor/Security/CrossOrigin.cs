using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

public static class CrossOrigin
{
    public static IHostApplicationBuilder AddCrossOrigin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CrossOriginOptions>(CrossOriginOptions.SectionName);
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, configured) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. configured.Value.AllowedOrigins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("Accept", "Content-Type", ApiKeys.HeaderName)
                .WithExposedHeaders("Content-Disposition", "ETag", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }
}
