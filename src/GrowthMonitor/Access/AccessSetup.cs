using System.Threading.RateLimiting;
using GrowthMonitor.Configuration;
using GrowthMonitor.Hangfire;
using GrowthMonitor.Presentation;
using GrowthMonitor.Security;
using GrowthMonitor.Storage;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

public static class AccessSetup
{
    /// <summary>Picks the handler for a request: an operator key, an alliance's machine key, or a session cookie.</summary>
    public const string SchemeName = "GrowthMonitor";

    public const string AntiforgeryHeader = "X-CSRF-Token";

    /// <summary>
    /// People and machines acting within an alliance: members, machine keys, sessions, sign-in links (all in
    /// PostgreSQL), the handlers that recognise them beside the configured operator keys, and antiforgery for what a
    /// browser sends with its session cookie.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SignInOptions>(SignInOptions.SectionName);
        builder.Services.AddSingleton<Members>();
        builder.Services.AddSingleton<MachineKeys>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<SignedInPeople>();
        builder.Services.AddSingleton<SignInLinks>();
        builder.Services.AddSingleton<Permissions>();
        builder.Services.AddSingleton<MembersService>();
        builder.Services.AddValidatedOptions<AccessibilityOptions>(AccessibilityOptions.SectionName);
        builder.Services.AddSingleton<PageFrames>();
        builder.Services.AddSingleton<IPageFrames>(services => services.GetRequiredService<PageFrames>());
        builder.Services.AddSingleton<SignInMail>();
        builder.Services.AddJobRetries<SignInMail>(_ => new AutomaticRetryAttribute { LogEvents = false }.WithDelays([]));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = SchemeName;
                options.DefaultChallengeScheme = SchemeName;
                options.DefaultForbidScheme = SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, MachineKeyAuthenticationHandler>(MachineKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SchemeName, null, policy =>
            {
                policy.ForwardDefaultSelector = HandlerFor;
                // Challenges and refusals go to the handler that authenticated (or would have): a wrong operator key keeps
                // its answer, a session's says how to sign in.
            })
            .AddOidcSignIn(builder.Configuration);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReadAccess.ReaderPolicy, policy => policy.RequireAssertion(context => ReadAccess.IsReader(context.User)));
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>((limiter, signIn) =>
            limiter.AddPolicy(SignInEndpoints.LinkRequestsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                RateLimits.ClientOf(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signIn.Value.LinksPerClientPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = true })));
        builder.Services.AddAntiforgery(options => options.HeaderName = AntiforgeryHeader);
        // Antiforgery tokens are sealed with keys every instance must share, and which survive a restart.
        builder.Services.AddDataProtection().SetApplicationName("GrowthMonitor");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<ServiceDatabase>((options, database) => options.XmlRepository = new DataProtectionKeys(database));
        return builder;
    }

    /// <summary>
    /// After authentication: a change made with a session cookie must carry the antiforgery token (in the
    /// <see cref="AntiforgeryHeader"/> header or a form field), so that another site cannot make it in the person's name.
    /// Keys are not sent by browsers on their own, so requests with a key need none.
    /// </summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Actor.Of(context) is { Kind: ActorKind.Person } && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !HttpMethods.IsOptions(context.Request.Method)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Antiforgery token missing or invalid",
                        Detail = $"A change made with a session cookie carries the token from GET /api/me in the {AntiforgeryHeader} header (or the form's own field).",
                    },
                });
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// An alliance's machine key; an operator key (the header, or on the jobs dashboard its <c>?key=</c> or key cookie);
    /// a session cookie, so that a person the organisation names operator reaches the dashboard too; else the
    /// operator-key handler, which lets anonymous reads through.
    /// </summary>
    private static string HandlerFor(HttpContext context)
    {
        var key = context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString();
        if (key.StartsWith(MachineKeys.Prefix, StringComparison.Ordinal))
        {
            return MachineKeyAuthenticationHandler.SchemeName;
        }

        var dashboardKey = context.Request.Path.StartsWithSegments(ApiKeyAuthenticationHandler.DashboardPath, StringComparison.OrdinalIgnoreCase)
            && (context.Request.Query.ContainsKey(ApiKeyAuthenticationHandler.DashboardQueryKey) || context.Request.Cookies.ContainsKey(ApiKeyAuthenticationHandler.DashboardCookie));
        return key.Length > 0 || dashboardKey || SessionCookie.Read(context) is null ? ApiKeyAuthenticationHandler.SchemeName : SessionAuthenticationHandler.SchemeName;
    }
}
