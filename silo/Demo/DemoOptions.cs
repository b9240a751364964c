using System.ComponentModel.DataAnnotations;

namespace CraftCX.Silo.Demo;

/// <summary>
/// The demo traffic generator (section "Demo"): replays real conversations as live chat events, ABCD chats with
/// human agents and SGD dialogues with a virtual assistant (some handed over to a human part-way).
/// </summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    public string Tenant { get; set; } = "demo";

    public string[] Workspaces { get; set; } = ["support-eu", "support-us", "billing"];

    public string[] Agents { get; set; } = ["agent-ana", "agent-ben", "agent-chen", "agent-dana", "agent-eli", "agent-fay", "agent-gus", "agent-hana"];

    public string[] Bots { get; set; } = ["bot-craft", "bot-helper"];

    /// <summary>Conversations running at the same time.</summary>
    [Range(1, 100_000)]
    public int ConcurrentConversations { get; set; } = 60;

    /// <summary>Upper bound of the produced event rate.</summary>
    [Range(0.001, 1_000_000.0)]
    public double MaxEventsPerSecond { get; set; } = 50;

    /// <summary>Multiplies the realistic delays (typing, agent replies); 1 is real time.</summary>
    [Range(0.0, 1_000.0, MinimumIsExclusive = true)]
    public double TimeScale { get; set; } = 0.5;

    /// <summary>Share of events deliberately broken, to show the dead-letter path working.</summary>
    [Range(0.0, 1.0)]
    public double InvalidEventRate { get; set; } = 0.005;

    /// <summary>Fixed seed for a reproducible run; null for a new sequence each start.</summary>
    public int? Seed { get; set; }

    /// <summary>The ABCD sample, relative to the application folder unless absolute.</summary>
    public string DataFile { get; set; } = "Demo/Data/abcd/abcd_sample.json";

    /// <summary>The SGD dialogues (a user and a virtual assistant), relative to the application folder unless absolute.</summary>
    public string AssistantDataFile { get; set; } = "Demo/Data/sgd/sgd_support_sample.json";

    /// <summary>Share of conversations replayed from the SGD dialogues, handled by a bot (0 to 1).</summary>
    [Range(0.0, 1.0)]
    public double AssistantShare { get; set; } = 0.5;

    /// <summary>Share of those the bot hands over to a human agent part-way (0 to 1).</summary>
    [Range(0.0, 1.0)]
    public double AssistantHandoffShare { get; set; } = 0.3;

    /// <summary>Days of history imported at start (yesterday and before), so that trends show at once; 0 turns it off.</summary>
    [Range(0, 400)]
    public int BackfillDays { get; set; } = 60;

    /// <summary>Conversations of each backfilled day.</summary>
    [Range(0, 10_000)]
    public int BackfillConversationsPerDay { get; set; } = 40;

    /// <summary>Upper bound of the rate at which the backfill is written to the import topic.</summary>
    [Range(0.0, 1_000_000.0, MinimumIsExclusive = true)]
    public double BackfillEventsPerSecond { get; set; } = 2_000;

    /// <summary>The workspace of each SGD domain; a domain not listed gets a workspace of its own name.</summary>
    public Dictionary<string, string> DomainWorkspaces { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Banks"] = "banking",
        ["Payment"] = "banking",
        ["Flights"] = "travel",
        ["Hotels"] = "travel",
        ["RentalCars"] = "travel",
        ["Buses"] = "travel",
        ["Trains"] = "travel",
        ["RideSharing"] = "travel",
        ["Events"] = "events",
        ["Homes"] = "home-services",
        ["Services"] = "home-services",
    };
}
