namespace GrowthMonitor.Core;

/// <summary>
/// Figures are decimals that doubles hold inexactly, so a ratio that is exactly 0.85 by hand may come out a hair
/// below; comparisons allow 1e-9 relative.
/// </summary>
internal static class Tolerance
{
    private const double Relative = 1e-9;

    public static bool AtLeast(double value, double floor) =>
        value >= floor - Relative * Math.Max(Math.Abs(value), Math.Abs(floor));

    public static bool Equal(double left, double right) =>
        Math.Abs(left - right) <= Relative * Math.Max(Math.Abs(left), Math.Abs(right));
}
