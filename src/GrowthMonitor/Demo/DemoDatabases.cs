using GrowthMonitor.Influx;
using GrowthMonitor.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Demo;

/// <summary>
/// The demo writes invented figures, notes, audit entries and alerts, so it runs only on databases of its own: with
/// <c>Demo:Enabled</c> the PostgreSQL database and the InfluxDB database must both have names ending in
/// <see cref="NameEnding"/> (<c>scripts/run demo</c> uses <c>growthmonitor_demo</c> for both). Demo mode switched on
/// by mistake beside the real connection strings stops the start, one line per database, before anything is written.
/// </summary>
public sealed class DemoDatabases(IConfiguration configuration) : IValidateOptions<DemoOptions>
{
    public const string NameEnding = "demo";

    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> problems = [];
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // A connection string that cannot be read is reported by the database's own check.
        if (database.ConnectionString is { } connectionString && TryReadDatabase(connectionString, out var postgres) && !IsDemo(postgres))
        {
            var key = $"{DatabaseOptions.SectionName}:{(database.UsesAlias ? nameof(DatabaseOptions.Hangfire) : nameof(DatabaseOptions.GrowthMonitor))}";
            problems.Add(Problem(key, $"names database '{postgres}'"));
        }

        var influxKey = $"{InfluxOptions.SectionName}:{nameof(InfluxOptions.Database)}";
        var influx = configuration[influxKey] ?? new InfluxOptions().Database;
        if (!IsDemo(influx))
        {
            problems.Add(Problem(influxKey, $"is '{influx}'"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsDemo(string? database) => database?.EndsWith(NameEnding, StringComparison.OrdinalIgnoreCase) == true;

    private static bool TryReadDatabase(string connectionString, out string? database)
    {
        try
        {
            database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            return true;
        }
        catch (ArgumentException)
        {
            database = null;
            return false;
        }
    }

    private static string Problem(string key, string what) =>
        $"{key}: {what}, but Demo:Enabled runs only on databases of the demo's own, whose names end in '{NameEnding}' (scripts/run demo uses growthmonitor_demo), so that its invented figures, notes and alerts never mix with real ones";
}
