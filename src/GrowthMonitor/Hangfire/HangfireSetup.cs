using System.ComponentModel.DataAnnotations;
using GrowthMonitor.Configuration;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GrowthMonitor.Hangfire;

/// <summary>Hangfire with PostgreSQL storage when <c>ConnectionStrings:Hangfire</c> is set, in memory otherwise.</summary>
public static class HangfireSetup
{
    public const string ConnectionStringName = "Hangfire";

    public const string DashboardPath = "/hangfire";

    public static IHostApplicationBuilder AddHangfireJobs(this IHostApplicationBuilder builder)
    {
        // Storage is chosen when the container is built, so configuration added by hosts and tests is honoured.
        builder.Services.AddOptions<JobStorageOptions>()
            .BindConfiguration("ConnectionStrings")
            .Validate(o => JobStorageOptions.IsValid(o.Hangfire), "ConnectionStrings:Hangfire: is not a valid PostgreSQL connection string (e.g. Host=127.0.0.1;Port=5432;Username=growthmonitor;Password=…;Database=growthmonitor)")
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => JobStorageChoice.From(provider.GetRequiredService<IOptions<JobStorageOptions>>().Value.Hangfire));
        builder.Services.AddHangfire((provider, configuration) =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var storage = provider.GetRequiredService<JobStorageChoice>();
            if (storage.ConnectionString is null)
            {
                configuration.UseInMemoryStorage();
            }
            else
            {
                var hangfire = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
                configuration.UsePostgreSqlStorage(
                    options => options.UseNpgsqlConnection(storage.ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        PrepareSchemaIfNecessary = true,
                        SchemaName = "hangfire",
                        // A running job keeps its claim alive; a job whose process died is fetched again after the
                        // invisibility timeout, instead of the 30 minutes a fixed timeout needs to cover long jobs.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = hangfire.InvisibilityTimeout,
                        QueuePollInterval = hangfire.QueuePollInterval,
                    });
            }
        });
        builder.Services.AddJobRetryPolicies();
        builder.Services.AddValidatedOptions<HangfireOptions>(HangfireOptions.SectionName);
        builder.Services.AddHangfireServer((provider, server) =>
        {
            server.ServerName = $"growthmonitor:{Environment.MachineName}:{Environment.ProcessId}";
            server.SchedulePollingInterval = provider.GetRequiredService<IOptions<HangfireOptions>>().Value.SchedulePollingInterval;
        });
        builder.Services.AddSingleton<ServiceDatabase>();
        builder.Services.AddSingleton<JobLocks>();
        builder.Services.AddHostedService<JobStorageReport>();
        // One instance, so that its connection pool lives as long as the service.
        builder.Services.AddSingleton<JobStorageHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("hangfire-storage", tags: [HealthSetup.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The dashboard can delete and re-run jobs: it answers requests from this machine, or an operator key (the
    /// <c>X-Api-Key</c> header, or <c>?key=</c> once in a browser, exchanged for a cookie scoped to the dashboard).
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase) && context.Request.Query.ContainsKey(ApiKeyAuthenticationHandler.DashboardQueryKey),
            dashboard => dashboard.Use(ExchangeKeyForCookie));
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "GrowthMonitor jobs",
            // Access is the dashboard policy's; Hangfire's own default filter would refuse every remote operator.
            Authorization = [],
        }).RequireAuthorization(ApiKeys.DashboardPolicy);
        return app;
    }

    /// <summary>
    /// A browser given <c>?key=</c> gets a cookie that proves the key (its hash, never the key) and is sent back to
    /// the same address without it, so the key leaves the address bar and the history at once.
    /// </summary>
    private static Task ExchangeKeyForCookie(HttpContext context, RequestDelegate next)
    {
        if (OperatorIdentity.Of(context) is null)
        {
            return next(context);
        }

        context.Response.Cookies.Append(
            ApiKeyAuthenticationHandler.DashboardCookie,
            ApiKeyRing.DashboardToken(context.Request.Query[ApiKeyAuthenticationHandler.DashboardQueryKey].ToString()),
            new CookieOptions { Path = DashboardPath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true });
        var query = QueryString.Create(context.Request.Query.Where(q => q.Key != ApiKeyAuthenticationHandler.DashboardQueryKey));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path + query).ToString();
        return Task.CompletedTask;
    }
}

/// <summary>Configuration section <c>Hangfire</c>.</summary>
public sealed class HangfireOptions
{
    public const string SectionName = "Hangfire";

    /// <summary>How often scheduled jobs (a delivery's next attempt, say) are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With PostgreSQL: how long a job claimed by a process that died stays invisible before another worker takes it
    /// up (a live worker renews its claim every fifth of this).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>With PostgreSQL: how often an idle worker looks for queued jobs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>The one key of section <c>ConnectionStrings</c> the service reads.</summary>
public sealed class JobStorageOptions
{
    public string? Hangfire { get; set; }

    public static bool IsValid(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return true;
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).Host is { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Which Hangfire storage the service runs on, described without secrets for logs and health output.</summary>
public sealed record JobStorageChoice(string? ConnectionString, string Description)
{
    public static JobStorageChoice From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new(null, "in-memory (embedded default; queued jobs are lost on restart, set ConnectionStrings:Hangfire for PostgreSQL)");
        }

        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return new(connectionString, $"PostgreSQL at {parsed.Host}:{parsed.Port}, database {parsed.Database}");
    }

    public override string ToString() => Description;
}

public sealed partial class JobStorageReport(JobStorageChoice storage, ILogger<JobStorageReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStorage(storage.Description);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire storage: {Storage}")]
    private partial void LogStorage(string storage);
}

/// <summary>
/// The job storage answers: PostgreSQL opens a connection and runs <c>SELECT 1</c> within the check timeout, from a
/// pool of its own holding one connection, so that probes never take the connections Hangfire's workers need. (Asking
/// Hangfire for its statistics, as this once did, runs a dozen queries per probe.) In-memory storage always answers.
/// </summary>
public sealed class JobStorageHealthCheck(JobStorageChoice choice) : IHealthCheck, IAsyncDisposable
{
    public const string ApplicationName = "growthmonitor health";

    private readonly NpgsqlDataSource? probes = choice.ConnectionString is { } connectionString
        ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            MaxPoolSize = 1,
            Timeout = (int)HealthSetup.CheckTimeout.TotalSeconds,
            CommandTimeout = (int)HealthSetup.CheckTimeout.TotalSeconds,
            ApplicationName = ApplicationName,
        })
        : null;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (probes is null)
        {
            return HealthCheckResult.Healthy($"Hangfire storage {choice.Description} answers");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthSetup.CheckTimeout);
        try
        {
            await using var command = probes.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"Hangfire storage {choice.Description} answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Hangfire storage {choice.Description} did not answer within {HealthSetup.CheckTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Hangfire storage {choice.Description} is unreachable: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => probes?.DisposeAsync() ?? ValueTask.CompletedTask;
}
