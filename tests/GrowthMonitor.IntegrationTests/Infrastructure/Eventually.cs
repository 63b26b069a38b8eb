using System.Diagnostics;

namespace GrowthMonitor.IntegrationTests.Infrastructure;

/// <summary>Waits for something another thread or process brings about (a Hangfire job, a server's log).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within) => await TrueAsync(() => Task.FromResult(condition()), within);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                throw new Xunit.Sdk.XunitException($"The condition did not hold within {within.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }
}
