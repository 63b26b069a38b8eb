using System.Globalization;
using GrowthMonitor.Http;
using GrowthMonitor.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GrowthMonitor.Downloads;

/// <summary>The <c>asOf</c> and <c>vintage</c> query parameters, shared by the series and the report.</summary>
public static class Vintages
{
    /// <summary>The choice the parameters make; null when either is malformed or they contradict each other.</summary>
    public static VintageChoice? Choose(string? asOf, string? vintage)
    {
        if (asOf is not null)
        {
            return vintage is null or "latest" && asOf.Length <= 40
                && DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
                ? VintageChoice.KnownAt(moment.ToUniversalTime())
                : null;
        }

        return vintage switch
        {
            null or "latest" => VintageChoice.Latest,
            "first" => VintageChoice.First,
            _ => null,
        };
    }

    public static ProblemHttpResult Invalid() => Problems.BadRequest(
        "Invalid vintage",
        "asOf must be a moment such as 2026-03-01T00:00:00Z; vintage must be latest or first, and first cannot be combined with asOf.");

    public static string Name(VintageChoice choice) => choice.Kind switch
    {
        VintageKind.First => "first",
        VintageKind.AsOf => "as-of",
        _ => "latest",
    };
}
