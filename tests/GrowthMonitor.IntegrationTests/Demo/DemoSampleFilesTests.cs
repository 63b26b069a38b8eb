namespace GrowthMonitor.IntegrationTests.Demo;

/// <summary>The committed demo files are exactly what <see cref="DemoSampleGenerator"/> writes; UPDATE_DEMO_DATA=1 rewrites them.</summary>
public sealed class DemoSampleFilesTests
{
    private static readonly string Committed = Path.Combine(RepositoryRoot.Path, "src", "GrowthMonitor", "Demo", "StatBank");

    [Fact]
    public void CommittedFiles_EqualTheGeneratorsOutput()
    {
        if (Environment.GetEnvironmentVariable("UPDATE_DEMO_DATA") == "1")
        {
            DemoSampleGenerator.WriteAll(Committed);
        }

        var generated = Directory.CreateTempSubdirectory("growthmonitor-demo-").FullName;
        try
        {
            foreach (var name in DemoSampleGenerator.WriteAll(generated))
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(generated, name)).SequenceEqual(File.ReadAllBytes(Path.Combine(Committed, name))),
                    $"{name} differs from the generator's output; rewrite the files with UPDATE_DEMO_DATA=1.");
            }
        }
        finally
        {
            Directory.Delete(generated, recursive: true);
        }
    }

    [Fact]
    public void BulkFiles_KeepTheWireFormat()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Committed, "ERHV2.bulk.csv"));
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("OMRÅDE;BRANCHEDB0710;TAL;TID;INDHOLD\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("411;TOT;ANSATTE;2025;..\r\n", text, StringComparison.Ordinal); // Christiansø is not a municipality
    }
}
