using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Configuration;

/// <summary>Starts the built service as its own process, the way an operator does, with broken configuration.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Start_SeveralBadValues_ExitsWithOneLinePerProblemNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Influx__Url"] = "not-a-url",
            ["Influx__Database"] = "bad name",
            ["Influx__Username"] = "admin",
            ["Influx__BatchSize"] = "0",
        });

        Assert.Equal(2, exitCode);
        var lines = Lines(errors);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("Configuration error: Influx:", line));
        Assert.Contains(lines, l => l.Contains("Influx:Url") && l.Contains("not-a-url"));
        Assert.Contains(lines, l => l.Contains("Influx:Database"));
        Assert.Contains(lines, l => l.Contains("Influx:Password"));
        Assert.Contains(lines, l => l.Contains("Influx:BatchSize"));
    }

    [Fact]
    public async Task Start_MisspelledKey_ExitsNamingIt()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["Influx__Databse"] = "growth" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Databse", errors);
    }

    [Fact]
    public async Task Start_SeveralBadStatBankValues_ExitsWithOneLinePerProblemNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["StatBank__BaseUrl"] = "ftp://api.statbank.dk/v1/",
            ["StatBank__Language"] = " ",
            ["StatBank__TotalTimeout"] = "00:00:10", // not longer than the default AttemptTimeout of 30 s
            ["StatBank__MaxRetryAttempts"] = "0",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                "Configuration error: StatBank:BaseUrl: must be an absolute http(s) URL, not 'ftp://api.statbank.dk/v1/'",
                "Configuration error: StatBank:Language: must be a language code such as da or en",
                "Configuration error: StatBank:TotalTimeout: must be longer than AttemptTimeout and at most 1.00:00:00, not 00:00:10",
                "Configuration error: StatBank:MaxRetryAttempts: must be between 1 and 100, not 0",
            ],
            Lines(errors));
    }

    [Theory]
    [InlineData("StatBank__RetryDelai", "00:00:01", "StatBankOptions: 'RetryDelai'")]
    [InlineData("StatBank__AttemptTimeout", "soon", "'soon' at 'StatBank:AttemptTimeout'")]
    public async Task Start_StatBankKeyUnknownOrValueUnreadable_ExitsNamingTheKey(string variable, string value, string naming)
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { [variable] = value });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(naming, line, StringComparison.Ordinal);
    }

    private static string[] Lines(string errors) => errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Start_JsonWebhookWithoutSecretAndASecretWithoutWebhook_ExitsNamingBothKeys()
    {
        var catalog = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalog, """
            { "alliances": [{ "id": "horsens", "name": "Vækstalliancen Horsens", "areas": ["615"],
                              "webhooks": [{ "id": "horsens-intranet", "url": "https://intranet.horsens.example/hook" }] }] }
            """);
        try
        {
            var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
            {
                ["Catalog__Path"] = catalog,
                ["Webhooks__horsens-intranett__Secret"] = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
            });

            Assert.Equal(2, exitCode);
            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => l.StartsWith("Configuration error: Webhooks:horsens-intranet:Secret: the JSON webhook 'horsens-intranet' of alliance 'horsens' needs a signing secret", StringComparison.Ordinal));
            Assert.Contains(lines, l => l == "Configuration error: Webhooks:horsens-intranett: no webhook of the catalog has this id");
        }
        finally
        {
            File.Delete(catalog);
        }
    }
}
