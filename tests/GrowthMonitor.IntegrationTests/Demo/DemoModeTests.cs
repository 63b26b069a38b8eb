using System.Text.Json;
using GrowthMonitor.IntegrationTests.Infrastructure;

namespace GrowthMonitor.IntegrationTests.Demo;

/// <summary>
/// The service in demo mode, as <c>scripts/run demo</c> starts it: the bundled catalog, the bundled sample answers, and
/// Statistics Denmark's address pointing at a closed port, so any request that reached the network would fail.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class DemoModeTests(ServersFixture servers)
{
    /// <summary>The day after the sample's date: every series is fresh.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Demo_NoNetwork_EveryIndicatorIngestedAndReportsJudgeEveryTarget()
    {
        await using var factory = GrowthMonitorFactory.Create(servers, today: Today, extra: new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["StatBank:BaseUrl"] = "http://127.0.0.1:9/v1/",
            ["StatBank:MaxRetryAttempts"] = "1",
        });
        using var client = factory.CreateClient();
        // As DemoSampleGenerator tunes the figures: Horsens +620 jobs a year against 500, Hedensted's new firms +4 %
        // against 3 %, MidtVest's unemployment −1.8 % against −2 %, its jobs +0.9 % against Denmark's pace plus 0.5
        // points, Herning's population +0.3 % against 0.5 %.
        var expected = new Dictionary<string, string>
        {
            ["horsens-jobs"] = "on_track",
            ["brmv-jobs-vs-denmark"] = "off_track",
            ["brmv-unemployment"] = "at_risk",
            ["herning-population"] = "off_track",
            ["hedensted-new-firms"] = "on_track",
        };

        // The service queues every never-ingested indicator at start, as on a first real run, and judges the targets
        // after each ingestion that brought data.
        await Eventually.TrueAsync(async () => await OutcomesAsync(client) is var outcomes && outcomes.Count == 8 && outcomes.All(o => o == "success"), TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(async () => (await ReportStatusesAsync(client)).OrderBy(s => s.Key).SequenceEqual(expected.OrderBy(s => s.Key)), Eventually.BackgroundWork);

        Assert.Equal(expected, await ReportStatusesAsync(client));
    }

    /// <summary>Each target's status in its alliance's 2026 report, read from the JSON report API.</summary>
    private static async Task<Dictionary<string, string>> ReportStatusesAsync(HttpClient client)
    {
        Dictionary<string, string> statuses = [];
        foreach (var alliance in new[] { "horsens", "brmv", "herning", "hedensted" })
        {
            using var report = JsonDocument.Parse(await client.GetStringAsync($"/api/alliances/{alliance}/reports/2026"));
            foreach (var target in report.RootElement.GetProperty("targets").EnumerateArray())
            {
                statuses[target.GetProperty("target").GetProperty("id").GetString()!] = target.GetProperty("evaluation").GetProperty("status").GetString()!;
            }
        }

        return statuses;
    }

    private static async Task<List<string?>> OutcomesAsync(HttpClient client)
    {
        using var indicators = JsonDocument.Parse(await client.GetStringAsync("/api/indicators"));
        return [.. indicators.RootElement.EnumerateArray().Select(i => i.GetProperty("lastOutcome").GetString())];
    }
}
