namespace GrowthMonitor.TestSupport;

/// <summary>
/// Moves "now" to a fixed day so that staleness and the latest report year do not depend on when the tests run,
/// while retry delays, timers and timeouts keep running on the real clock.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset today) : TimeProvider
{
    private TimeSpan shift = today - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    /// <summary>Moves "now" to another day, as when a test lets a season pass; timers keep running as before.</summary>
    public void MoveTo(DateTimeOffset day) => shift = day - System.GetUtcNow();
}
