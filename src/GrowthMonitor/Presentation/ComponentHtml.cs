using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The one way the service writes HTML: Razor components (under <c>Presentation/Components</c> and beside each page's
/// endpoint) rendered statically on the server, for pages, reports saved as files and e-mails alike. Components get
/// everything through their parameters, so rendering needs no request and no injected service; text is encoded by
/// Razor, all of Unicode passing as is so that Danish letters stay readable in the source.
/// </summary>
public static class ComponentHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
        .AddSingleton(JavaScriptEncoder.Create(UnicodeRanges.All))
        .BuildServiceProvider();

    /// <summary>Renders <typeparamref name="TComponent"/> with these parameters (names as <c>nameof</c> the component's properties).</summary>
    public static async Task<string> RenderAsync<TComponent>(params IEnumerable<KeyValuePair<string, object?>> parameters)
        where TComponent : IComponent
    {
        // A renderer per page: its dispatcher runs one render at a time, and pages are rendered concurrently.
        await using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var root = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return root.ToHtmlString();
        });
    }

    /// <summary>A page as the response, with the status code it answers with.</summary>
    public static async Task<ContentHttpResult> PageAsync<TComponent>(int statusCode, params IEnumerable<KeyValuePair<string, object?>> parameters)
        where TComponent : IComponent =>
        TypedResults.Content(await RenderAsync<TComponent>(parameters), ContentType, Encoding.UTF8, statusCode);

    /// <summary>A parameter for <see cref="RenderAsync{TComponent}"/>.</summary>
    public static KeyValuePair<string, object?> Parameter(string name, object? value) => new(name, value);
}
