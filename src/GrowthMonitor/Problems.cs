using Microsoft.AspNetCore.Mvc;

namespace GrowthMonitor;

/// <summary>ProblemDetails bodies shared by the API's endpoints.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string what, string id) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"Unknown {what}",
        // Echo at most a short, printable prefix of what was asked for.
        Detail = $"There is no {what} '{Shorten(id)}'.",
    };

    public static ProblemDetails BadRequest(string title, string detail) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = title,
        Detail = detail,
    };

    private static string Shorten(string text)
    {
        var printable = new string([.. text.Take(64).Where(c => !char.IsControl(c))]);
        return text.Length > 64 ? printable + "…" : printable;
    }
}
