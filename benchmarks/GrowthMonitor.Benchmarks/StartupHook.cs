using GrowthMonitor.Benchmarks;

/// <summary>
/// The runtime calls this before the service's own Main when the scale benchmark names this assembly in
/// <c>DOTNET_STARTUP_HOOKS</c> (a documented .NET feature: the type must be called StartupHook and stand in no
/// namespace), so that <see cref="IoTrace"/> records the service's calls to InfluxDB and PostgreSQL without a line of
/// the service changed.
/// </summary>
internal static class StartupHook
{
    public static void Initialize() => IoTrace.Start();
}
