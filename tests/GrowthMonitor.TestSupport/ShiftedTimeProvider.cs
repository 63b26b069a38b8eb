namespace GrowthMonitor.TestSupport;

/// <summary>
/// Moves "now" to a fixed day so that staleness and the latest report year do not depend on when the tests run,
/// while retry delays, timers and timeouts keep running on the real clock.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset today) : TimeProvider
{
    private readonly TimeSpan shift = today - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
