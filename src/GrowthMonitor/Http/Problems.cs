using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Http;

/// <summary>ProblemDetails answers (application/problem+json) shared by the API's endpoints.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"Unknown {what}",
        detail: $"There is no {what} '{Shorten(id)}'.");

    public static ProblemHttpResult BadRequest(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: title,
        detail: detail);

    /// <summary>Echo at most a short, printable prefix of what was asked for.</summary>
    private static string Shorten(string text)
    {
        var printable = new string([.. text.Take(64).Where(c => !char.IsControl(c))]);
        return text.Length > 64 ? printable + "…" : printable;
    }
}
