namespace GrowthMonitor.TestSupport;

/// <summary>The checkout the tests run from: the nearest folder above the test assembly holding GrowthMonitor.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GrowthMonitor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GrowthMonitor.sln above {start}.");
    }
}
