using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>
/// Configuration section <c>Cors</c>: web pages on other origins that may call the API from a browser. None by default:
/// browsers then refuse to let another site's script read the API's answers.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>Origins such as <c>https://intranet.horsens.dk</c> (scheme, host and port; no path).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ListValidation.Invalid(AllowedOrigins, nameof(AllowedOrigins), IsOrigin, "is not an origin such as https://intranet.example.dk (scheme, host and port; no path or trailing slash)");

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/" && !origin.EndsWith('/');
}

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
