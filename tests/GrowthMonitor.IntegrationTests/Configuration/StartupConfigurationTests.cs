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

    [Fact]
    public async Task Start_StatBankValueUnreadable_ExitsNamingTheKey()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?> { ["StatBank__AttemptTimeout"] = "soon" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(Lines(errors));
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains("'soon' at 'StatBank:AttemptTimeout'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownKeys_OneLineEachNamingTheKeyAndTheSectionsSettings()
    {
        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["StatBank__RetryDelai"] = "00:00:01",
            ["Catalog__Pth"] = "/etc/growthmonitor/catalog.json",
            // A bad value beside them is reported too: an unknown key does not stop the check of the other settings.
            ["Influx__BatchSize"] = "0",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                "Configuration error: Catalog:Pth: no such setting in Catalog; its settings are Path",
                "Configuration error: Influx:BatchSize: The field BatchSize must be between 1 and 100000.",
                "Configuration error: StatBank:RetryDelai: no such setting in StatBank; its settings are AttemptTimeout, BaseUrl, Language, MaxRetryAttempts, RetryDelay, TotalTimeout",
            ],
            Lines(errors).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_CatalogMissingBesideAnotherProblem_EachProblemPrintedOnce()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"growthmonitor-catalog-{Guid.NewGuid():N}.json");

        var (exitCode, _, errors) = await ServiceProcess.RunAsync(new Dictionary<string, string?>
        {
            ["Catalog__Path"] = missing,
            ["Influx__Url"] = "not-a-url",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            [
                $"Configuration error: Catalog '{missing}' cannot be read: Could not find file '{missing}'.",
                "Configuration error: Influx:Url: must be an absolute http(s) URL, not 'not-a-url'",
            ],
            Lines(errors));
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
