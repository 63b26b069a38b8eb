using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace GrowthMonitor.IntegrationTests.Deployment;

/// <summary>The deployment files of the repository's <c>docker/</c> folder, read as Docker Compose and Grafana read them.</summary>
public static partial class DeploymentFiles
{
    public static string DockerFolder => Path.Combine(RepositoryRoot.Path, "docker");

    /// <summary>Every compose file: the stack and the reverse-proxy overlay that is used on top of it.</summary>
    public static IReadOnlyList<ComposeFile> ComposeFiles() =>
        [.. new[] { "docker-compose.yml", "compose.proxy.yml" }.Select(name => ComposeFile.Load(Path.Combine(DockerFolder, name)))];

    public static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents is [{ RootNode: YamlMappingNode root }] ? root : throw new InvalidDataException($"{path} is not one YAML mapping.");
    }

    /// <summary>The names <c>docker/.env.example</c> documents (<c>NAME=</c> lines).</summary>
    public static IReadOnlySet<string> EnvExampleNames() =>
        File.ReadLines(Path.Combine(DockerFolder, ".env.example"))
            .Select(line => EnvLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>FROM</c> images of docker/Dockerfile.</summary>
    public static IReadOnlyList<string> DockerfileImages() =>
        [.. File.ReadLines(Path.Combine(DockerFolder, "Dockerfile")).Select(line => FromLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["image"].Value)];

    /// <summary>Every scalar of a YAML tree, depth first: keys and values.</summary>
    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value is { } value ? [value] : [],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => Scalars(pair.Key).Concat(Scalars(pair.Value))),
        _ => [],
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^FROM\s+(--platform=\S+\s+)?(?<image>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}

/// <summary>One compose file.</summary>
public sealed partial record ComposeFile(string Path, YamlMappingNode Root)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    public string Text => File.ReadAllText(Path);

    public IEnumerable<ComposeService> Services =>
        Root.Children.TryGetValue("services", out var services) && services is YamlMappingNode mapping
            ? mapping.Children.Select(pair => new ComposeService(this, ((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value))
            : [];

    public IEnumerable<string> DeclaredVolumes =>
        Root.Children.TryGetValue("volumes", out var volumes) && volumes is YamlMappingNode mapping
            ? mapping.Children.Keys.Select(key => ((YamlScalarNode)key).Value!)
            : [];

    /// <summary>
    /// Every variable the file interpolates, as <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:?error}</c> etc., with
    /// whether it is required (<c>?</c>). Comments count too: an example there is one a reader may uncomment.
    /// </summary>
    public IEnumerable<(string Name, bool Required)> Variables =>
        Interpolation().Matches(Text).Select(m => (m.Groups["name"].Value, m.Groups["operator"].Value.EndsWith('?')));

    public static ComposeFile Load(string path) => new(path, DeploymentFiles.LoadYaml(path));

    /// <summary>A path as compose resolves it: relative to the compose file's folder.</summary>
    public string Resolve(string relativeOrAbsolute) => System.IO.Path.GetFullPath(relativeOrAbsolute, System.IO.Path.GetDirectoryName(Path)!);

    // $$ escapes a dollar sign; (?<!\$) keeps $${…} out.
    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<operator>:?[-?+])?")]
    private static partial Regex Interpolation();
}

/// <summary>One service of a compose file.</summary>
public sealed record ComposeService(ComposeFile File, string Name, YamlMappingNode Node)
{
    public string? Image => Scalar("image");

    public YamlMappingNode? Build => Node.Children.TryGetValue("build", out var build) ? build as YamlMappingNode : null;

    /// <summary>Every entry of <c>volumes</c>, short syntax (<c>source:target[:mode]</c>) or long (<c>source</c>, <c>target</c>).</summary>
    public IEnumerable<ComposeMount> Mounts =>
        (Node.Children.TryGetValue("volumes", out var volumes) ? volumes as YamlSequenceNode : null)?.Children.Select(entry => entry switch
        {
            YamlScalarNode { Value: { } text } => text.Split(':') is [var source, var target, ..] ? new ComposeMount(source, target) : new ComposeMount("", text),
            YamlMappingNode mapping => new ComposeMount(ScalarOf(mapping, "source") ?? "", ScalarOf(mapping, "target") ?? ""),
            _ => throw new InvalidDataException($"{File.FileName}: service {Name} has a volume entry that is neither a string nor a mapping."),
        }) ?? [];

    /// <summary>The <c>environment</c> mapping (or list of <c>NAME=value</c>), values as written (not interpolated).</summary>
    public IReadOnlyDictionary<string, string> Environment => (Node.Children.TryGetValue("environment", out var environment) ? environment : null) switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? ""),
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(item => item.Value!.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts.ElementAtOrDefault(1) ?? ""),
        _ => new Dictionary<string, string>(),
    };

    public string? Scalar(string key) => ScalarOf(Node, key);

    public override string ToString() => $"{File.FileName}: {Name}";

    private static string? ScalarOf(YamlMappingNode mapping, string key) => mapping.Children.TryGetValue(key, out var value) ? (value as YamlScalarNode)?.Value : null;
}

/// <summary>A volume entry: a host path (starts with <c>.</c>, <c>/</c> or <c>~</c>) or a named volume.</summary>
public sealed record ComposeMount(string Source, string Target)
{
    public bool IsHostPath => Source.StartsWith('.') || Source.StartsWith('/') || Source.StartsWith('~');
}
