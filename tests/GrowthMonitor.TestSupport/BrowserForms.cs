using System.Diagnostics;
using Microsoft.Playwright;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// Presses a form's button the way a person does and waits until the browser shows the page the POST led to.
/// Playwright's load-state and URL waits rely on Chromium's lifecycle events, and on a loaded 2-core machine a
/// navigation that POSTs back to the same URL has been seen to leave the "load" event unreported (30 s and 120 s
/// waits ran out in CI while the page was long there). So the old document is marked before the click, and the wait is
/// for a document without the mark that the browser itself calls complete.
/// </summary>
public static class BrowserForms
{
    private const string LeftBehind = "data-left-behind";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Clicks <paramref name="button"/>; the answer to the POST it sent (a redirect's own status, not its target's).</summary>
    public static async Task<IResponse> PressAsync(this IPage page, ILocator button, Func<IResponse, bool>? isAnswer = null)
    {
        await page.EvaluateAsync($"() => document.documentElement.setAttribute('{LeftBehind}', '')");
        var answer = await page.RunAndWaitForResponseAsync(
            () => button.ClickAsync(),
            response => response.Request.Method == "POST" && (isAnswer is null || isAnswer(response)),
            new() { Timeout = (float)Patience.TotalMilliseconds });
        await NextPageLoadedAsync(page);
        return answer;
    }

    /// <summary>Clicks the button of that Danish name; the answer to the POST it sent.</summary>
    public static Task<IResponse> PressAsync(this IPage page, string buttonName, Func<IResponse, bool>? isAnswer = null) =>
        page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = buttonName }), isAnswer);

    private static async Task NextPageLoadedAsync(IPage page)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>(
                        $"() => !document.documentElement.hasAttribute('{LeftBehind}') && document.readyState === 'complete'"))
                {
                    return;
                }
            }
            catch (PlaywrightException) when (waited.Elapsed < Patience)
            {
                // The old document went away while being asked: the next one is on its way.
            }

            if (waited.Elapsed >= Patience)
            {
                throw new TimeoutException($"The page after the form's POST did not finish loading within {Patience.TotalSeconds} s (now at {page.Url}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
