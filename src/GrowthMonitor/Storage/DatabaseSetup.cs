using GrowthMonitor.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Storage;

public static partial class DatabaseSetup
{
    /// <summary>The exit code of a start that could not reach or upgrade PostgreSQL.</summary>
    public const int UnavailableExitCode = 3;

    /// <summary>
    /// How long the start waits for PostgreSQL before it gives up, with one line saying why: a server that answers at
    /// all does so in milliseconds, and the whole start, the process's own seconds included, must stop within 15 s.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The key of PostgreSQL's entry in <c>/health/ready</c>, named when it held only Hangfire's queue; monitors key on
    /// it, so it stays.
    /// </summary>
    public const string HealthCheckName = "hangfire-storage";

    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // Not strict about unknown keys: platforms put connection strings of their own into this section.
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddSingleton<SchemaMigrations>();
        builder.Services.AddSingleton<InfluxImport>();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<InfluxImport>().Migration);
        builder.Services.AddSingleton<ServiceDatabase>();
        // One instance, so that its connection pool lives as long as the service.
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(HealthCheckName, tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Reaches PostgreSQL and brings its schema up to date before anything else runs; false, after one line on
    /// standard error, when it cannot (a wrong password, a server that does not answer within <see cref="ConnectTimeout"/>,
    /// a schema newer than this release).
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<ServiceDatabase>();
        var logger = app.Services.GetRequiredService<ILogger<ServiceDatabase>>();
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.UsesAlias)
        {
            LogAlias(logger);
        }

        LogDatabase(logger, database.Description);
        try
        {
            await database.MigrateAsync(ConnectTimeout, app.Lifetime.ApplicationStopping);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or DatabaseSchemaException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"Cannot start: {database.Description}: {Reason(e)}");
            return false;
        }
    }

    private static string Reason(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.MessageText,
        TimeoutException or NpgsqlException { InnerException: TimeoutException } => $"no answer within {ConnectTimeout.TotalSeconds:0} s",
        NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message} ({inner.Message})",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConnectionStrings:Hangfire is read as ConnectionStrings:GrowthMonitor, its new name; rename the setting")]
    private static partial void LogAlias(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable state (job queue, ledger, notes, audit, run log, assessments): {Database}")]
    private static partial void LogDatabase(ILogger logger, string database);

    private sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// PostgreSQL answers: a connection opened and <c>SELECT 1</c> run within the check timeout, from a pool of its own
/// holding one connection, so that probes never take the connections the jobs need.
/// </summary>
public sealed class DatabaseHealthCheck(ServiceDatabase database) : IHealthCheck, IAsyncDisposable
{
    public const string ApplicationName = "growthmonitor health";

    private readonly NpgsqlDataSource probes = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString)
    {
        Pooling = true,
        MaxPoolSize = 1,
        Timeout = (int)HealthSetup.CheckTimeout.TotalSeconds,
        CommandTimeout = (int)HealthSetup.CheckTimeout.TotalSeconds,
        ApplicationName = ApplicationName,
    });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthSetup.CheckTimeout);
        try
        {
            await using var command = probes.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{database.Description} answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} did not answer within {HealthSetup.CheckTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} is unreachable: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => probes.DisposeAsync();
}
