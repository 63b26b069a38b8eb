using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>Who the provider says signs in: the claims it puts in the ID token (none for a null value).</summary>
public sealed record OidcPerson(string Subject, string? Email, bool? EmailVerified, string? Name, params string[] Roles);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on Kestrel at a free loopback port, over http: discovery, keys, an
/// authorization endpoint that signs in <see cref="Person"/> at once (the test chooses who), and a token endpoint that
/// redeems the code for one confidential client (<see cref="ClientId"/>, <see cref="ClientSecret"/>) with PKCE.
/// Keys live in memory only and nothing is stored: OpenIddict's degraded mode, the client checked by the handlers below.
/// </summary>
public sealed class OidcTestServer : IAsyncDisposable
{
    public const string ClientId = "growthmonitor-test";

    public const string ClientSecret = "oidc-test-client-secret-5f1c2a";

    // Made once per test run and shared by every provider the tests start: OpenIddict's ephemeral keys, made anew by
    // each provider at its first request, cost that request about 5 s on this 2-core machine (every sign-in test).
    private static readonly Lazy<RsaSecurityKey> SigningKey = new(NewKey);

    private static readonly Lazy<RsaSecurityKey> EncryptionKey = new(NewKey);

    private readonly WebApplication app;

    private static RsaSecurityKey NewKey()
    {
        var rsa = System.Security.Cryptography.RSA.Create(2048);
        return new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    private OidcTestServer(WebApplication app) => this.app = app;

    /// <summary>The issuer, to configure as <c>Authentication:Oidc:Authority</c>.</summary>
    public Uri Authority => new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");

    /// <summary>Who the authorization endpoint signs in next.</summary>
    public OidcPerson? Person { get; set; }

    /// <summary>The redirect URIs the service sent, in order: where the provider answered.</summary>
    public List<Uri> RedirectUris { get; } = [];

    public static async Task<OidcTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        OidcTestServer? server = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.Roles);
            options.AddEncryptionKey(EncryptionKey.Value).AddSigningKey(SigningKey.Value);
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else
                {
                    server!.RedirectUris.Add(new Uri(context.RedirectUri!));
                }

                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        server = new OidcTestServer(app);
        app.UseRouting();
        app.UseAuthentication();
        app.MapGet("connect/authorize", server.Authorize);
        await app.StartAsync();
        return server;
    }

    /// <summary>The passthrough authorization endpoint: signs in <see cref="Person"/>, with every claim in the ID token.</summary>
    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var person = Person ?? throw new InvalidOperationException("The test chose no person to sign in.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        AddIfSet(identity, Claims.Email, person.Email);
        AddIfSet(identity, Claims.Name, person.Name);
        if (person.EmailVerified is { } verified)
        {
            identity.AddClaim(new Claim(Claims.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        foreach (var role in person.Roles)
        {
            identity.AddClaim(new Claim("roles", role));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static void AddIfSet(ClaimsIdentity identity, string type, string? value)
    {
        if (value is not null)
        {
            identity.AddClaim(new Claim(type, value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
