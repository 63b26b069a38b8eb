using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Configuration;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a configuration section and validates it when the service starts, reporting each problem with its full
    /// configuration key; an unknown key is one of the problems, so a typo never silently falls back to a default.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(provider => new SectionValidator<TOptions>(section, provider.GetRequiredService<IConfiguration>()));
        // Not the binder's ErrorOnUnknownConfiguration: its exception stops the check of every other section, and its
        // message names neither the full key nor the keys that would have been right.
        return services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }

    private sealed class SectionValidator<TOptions>(string section, IConfiguration configuration) : IValidateOptions<TOptions>
        where TOptions : class
    {
        /// <summary>The keys the binder sets: the public settable properties.</summary>
        private static readonly string[] Settings = [.. typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal)];

        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var context = new ValidationContext(options);
            var results = new List<ValidationResult>();
            // The validator skips IValidatableObject once an attribute fails; run it anyway so every problem shows at once
            // (and only once: when no attribute failed, the validator has run it already).
            if (!Validator.TryValidateObject(options, context, results, validateAllProperties: true) && options is IValidatableObject validatable)
            {
                results.AddRange(validatable.Validate(context));
            }

            var problems = UnknownKeys()
                .Concat(results.Select(r => $"{string.Join(", ", r.MemberNames.DefaultIfEmpty("").Select(m => $"{section}:{m}"))}: {r.ErrorMessage}"))
                .Distinct()
                .ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        private IEnumerable<string> UnknownKeys() =>
            configuration.GetSection(section).GetChildren()
                .Where(child => !Settings.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                .Select(child => $"{child.Path}: no such setting in {section}; its settings are {string.Join(", ", Settings)}");
    }
}
