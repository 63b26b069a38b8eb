using AngleSharp.Html.Parser;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>
/// A change on the jobs dashboard as its own pages make it: Hangfire checks the service's antiforgery token on every
/// change, and its pages carry one (a header named in a meta tag, and a cookie).
/// </summary>
public static class JobsDashboard
{
    /// <summary>Fetches a dashboard page with <paramref name="client"/> (an operator's, or a local one) and puts its token on <paramref name="change"/>.</summary>
    public static async Task AddAntiforgeryAsync(HttpClient client, HttpRequestMessage change)
    {
        using var page = await client.GetAsync("/hangfire/recurring");
        var html = new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        change.Headers.Add(html.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!, html.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!);
        change.Headers.Add("Cookie", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }
}
