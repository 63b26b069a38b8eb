using System.Text.Encodings.Web;
using GrowthMonitor.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GrowthMonitor.Access;

/// <summary>
/// The handlers of people and machine keys answer their challenges and refusals alike: a 401 says how to sign in or
/// which header takes a key, a 403 what the caller may do (its own grants, never anyone else's).
/// </summary>
public abstract class MemberAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Sign-in or key required",
                Detail = $"Sign in at /log-ind (a session cookie), or send a key in the {ApiKeyAuthenticationHandler.HeaderName} header.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var actor = Actor.Of(Context);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Operators only",
                Detail = actor is null ? "This needs an operator." : $"This needs an operator. {Permissions.MayDo(actor)}",
            },
        });
    }
}

/// <summary>
/// A signed-in person: the session cookie names a session in PostgreSQL (<see cref="Sessions"/>), and the members table
/// says what the person may do; both kept a few seconds in memory (<see cref="SignedInPeople"/>). Also answers every challenge and refusal outside the jobs dashboard when no key was sent.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, Sessions sessions, Members members, SignedInPeople signedIn,
    IProblemDetailsService problems, IOptions<SignInOptions> signIn)
    : MemberAuthenticationHandler(options, loggerFactory, encoder, problems)
{
    public const string SchemeName = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SessionCookie.Read(Context) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (signedIn.Find(token) is not (var session, var grants))
        {
            if (await sessions.FindAsync(token, Context.RequestAborted) is not (var found, var slid))
            {
                return AuthenticateResult.Fail("The session has ended; sign in again.");
            }

            if (slid)
            {
                SessionCookie.Set(Context, token, signIn.Value.SessionLifetime);
            }

            (session, grants) = (found, await members.OfPersonAsync(found.Email, Context.RequestAborted));
            signedIn.Keep(token, session, grants);
        }

        var name = session.Name ?? grants.Select(m => m.Name).FirstOrDefault() ?? session.Email;
        var actor = new Actor(ActorKind.Person, name, session.Email, session.Operator, [.. grants.Select(m => m.Grant)]);
        Context.Features.Set(actor);
        return AuthenticateResult.Success(new AuthenticationTicket(actor.ToPrincipal(SchemeName), SchemeName));
    }
}

/// <summary>An alliance's machine key in <c>X-Api-Key</c> (<see cref="MachineKeys.Prefix"/>): acts like a member of its role.</summary>
public sealed class MachineKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, MachineKeys keys, IProblemDetailsService problems)
    : MemberAuthenticationHandler(options, loggerFactory, encoder, problems)
{
    public const string SchemeName = "MachineKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (await keys.FindAsync(Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString(), Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("The key is not a configured or live key.");
        }

        var actor = new Actor(ActorKind.MachineKey, key.Name, null, false, [key.Grant]);
        Context.Features.Set(actor);
        return AuthenticateResult.Success(new AuthenticationTicket(actor.ToPrincipal(SchemeName), SchemeName));
    }
}
