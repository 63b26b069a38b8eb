namespace GrowthMonitor.Security;

/// <summary>Access and abuse: operator keys, rate limits, trusted proxies, request size limits, CORS, security headers.</summary>
public static class SecuritySetup
{
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeys();
        builder.AddClientRateLimiting();
        builder.AddTrustedProxies();
        builder.AddRequestLimits();
        builder.AddCrossOrigin();
        return builder;
    }

    /// <summary>
    /// The order matters: the client's address is known (trusted proxies) before anything limits or logs by it;
    /// headers are promised before anything can answer; a client over its limit is refused before its key is checked.
    /// </summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        // With ASPNETCORE_FORWARDEDHEADERS_ENABLED=true ASP.NET Core runs this middleware first itself: a second pass
        // would believe one more X-Forwarded-For entry, which a client may have written.
        if (!string.Equals(app.Configuration["ForwardedHeaders_Enabled"], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.UseForwardedHeaders();
        }

        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
