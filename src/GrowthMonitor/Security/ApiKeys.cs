using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using GrowthMonitor.Configuration;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Security;

/// <summary>Configuration section <c>Security</c>.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    public const int MinimumKeyLength = 16;

    /// <summary>Keys accepted in the <c>X-Api-Key</c> header by endpoints that change state. None: those endpoints are refused.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ApiKeys.Select((key, index) => (key, index))
            .Where(k => (k.key?.Trim().Length ?? 0) < MinimumKeyLength)
            .Select(k => new ValidationResult($"must be at least {MinimumKeyLength} characters (generate one with: openssl rand -hex 24)", [$"{nameof(ApiKeys)}:{k.index}"]));
}

public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SecurityOptions>(SecurityOptions.SectionName);
        return builder;
    }

    /// <summary>
    /// Operator endpoints (those that change state) need a configured key in <c>X-Api-Key</c>. The
    /// <see cref="ApiKeyRequirement"/> metadata puts the key into the endpoint's OpenAPI description.
    /// </summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRequirement.Instance)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.ApiKeys;
            if (keys.Count == 0)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Operator endpoints are disabled",
                    detail: $"No keys are configured in {SecurityOptions.SectionName}:ApiKeys, so endpoints that change state are refused.");
            }

            var given = context.HttpContext.Request.Headers[HeaderName].ToString();
            if (!keys.Any(key => Matches(key, given)))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Missing or wrong API key",
                    detail: $"Send a key from {SecurityOptions.SectionName}:ApiKeys in the {HeaderName} header.");
            }

            return await next(context);
        });

    /// <summary>Compares hashes in constant time, so response timing says nothing about a key's characters or length.</summary>
    private static bool Matches(string configured, string given) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured.Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}

/// <summary>Endpoint metadata: the endpoint answers 401 without a valid <c>X-Api-Key</c> and 403 when no key is configured.</summary>
public sealed class ApiKeyRequirement
{
    public static readonly ApiKeyRequirement Instance = new();

    private ApiKeyRequirement()
    {
    }
}
