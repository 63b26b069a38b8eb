using System.Text.Json;
using System.Text.Json.Serialization;
using GrowthMonitor.Core;

namespace GrowthMonitor.Access;

/// <summary>What a member (or a machine key) may do in its alliance; each role may do all that the one before may.</summary>
[JsonConverter(typeof(MemberRoleJsonConverter))]
public enum MemberRole
{
    /// <summary>Reads the alliance (which matters when <c>Security:ProtectReads</c> is on).</summary>
    Viewer,

    /// <summary>For the targets of its focus areas (all, when none is named): enters figures, writes notes, sets goals.</summary>
    Contributor,

    /// <summary>All of a contributor's, for the whole alliance, and manages its members and machine keys.</summary>
    Admin,
}

public sealed class MemberRoleJsonConverter() : JsonStringEnumConverter<MemberRole>(MemberRoles.Names.Policy, allowIntegerValues: false);

public static class MemberRoles
{
    public static readonly WireNames<MemberRole> Names = new(JsonNamingPolicy.SnakeCaseLower);

    /// <summary>The role as the pages and e-mails name it.</summary>
    public static string DanishWord(MemberRole role) => role switch
    {
        MemberRole.Viewer => "læser",
        MemberRole.Contributor => "bidragyder",
        _ => "administrator",
    };
}

/// <summary>A role in one alliance, limited to some of its focus areas (none named: all of them).</summary>
public sealed record Grant(string Alliance, MemberRole Role, IReadOnlyList<string> FocusAreas)
{
    /// <summary>Whether the grant reaches a target of this alliance in this focus area (a target without one: only a grant for all areas).</summary>
    public bool Covers(string alliance, string? focusArea) =>
        Alliance == alliance && (Role == MemberRole.Admin || FocusAreas.Count == 0 || (focusArea is not null && FocusAreas.Contains(focusArea)));
}
