using System.Diagnostics;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or the time is up; the failure says what was last seen.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (watch.Elapsed < timeout);

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}");
    }

    public static Task<T> ReturnsAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan timeout, string what) =>
        ReturnsAsync(() => Task.FromResult(probe()), done, timeout, what);
}
