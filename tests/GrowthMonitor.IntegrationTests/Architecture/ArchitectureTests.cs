using Xunit.Abstractions;

namespace GrowthMonitor.IntegrationTests.Architecture;

/// <summary>
/// The service's folders are rooms a newcomer finds in one guess only if uses point one way: a folder that depends,
/// through others, on itself cannot be read, changed or moved on its own. No servers: the source is only compiled.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    [Fact]
    public void Folders_OfTheService_DependOnEachOtherOneWayOnly()
    {
        var graph = FolderGraph.OfService();
        output.WriteLine(graph.ToString());

        // The graph is read at all: the front door uses the features, the reports use the targets they report on.
        Assert.Contains("Targets", graph.Uses(FolderGraph.Root));
        Assert.Contains("Targets", graph.Uses("Reports"));
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, cycle is null ? "" :
            $"The folders of src/GrowthMonitor depend on each other in a cycle, {string.Join(" → ", cycle)}:\n{graph.Describe(cycle)}");
    }

    [Fact]
    public void Namespaces_OfTheService_FollowTheirFolders()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "src", "GrowthMonitor");
        var misplaced = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (Path: path, Expected: string.Join('.', ["GrowthMonitor", .. path.Split('/').SkipLast(1)]), Declared: DeclaredNamespace(Path.Combine(directory, path))))
            .Where(file => file.Declared != file.Expected && !(file.Path == "Program.cs" && file.Declared is null))
            .Select(file => $"{file.Path}: namespace {file.Declared ?? "(none)"}, expected {file.Expected}")
            .ToList();

        Assert.True(misplaced.Count == 0, "Files whose namespace is not their folder's:\n" + string.Join('\n', misplaced));
    }

    [Fact]
    public void FindCycle_ThroughAConstantARootTypeAndAnExtensionMethod_NamesEveryStep()
    {
        var graph = FolderGraph.Of(
        [
            // Alpha → Beta: a constant, named partly qualified, with no using.
            ("Alpha/Limits.cs", "namespace GrowthMonitor.Alpha; public static class Limits { public const int Most = Beta.Sizes.Large; }"),
            // Beta → root: a type of the root namespace, which Beta sees without a using.
            ("Beta/Sizes.cs", "namespace GrowthMonitor.Beta; public static class Sizes { public const int Large = Defaults.Size * 2; }"),
            // root → Alpha: an extension method, whose class is never named.
            ("Defaults.cs", "using GrowthMonitor.Alpha; namespace GrowthMonitor; public static class Defaults { public const int Size = 10; public static int Clamp(int value) => value.AtMost(); }"),
            ("Alpha/Clamping.cs", "namespace GrowthMonitor.Alpha; public static class Clamping { public static int AtMost(this int value) => Math.Min(value, Limits.Most); }"),
            ("Program.cs", "System.Console.WriteLine(GrowthMonitor.Defaults.Clamp(100));"),
        ]);

        var cycle = graph.FindCycle();

        Assert.Equal([FolderGraph.Root, "Alpha", "Beta", FolderGraph.Root], cycle);
        Assert.Equal(
            """
              (root) → Alpha: Defaults.cs (AtMost)
              Alpha → Beta: Alpha/Limits.cs (Large, Sizes)
              Beta → (root): Beta/Sizes.cs (Defaults, Size)
            """,
            graph.Describe(cycle!));
    }

    [Fact]
    public void FindCycle_UsesOneWay_FindsNone()
    {
        var graph = FolderGraph.Of(
        [
            ("Alpha/Limits.cs", "namespace GrowthMonitor.Alpha; public static class Limits { public const int Most = Beta.Sizes.Large; }"),
            ("Beta/Sizes.cs", "namespace GrowthMonitor.Beta; public static class Sizes { public const int Large = 20; }"),
            ("Program.cs", "System.Console.WriteLine(GrowthMonitor.Alpha.Limits.Most);"),
        ]);

        Assert.Null(graph.FindCycle());
        Assert.Equal(["Alpha"], graph.Uses(FolderGraph.Root));
        Assert.Equal(["Beta"], graph.Uses("Alpha"));
    }

    private static string? DeclaredNamespace(string path) =>
        File.ReadLines(path).FirstOrDefault(line => line.StartsWith("namespace ", StringComparison.Ordinal)) is { } line
            ? line["namespace ".Length..].TrimEnd(';', ' ')
            : null;
}
