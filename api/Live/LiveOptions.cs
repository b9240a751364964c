namespace CraftCX.Api.Live;

/// <summary>Pacing of live updates to browsers (section "Live").</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Least time between two messages of one kind to one workspace's clients; changes in between are merged.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Alerts kept between two messages; older ones beyond this are dropped with a count.</summary>
    public int MaxAlertsPerMessage { get; set; } = 100;
}
