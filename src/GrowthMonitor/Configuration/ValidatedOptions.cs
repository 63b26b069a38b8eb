using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Configuration;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a configuration section (unknown keys are errors, so a typo never silently falls back to a default)
    /// and validates it when the service starts, reporting each problem with its full configuration key.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new DataAnnotationsSectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>()
            .BindConfiguration(section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
    }

    private sealed class DataAnnotationsSectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
        where TOptions : class
    {
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

            var problems = results.Select(r => $"{string.Join(", ", r.MemberNames.DefaultIfEmpty("").Select(m => $"{section}:{m}"))}: {r.ErrorMessage}").Distinct().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
