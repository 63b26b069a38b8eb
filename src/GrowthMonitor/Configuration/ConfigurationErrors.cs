using Microsoft.Extensions.Options;

namespace GrowthMonitor.Configuration;

/// <summary>Turns start-up configuration failures into one line per problem instead of a stack trace.</summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    /// <summary>
    /// Validates every options class registered with ValidateOnStart before anything resolves them (the Hangfire
    /// dashboard mapping already does), and writes each problem on its own line. Returns whether there were any.
    /// </summary>
    public static bool ReportConfigurationErrors(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return false;
        }
        catch (Exception e) when (Problems(e) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"Configuration error: {problem}");
            }

            return true;
        }
    }

    private static IReadOnlyList<string> Problems(Exception exception) => exception switch
    {
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Problems)],
        OptionsValidationException validation => validation.Failures.ToList(),
        // The binder's own message names the key, e.g. "Failed to convert configuration value at 'Influx:BatchSize' …".
        InvalidOperationException binding when binding.StackTrace?.Contains("Microsoft.Extensions.Configuration.ConfigurationBinder", StringComparison.Ordinal) == true => [binding.Message],
        _ => [],
    };
}
