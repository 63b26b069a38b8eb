using GrowthMonitor.Access;
using GrowthMonitor.Presentation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Guide;

public static class GuideEndpoint
{
    /// <summary>The guide for group members at <c>/vejledning</c>, public like the front page.</summary>
    public static RouteHandlerBuilder MapGuide(this IEndpointRouteBuilder app) =>
        app.MapGet(SitePaths.Guide, GetGuide).ExcludeFromDescription();

    public static Task<ContentHttpResult> GetGuide(HttpContext context, PageFrames frames) =>
        ComponentHtml.PageAsync<GuidePage>(StatusCodes.Status200OK, ComponentHtml.Parameter(nameof(GuidePage.Frame), frames.For(context)));
}
