using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GrowthMonitor.IntegrationTests.Architecture;

/// <summary>
/// Which top-level folder of the service (namespace <c>GrowthMonitor.X</c>) uses which. The source is compiled with
/// Roslyn and every name in it asked where the symbol it binds to is declared, so a constant (inlined in the compiled
/// code), an extension method, a partly qualified name (<c>Reports.ReportsApi</c>) and a type of the root namespace
/// (which every folder sees without a using) count like any other use. Names in documentation comments do not.
/// </summary>
public sealed partial class FolderGraph
{
    /// <summary>The root namespace <c>GrowthMonitor</c>: <c>Program.cs</c> and what it alone uses.</summary>
    public const string Root = "(root)";

    private const string Service = "GrowthMonitor";

    // The Web SDK's implicit usings (ImplicitUsings in Directory.Build.props); the source leans on them.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    // A name the compiler could not find would hide a dependency: the graph refuses to be read then. Other errors are
    // expected, from the source generators that do not run here (logging, JSON and regex code is generated).
    private static readonly HashSet<string> UnresolvedNames = ["CS0103", "CS0234", "CS0246"];

    /// <summary>Every assembly the test runs with (the framework, ASP.NET Core, the service's packages) but the service's own.</summary>
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !string.Equals(Path.GetFileName(path), Service + ".dll", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path))]);

    private readonly IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> uses;

    private FolderGraph(IReadOnlyCollection<string> folders, IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> uses)
    {
        Folders = folders;
        this.uses = uses;
    }

    /// <summary>The folders of the source, <see cref="Root"/> among them.</summary>
    public IReadOnlyCollection<string> Folders { get; }

    /// <summary>
    /// The service as checked out: every .cs file under <c>src/GrowthMonitor</c>, and the C# the Razor compiler made of
    /// its components at the last build (the project keeps it under <c>obj/generated</c>) for components that still exist.
    /// </summary>
    public static FolderGraph OfService()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", Service);
        var source = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(directory, path))));
        return Of([.. source, .. RazorGenerated(directory)]);
    }

    /// <summary>The generated C# of each component whose .razor file exists (it names it in its <c>#pragma checksum</c>).</summary>
    private static IEnumerable<(string Path, string Source)> RazorGenerated(string directory)
    {
        var generated = Path.Combine(directory, "obj", "generated");
        var components = Directory.EnumerateFiles(directory, "*.razor", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith("_Imports.razor", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var found = Directory.Exists(generated)
            ? Directory.EnumerateFiles(generated, "*_razor.g.cs", SearchOption.AllDirectories)
                .Select(path => (Path: path, Source: File.ReadAllText(path)))
                .Select(file => (file.Path, file.Source, Component: ChecksumPath().Match(file.Source).Groups[1].Value))
                .Where(file => components.Contains(file.Component))
                .ToList()
            : [];
        // Built before the components were: the graph would miss their uses, so say so rather than pass.
        var missing = components.Except(found.Select(file => file.Component), StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? found.Select(file => (Path.GetRelativePath(directory, file.Component).Replace('\\', '/') + ".g.cs", file.Source))
            : throw new InvalidOperationException("Build the service first: no generated C# for " + string.Join(", ", missing.Take(5)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("""#pragma checksum "([^"]+)" """)]
    private static partial System.Text.RegularExpressions.Regex ChecksumPath();

    /// <summary>The graph of the given files (path relative to the project, source).</summary>
    public static FolderGraph Of(IEnumerable<(string Path, string Source)> files)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(file.Source, options, file.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            Service,
            [.. trees, CSharpSyntaxTree.ParseText(ImplicitUsings, options)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var folders = trees.Select(FolderOf).ToHashSet(StringComparer.Ordinal);
        folders.Add(Root);

        var uses = new ConcurrentDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        var unresolved = new ConcurrentBag<string>();
        Parallel.ForEach(trees, tree =>
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var error in model.GetDiagnostics().Where(d => UnresolvedNames.Contains(d.Id)))
            {
                unresolved.Add(error.ToString());
            }

            var from = FolderOf(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (DeclaringNamespaceOf(model, name) is { } declared && FolderOf(declared) is { } to && to != from && folders.Contains(to))
                {
                    var evidence = uses.GetOrAdd($"{from}\n{to}", _ => new(StringComparer.Ordinal));
                    lock (evidence)
                    {
                        evidence.TryAdd(tree.FilePath, new(StringComparer.Ordinal));
                        evidence[tree.FilePath].Add(name.Identifier.ValueText);
                    }
                }
            }
        });

        return unresolved.IsEmpty
            ? new FolderGraph(folders, uses)
            : throw new InvalidOperationException(
                "The service's source did not compile here, so some uses could not be seen (are ImplicitUsings above still the SDK's?):\n"
                + string.Join('\n', unresolved.Order(StringComparer.Ordinal).Take(10)));
    }

    /// <summary>The folders <paramref name="folder"/> uses directly.</summary>
    public IReadOnlyList<string> Uses(string folder) =>
        [.. uses.Keys.Select(key => key.Split('\n')).Where(edge => edge[0] == folder).Select(edge => edge[1]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The shortest cycle of the graph as the folders it passes, the first repeated at the end (<c>A, B, A</c>); null
    /// when the folders depend on each other one way only.
    /// </summary>
    public IReadOnlyList<string>? FindCycle()
    {
        IReadOnlyList<string>? shortest = null;
        foreach (var start in Folders.Order(StringComparer.Ordinal))
        {
            if (PathBack(start) is { } cycle && (shortest is null || cycle.Count < shortest.Count))
            {
                shortest = cycle;
            }
        }

        return shortest;
    }

    /// <summary>Each step of a cycle with the files that make it and the names they use, for the failure message.</summary>
    public string Describe(IReadOnlyList<string> cycle) => string.Join('\n', cycle.Zip(cycle.Skip(1)).Select(step =>
        $"  {step.First} → {step.Second}: " + string.Join("; ", uses[$"{step.First}\n{step.Second}"]
            .Select(file => $"{file.Key} ({string.Join(", ", file.Value.Take(4))})"))));

    /// <summary>The whole graph, one line per folder: "Reports → Catalog, Presentation, Targets".</summary>
    public override string ToString() => string.Join('\n', Folders.Order(StringComparer.Ordinal)
        .Select(folder => $"{folder} → {(Uses(folder) is [_, ..] used ? string.Join(", ", used) : "nothing")}"));

    /// <summary>The shortest path of uses from <paramref name="start"/> back to itself, by breadth-first search.</summary>
    private List<string>? PathBack(string start)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var folder))
        {
            foreach (var next in Uses(folder))
            {
                if (next == start)
                {
                    List<string> path = [start];
                    for (var step = folder; step != start; step = cameFrom[step])
                    {
                        path.Insert(1, step);
                    }

                    path.Add(start);
                    return path;
                }

                if (cameFrom.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The namespace a name's symbol is declared in: a member's type's, a nested type's outermost type's.</summary>
    private static string? DeclaringNamespaceOf(SemanticModel model, SimpleNameSyntax name)
    {
        var info = model.GetSymbolInfo(name);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        if (symbol is null or INamespaceSymbol)
        {
            return null;
        }

        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        return (type?.ContainingNamespace ?? symbol.ContainingNamespace)?.ToDisplayString();
    }

    /// <summary>The folder of a file of the service, by the namespace it declares (the global namespace is the root's).</summary>
    private static string FolderOf(SyntaxTree tree) =>
        FolderOf(tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? Service)!;

    /// <summary><c>GrowthMonitor.Alerts.Email</c> → <c>Alerts</c>; <c>GrowthMonitor</c> → <see cref="Root"/>; null outside the service.</summary>
    private static string? FolderOf(string ns) => ns.Split('.') switch
    {
        [Service] => Root,
        [Service, var folder, ..] => folder,
        _ => null,
    };
}
