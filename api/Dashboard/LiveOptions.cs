using System.ComponentModel.DataAnnotations;

namespace CraftCX.Api.Dashboard;

/// <summary>Pacing of live updates to browsers (section "Live").</summary>
internal sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// Least time between two sends to one workspace's clients; changes in between are merged. The first change
    /// after a quiet spell goes out at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Least time between two sends of agent standings and workspace aggregates (leaderboard, histograms): the big
    /// payloads, which a person reads at a glance, not per event.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StandingsInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the bridge checks for changes to send.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Alerts kept between two messages; older ones beyond this are dropped with a count.</summary>
    [Range(1, 100_000)]
    public int MaxAlertsPerMessage { get; set; } = 100;

    /// <summary>Workspaces one hub connection may watch at once (each is a stream subscription on the silo).</summary>
    [Range(1, 100_000)]
    public int MaxWorkspacesPerConnection { get; set; } = 20;

    /// <summary>Hub connections one key may hold open on one silo; beyond it a new one gets 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerKey { get; set; } = 20;
}
