namespace GrowthMonitor.StatBank.Tests.TestSupport;

/// <summary>The project's own synthetic wire-format fixtures (see Fixtures/README.md).</summary>
internal static class Fixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
