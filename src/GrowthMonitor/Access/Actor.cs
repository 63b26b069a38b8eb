using System.Security.Claims;
using GrowthMonitor.Security;

namespace GrowthMonitor.Access;

/// <summary>How a request was made: with an operator key, by a signed-in person, or with an alliance's machine key.</summary>
public enum ActorKind
{
    Operator,
    Person,
    MachineKey,
}

/// <summary>
/// Who makes a request and what they hold: an operator (a configured key, or a person the organisation's sign-in names
/// operator) may do everything; a person or a machine key acts within its grants. Every change names the actor.
/// </summary>
public sealed record Actor(ActorKind Kind, string Name, string? Email, bool IsOperator, IReadOnlyList<Grant> Grants)
{
    /// <summary>How the audit trail and notes name the actor: a person by name and address, a key by name and alliance.</summary>
    public string Display => Kind switch
    {
        ActorKind.Person => $"{Name} <{Email}>",
        ActorKind.MachineKey => $"nøgle {Name} ({string.Join(", ", Grants.Select(g => g.Alliance))})",
        _ => Name,
    };

    /// <summary>The actor of an authenticated request, or null for an anonymous one.</summary>
    public static Actor? Of(HttpContext context) =>
        context.Features.Get<Actor>() ?? (OperatorIdentity.Of(context) is { } key ? new Actor(ActorKind.Operator, key.Name, null, true, []) : null);

    /// <summary>Lets a minimal API handler take an <see cref="Actor"/> parameter.</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context) => ValueTask.FromResult(Of(context));

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims = [new(ClaimTypes.Name, Name), new(AccessClaims.Kind, Kind.ToString())];
        if (Email is not null)
        {
            claims.Add(new(ClaimTypes.Email, Email));
        }

        claims.AddRange(Grants.Select(g => g.Alliance).Distinct().Select(alliance => new Claim(AccessClaims.Alliance, alliance)));
        if (IsOperator)
        {
            claims.Add(new(ClaimTypes.Role, ApiKeys.OperatorRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

public static class AccessClaims
{
    public const string Kind = "growthmonitor:actor";

    /// <summary>An alliance the actor holds a role in, one claim each.</summary>
    public const string Alliance = "growthmonitor:alliance";
}
