using System.Diagnostics;
using Microsoft.Playwright;

namespace GrowthMonitor.TestSupport;

/// <summary>
/// Presses a form's button or follows a link the way a person does, and waits until the browser shows the page it led to.
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
        IResponse? answer = null;
        await page.LeaveAsync(async () => answer = await page.RunAndWaitForResponseAsync(
            () => button.ClickAsync(),
            response => response.Request.Method == "POST" && (isAnswer is null || isAnswer(response)),
            new() { Timeout = (float)Patience.TotalMilliseconds }));
        return answer!;
    }

    /// <summary>Clicks <paramref name="link"/> and waits until the browser shows the page it leads to.</summary>
    public static Task FollowAsync(this IPage page, ILocator link) => page.LeaveAsync(() => link.ClickAsync());

    /// <summary>Clicks the button of that Danish name; the answer to the POST it sent.</summary>
    public static Task<IResponse> PressAsync(this IPage page, string buttonName, Func<IResponse, bool>? isAnswer = null) =>
        page.PressAsync(page.GetByRole(AriaRole.Button, new() { Name = buttonName }), isAnswer);

    /// <summary>Marks the page shown, does what leaves it, and waits for a page without the mark that has finished loading.</summary>
    private static async Task LeaveAsync(this IPage page, Func<Task> leave)
    {
        await page.EvaluateAsync($"() => document.documentElement.setAttribute('{LeftBehind}', '')");
        await leave();
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
                throw new TimeoutException($"The next page did not finish loading within {Patience.TotalSeconds} s (now at {page.Url}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
