using Xunit;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// The real Statistics Denmark responses recorded in <c>../shared/statbank/samples</c> beside the repository.
/// They are not part of the repository, so a clone without them skips the tests that replay them.
/// </summary>
public static class RecordedSamples
{
    private static readonly string? Folder = Find();

    public static string? SkipReason => Folder is null
        ? "The recorded Statistics Denmark samples (../shared/statbank/samples beside GrowthMonitor.sln) are not in this checkout."
        : null;

    public static byte[] Read(string name) =>
        File.ReadAllBytes(Path.Combine(Folder ?? throw new InvalidOperationException(SkipReason), name));

    private static string? Find()
    {
        var samples = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "statbank", "samples"));
        return Directory.Exists(samples) ? samples : null;
    }
}

/// <summary>A fact that reports itself skipped, with the reason, where the recorded samples are missing.</summary>
public sealed class RecordedSamplesFactAttribute : FactAttribute
{
    public RecordedSamplesFactAttribute() => Skip = RecordedSamples.SkipReason;
}

/// <summary>A theory that reports itself skipped, with the reason, where the recorded samples are missing.</summary>
public sealed class RecordedSamplesTheoryAttribute : TheoryAttribute
{
    public RecordedSamplesTheoryAttribute() => Skip = RecordedSamples.SkipReason;
}
