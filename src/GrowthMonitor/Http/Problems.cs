using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GrowthMonitor.Http;

/// <summary>ProblemDetails answers (application/problem+json) shared by the API's endpoints.</summary>
public static class Problems
{
    /// <summary>What is unknown, as a Danish reader is told there is none: "ingen alliance", "intet mål".</summary>
    private static readonly Dictionary<string, string> NoneInDanish = new(StringComparer.Ordinal)
    {
        ["alliance"] = "ingen alliance",
        ["focus area"] = "intet indsatsområde",
        ["target"] = "intet mål",
        ["indicator"] = "ingen indikator",
        ["route"] = "ingen modtager",
        ["figure"] = "intet tal",
    };

    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(new ProblemForReaders
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"Unknown {what}",
        Detail = $"There is no {what} '{Shorten(id)}'.",
        Danish = NoneInDanish.TryGetValue(what, out var none) ? $"Der er {none} ved navn »{Shorten(id)}«." : null,
    });

    /// <param name="danish">The sentence a person in a browser reads (<see cref="ProblemPageForBrowsers"/>); without it, the page says what a 400 means.</param>
    public static ProblemHttpResult BadRequest(string title, string detail, string? danish = null) => TypedResults.Problem(new ProblemForReaders
    {
        Status = StatusCodes.Status400BadRequest,
        Title = title,
        Detail = detail,
        Danish = danish,
    });

    /// <summary>Echo at most a short, printable prefix of what was asked for.</summary>
    public static string Shorten(string text)
    {
        var printable = new string([.. text.Take(64).Where(c => !char.IsControl(c))]);
        return text.Length > 64 ? printable + "…" : printable;
    }
}

/// <summary>
/// A ProblemDetails that also says, in Danish, what went wrong, for the error page a browser gets
/// (<see cref="ProblemPageForBrowsers"/>); API clients get the ProblemDetails without it.
/// </summary>
public sealed class ProblemForReaders : ProblemDetails
{
    [JsonIgnore]
    public string? Danish { get; init; }
}
