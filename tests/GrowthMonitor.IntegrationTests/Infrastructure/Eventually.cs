using System.Diagnostics;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>Waits for something another thread or process brings about (a Hangfire job, a server's log).</summary>
public static class Eventually
{
    /// <summary>
    /// How long a test waits for background work (a Hangfire job, a delivery, a restarted server). Seconds when all is
    /// well; the margin is for a 2-core machine that also runs the browser tests and other builds. A failing
    /// condition only costs this much, a passing one nothing.
    /// </summary>
    public static readonly TimeSpan BackgroundWork = TimeSpan.FromMinutes(2);

    /// <param name="describe">What was seen instead, for the message when the time runs out.</param>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, Func<string>? describe = null) =>
        await TrueAsync(() => Task.FromResult(condition()), within, describe);

    /// <summary>
    /// A condition that throws counts as "not yet" (e.g. the database the service creates at start does not exist
    /// yet); the last exception is reported if the time runs out.
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed <= within)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e)
            {
                last = e;
            }

            await Task.Delay(50);
        }

        var seen = describe is null ? "" : $" Seen: {describe()}.";
        throw new Xunit.Sdk.XunitException($"The condition did not hold within {within.TotalSeconds:0} s.{seen}{(last is null ? "" : $" Last error: {last.Message}")}");
    }
}
