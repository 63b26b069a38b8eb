using System.Reflection;
using System.Text.RegularExpressions;
using GrowthMonitor.Configuration;
using GrowthMonitor.Http;

namespace GrowthMonitor.IntegrationTests.Docs;

/// <summary>
/// docs/configuration.md against the code, so that the two cannot drift: every configuration key the service binds has
/// a row there, and every key a row names is one the service binds. The keys are found in the code, not in a list kept
/// by hand: every class of the service's assemblies with a <c>SectionName</c> constant binds its public settable
/// properties as <c>Section:Property</c>. A key in the docs matches when it is the same after its placeholder segments
/// are dropped, as the binder sees them: <c>Security:Keys:{name}</c> is property <c>Keys</c>, <c>Webhooks:{id}:Secret</c>
/// property <c>Secret</c> of a section per webhook. Needs no servers.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private static readonly string DocsPath = Path.Combine(RepositoryRoot.Path, "docs", "configuration.md");

    /// <summary>Options classes bound to the configuration root (<c>.Bind(builder.Configuration)</c>), so without a section.</summary>
    private static readonly Type[] RootOptions = [typeof(PublicUrlOptions)];

    /// <summary>
    /// Keys the service reads that no options class of its own declares, each named once: ASP.NET Core's and the
    /// logging providers' own settings, which the service relies on or sets defaults for.
    /// </summary>
    private static readonly string[] FrameworkKeys =
    [
        "Urls",                      // the host's listen addresses; ServiceDefaults sets the default, the healthcheck command reads it
        "Kestrel:Endpoints",         // Kestrel's own endpoints; ServiceDefaults leaves Urls alone when they are set
        "ForwardedHeaders_Enabled",  // ASPNETCORE_FORWARDEDHEADERS_ENABLED; SecuritySetup skips its own forwarded-headers pass then
        "AllowedHosts",              // host filtering, set in appsettings.json
        "Logging:LogLevel",          // log levels per category, set in appsettings.json
    ];

    [Fact]
    public void ConfigurationDocs_EveryKeyTheServiceBinds_IsDocumented()
    {
        var bound = BoundKeys();
        var documented = DocumentedKeys().Select(Bare).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // The discovery itself: keys of a plain section, a list, a dictionary, a connection string and a root class.
        Assert.Superset(
            new HashSet<string>(["Influx:Url", "Evaluation:RetryDelays", "Security:Keys", "ConnectionStrings:GrowthMonitor", "ConnectionStrings:Hangfire", "Webhooks:Secret", "PublicBaseUrl"]),
            bound.ToHashSet());
        var undocumented = bound.Where(key => !documented.Contains(key)).ToList();
        Assert.True(undocumented.Count == 0, $"docs/configuration.md has no row for: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void ConfigurationDocs_EveryDocumentedKey_IsBoundByTheService()
    {
        var bound = BoundKeys().ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unbound = DocumentedKeys().Where(key => !bound.Contains(Bare(key))).ToList();
        Assert.True(unbound.Count == 0, $"docs/configuration.md documents keys the service does not bind: {string.Join(", ", unbound)}");
    }

    /// <summary>
    /// The discovery only sees a section through its <c>SectionName</c>: an options class without one (and not bound at
    /// the root) would escape the two tests above.
    /// </summary>
    [Fact]
    public void OptionsClasses_EveryOne_HasASectionNameOrIsBoundAtTheRoot()
    {
        var unplaced = ServiceTypes()
            .Where(type => type.Name.EndsWith("Options", StringComparison.Ordinal) && !(type.IsAbstract && type.IsSealed))
            .Where(type => SectionOf(type) is null && !RootOptions.Contains(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.True(unplaced.Count == 0, $"Options classes without a SectionName constant: {string.Join(", ", unplaced)}");
    }

    /// <summary>
    /// A shell takes <c>NAME=value</c> as an assignment only when NAME is letters, digits and '_': a key with '-' in an
    /// environment variable has to go through <c>env 'Security__Keys__ops-laptop=…'</c> (or compose's YAML).
    /// </summary>
    [Fact]
    public void Docs_EnvironmentVariableAssignments_AreValidInBash()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryRoot.Path, "README.md"))
            .Append(Path.Combine(RepositoryRoot.Path, "docker", "README.md"));

        var invalid = files
            .SelectMany(file => Assignment().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetRelativePath(RepositoryRoot.Path, file), Name: m.Groups["name"].Value)))
            .Where(assignment => !ShellName().IsMatch(assignment.Name))
            .Select(assignment => $"{assignment.File}: {assignment.Name}=")
            .ToList();

        Assert.True(invalid.Count == 0, $"Not a shell variable name (write env 'NAME=…' or a name without '-'): {string.Join(", ", invalid)}");
    }

    /// <summary>Every <c>Section:Property</c> the service's options classes bind, and the keys it reads otherwise.</summary>
    private static List<string> BoundKeys()
    {
        var sectioned = ServiceTypes()
            .Select(type => (Type: type, Section: SectionOf(type)))
            .Where(t => t.Section is not null)
            .SelectMany(t => Settable(t.Type).Select(property => $"{t.Section}:{property}"));
        return [.. sectioned.Concat(RootOptions.SelectMany(Settable)).Concat(FrameworkKeys).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The types of the service and of the GrowthMonitor libraries it references (the two clients, Core).</summary>
    private static IEnumerable<Type> ServiceTypes()
    {
        var service = typeof(ValidatedOptions).Assembly;
        return service.GetReferencedAssemblies()
            .Where(name => name.Name?.StartsWith("GrowthMonitor.", StringComparison.Ordinal) == true)
            .Select(Assembly.Load)
            .Prepend(service)
            .SelectMany(assembly => assembly.GetTypes());
    }

    private static string? SectionOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<string> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name);

    /// <summary>The keys in the first column of every table whose first column is headed <c>key</c>, as written.</summary>
    private static List<string> DocumentedKeys()
    {
        List<string> keys = [];
        var inKeyTable = false;
        foreach (var line in File.ReadLines(DocsPath))
        {
            if (!line.StartsWith('|'))
            {
                inKeyTable = false;
                continue;
            }

            var first = line.Split('|')[1].Trim();
            if (first == "key")
            {
                inKeyTable = true;
            }
            else if (inKeyTable && !Separator().IsMatch(line))
            {
                keys.AddRange(CodeSpan().Matches(first).Select(m => m.Groups["code"].Value));
            }
        }

        return keys;
    }

    /// <summary>A key without its placeholder segments (<c>{name}</c>, <c>{n}</c>, <c>{id}</c>), as the binder sees it.</summary>
    private static string Bare(string key) => string.Join(':', key.Split(':').Where(segment => !segment.StartsWith('{')));

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex("`(?<code>[^`]+)`")]
    private static partial Regex CodeSpan();

    /// <summary>An environment variable assigned in a shell line: a name with <c>__</c> right before <c>=</c>, not inside quotes.</summary>
    [GeneratedRegex(@"(?<=^|[\s`(;])(?<name>[A-Za-z_][^\s=`'""]*__[^\s=`'""]*)=", RegexOptions.Multiline)]
    private static partial Regex Assignment();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ShellName();
}
