namespace CraftCX.Silo.Demo;

/// <summary>The demo traffic generator (section "Demo"): replays real ABCD conversations as live chat events.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    public string Tenant { get; set; } = "demo";

    public string[] Workspaces { get; set; } = ["support-eu", "support-us", "billing"];

    public string[] Agents { get; set; } = ["agent-ana", "agent-ben", "agent-chen", "agent-dana", "agent-eli", "agent-fay", "agent-gus", "agent-hana"];

    public string[] Bots { get; set; } = ["bot-craft", "bot-helper"];

    /// <summary>Conversations running at the same time.</summary>
    public int ConcurrentConversations { get; set; } = 60;

    /// <summary>Upper bound of the produced event rate.</summary>
    public double MaxEventsPerSecond { get; set; } = 50;

    /// <summary>Multiplies the realistic delays (typing, agent replies); 1 is real time.</summary>
    public double TimeScale { get; set; } = 0.5;

    /// <summary>Share of events deliberately broken, to show the dead-letter path working.</summary>
    public double InvalidEventRate { get; set; } = 0.005;

    /// <summary>Fixed seed for a reproducible run; null for a new sequence each start.</summary>
    public int? Seed { get; set; }

    /// <summary>The ABCD sample, relative to the application folder unless absolute.</summary>
    public string DataFile { get; set; } = "Demo/Data/abcd/abcd_sample.json";
}
