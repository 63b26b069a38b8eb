using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace GrowthMonitor.Security;

/// <summary>Configuration section <c>Security</c>: who may operate the service, and whether reading needs a key.</summary>
public sealed partial class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Security";

    public const int MinimumKeyLength = 16;

    /// <summary>
    /// Unnamed operator keys, the first form of this setting (<c>Security:ApiKeys:0</c>). The audit trail names
    /// each by its place, <c>ApiKeys:0</c>.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Named operator keys: <c>Security:Keys:{name}</c> = key. The audit trail records the name.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When true, the read API (<c>/api/…</c>) needs a key as well; by default anyone may read.</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Every configured key with the name the audit trail gives it and its configuration key.</summary>
    public IReadOnlyList<ConfiguredKey> ConfiguredKeys() =>
    [
        .. ApiKeys.Select((key, index) => new ConfiguredKey($"{nameof(ApiKeys)}:{index}", $"{nameof(ApiKeys)}:{index}", key?.Trim() ?? "")),
        .. Keys.Select(named => new ConfiguredKey(named.Key, $"{nameof(Keys)}:{named.Key}", named.Value?.Trim() ?? "")),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var keys = ConfiguredKeys();
        foreach (var shortKey in keys.Where(k => k.Key.Length < MinimumKeyLength))
        {
            yield return new ValidationResult($"must be at least {MinimumKeyLength} characters (generate one with: openssl rand -hex 24)", [shortKey.Path]);
        }

        foreach (var name in Keys.Keys.Where(name => !KeyName().IsMatch(name)))
        {
            yield return new ValidationResult("a key's name is 1–64 letters, digits, spaces or . _ @ - (it is written to the audit log)", [$"{nameof(Keys)}:{name}"]);
        }

        // One key under two names would make the audit trail name either.
        foreach (var shared in keys.Where(k => k.Key.Length >= MinimumKeyLength).GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new ValidationResult($"the same key is configured more than once ({string.Join(", ", shared.Skip(1).Select(k => k.Path))}); give each operator a key of their own", [shared.First().Path]);
        }

        if (ProtectReads && keys.Count == 0)
        {
            yield return new ValidationResult("needs at least one key in Security:Keys or Security:ApiKeys, or nobody could read", [nameof(ProtectReads)]);
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$")]
    private static partial Regex KeyName();
}

/// <summary>One operator key: <paramref name="Name"/> for the audit trail, <paramref name="Path"/> its place in section <c>Security</c>.</summary>
public sealed record ConfiguredKey(string Name, string Path, string Key)
{
    /// <summary>Never the key itself, so that a record printed by accident leaks nothing.</summary>
    public override string ToString() => $"{Name} ({SecurityOptions.SectionName}:{Path})";
}
