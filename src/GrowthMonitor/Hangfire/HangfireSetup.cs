using GrowthMonitor.Configuration;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Hangfire;

/// <summary>Hangfire with its queue in the service's PostgreSQL database (schema <c>hangfire</c>).</summary>
public static class HangfireSetup
{
    public static IHostApplicationBuilder AddHangfireJobs(this IHostApplicationBuilder builder)
    {
        // Storage is set up when the container is built, so configuration added by hosts and tests is honoured.
        builder.Services.AddHangfire((provider, configuration) =>
        {
            var hangfire = provider.GetRequiredService<IOptions<HangfireOptions>>().Value;
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UsePostgreSqlStorage(
                    options => options.UseNpgsqlConnection(provider.GetRequiredService<ServiceDatabase>().ConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        PrepareSchemaIfNecessary = true,
                        SchemaName = "hangfire",
                        // A running job keeps its claim alive; a job whose process died is fetched again after the
                        // invisibility timeout, instead of the 30 minutes a fixed timeout needs to cover long jobs.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = hangfire.InvisibilityTimeout,
                        // A queued job wakes an idle worker at once (LISTEN/NOTIFY); polling only finds what no
                        // notification announced, such as a job whose process died.
                        EnableLongPolling = true,
                        QueuePollInterval = hangfire.QueuePollInterval,
                    });
        });
        builder.Services.AddJobRetryPolicies();
        builder.Services.AddValidatedOptions<HangfireOptions>(HangfireOptions.SectionName);
        builder.Services.AddHangfireServer((provider, server) =>
        {
            server.ServerName = $"growthmonitor:{Environment.MachineName}:{Environment.ProcessId}";
            server.SchedulePollingInterval = provider.GetRequiredService<IOptions<HangfireOptions>>().Value.SchedulePollingInterval;
        });
        builder.Services.AddSingleton<JobLocks>();
        return builder;
    }
    /// <summary>
    /// The dashboard can delete and re-run jobs: it answers requests from this machine, or an operator key (the
    /// <c>X-Api-Key</c> header, or <c>?key=</c> once in a browser, exchanged for a cookie scoped to the dashboard).
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiKeyAuthenticationHandler.DashboardPath, StringComparison.OrdinalIgnoreCase) && context.Request.Query.ContainsKey(ApiKeyAuthenticationHandler.DashboardQueryKey),
            dashboard => dashboard.Use(ExchangeKeyForCookie));
        app.MapHangfireDashboard(ApiKeyAuthenticationHandler.DashboardPath, new DashboardOptions
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
            new CookieOptions { Path = ApiKeyAuthenticationHandler.DashboardPath, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true });
        var query = QueryString.Create(context.Request.Query.Where(q => q.Key != ApiKeyAuthenticationHandler.DashboardQueryKey));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path + query).ToString();
        return Task.CompletedTask;
    }
}
