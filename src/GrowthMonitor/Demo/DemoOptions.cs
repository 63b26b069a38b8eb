namespace GrowthMonitor.Demo;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>
    /// Serve Statistics Denmark's answers from the bundled synthetic sample (Demo/StatBank) instead of the network, so
    /// every page, report and dashboard has content on a machine without access. The figures are invented.
    /// </summary>
    public bool Enabled { get; set; }
}
