using System.Text.Json;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace GrowthMonitor.TestSupport;

/// <summary>axe-core in the page: the WCAG 2.1 A and AA rules, what needs a human's review written to the test output.</summary>
public static class Axe
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Fails with every violation, its rule and the elements concerned.</summary>
    public static async Task AssertNoWcag21AaViolationsAsync(IPage page, ITestOutputHelper output)
    {
        // Playwright inlines the file's content, so injecting axe makes no request.
        await page.AddScriptTagAsync(new() { Path = ChromiumFixture.AxeScript });
        var json = await page.EvaluateAsync<string>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return JSON.stringify({
                version: result.testEngine.version,
                passes: result.passes.length,
                incomplete: result.incomplete.flatMap(r => r.nodes.map(n =>
                  r.id + ' ' + n.target.join(' ') + ' [' + n.any.concat(n.all).map(c => c.data && c.data.messageKey || c.id).join(', ') + ']')),
                violations: result.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })),
              });
            }
            """, WcagTags);
        var result = JsonSerializer.Deserialize<AxeResult>(json, JsonSerializerOptions.Web)!;
        output.WriteLine($"axe-core {result.Version}: {result.Passes} rules passed; needs review:\n{string.Join("\n", result.Incomplete)}");

        Assert.True(result.Passes > 0, "axe-core ran no rule.");
        Assert.True(result.Violations.Count == 0, "WCAG 2.1 A/AA violations:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n    {string.Join("\n    ", v.Nodes)}")));
    }

    private sealed record AxeResult(string Version, int Passes, List<string> Incomplete, List<AxeViolation> Violations);

    private sealed record AxeViolation(string Id, string? Impact, string Help, List<string> Nodes);
}
