using System.Globalization;

namespace CraftCX.Benchmarks;

/// <summary>
/// CPU time of this process's threads whose name starts with a prefix, from <c>/proc/self/task</c>: the
/// in-process mock broker's thread ("rdk:mock") is a test fixture, so its time is reported apart from the pipeline's.
/// </summary>
internal static class ThreadCpu
{
    public const string MockBroker = "rdk:mock";

    // The kernel's USER_HZ: utime and stime count in these, and it is 100 on every Linux build that matters here.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time of the matching live threads; zero where /proc is not there.</summary>
    public static TimeSpan Of(string namePrefix)
    {
        var tasks = new DirectoryInfo("/proc/self/task");
        if (!tasks.Exists)
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var task in tasks.EnumerateDirectories())
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task.FullName, "stat"));

                // "tid (comm) state ..." where comm may hold spaces and parentheses: the last ')' ends it.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(open + 1, close - open - 1).StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // After comm: state is field 3, utime field 14 and stime field 15.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while it was read: its time is no longer counted by anyone.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
