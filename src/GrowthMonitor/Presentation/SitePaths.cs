using System.Globalization;

namespace GrowthMonitor.Presentation;

/// <summary>
/// The addresses of the service's Danish pages (ASCII, as people type and read them), named once: the endpoints map
/// them and every link, form and e-mail points at them from here.
/// </summary>
public static class SitePaths
{
    /// <summary>The front page, where every page of the service leads back to.</summary>
    public const string FrontPage = "/";

    public const string SignIn = "/log-ind";

    public const string SignOut = "/log-ud";

    /// <summary>The signed-in person's targets and what they have due.</summary>
    public const string MyTargets = "/mine-maal";

    public const string Target = "/maal/{targetId}";

    public const string Upload = "/indikatorer/{id}/upload";

    public const string Members = "/alliancer/{id}/medlemmer";

    /// <summary>The guide for group members: how to enter figures and notes.</summary>
    public const string Guide = "/vejledning";

    public static string TargetOf(string targetId) => "/maal/" + Uri.EscapeDataString(targetId);

    public static string UploadOf(string indicatorId) => $"/indikatorer/{Uri.EscapeDataString(indicatorId)}/upload";

    public static string MembersOf(string allianceId) => $"/alliancer/{Uri.EscapeDataString(allianceId)}/medlemmer";

    /// <summary>A fragment id within a page, for a period (2026H1 → "periode-2026H1").</summary>
    public static string PeriodAnchor(string period) => "periode-" + period.ToString(CultureInfo.InvariantCulture);
}
