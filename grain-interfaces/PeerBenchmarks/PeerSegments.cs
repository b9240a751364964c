using CraftCX.Aggregation;

namespace CraftCX.PeerBenchmarks;

/// <summary>
/// What a benchmark segment is made of: an industry from a fixed list (the tenant states it), and the channel and
/// handler (human, bot or hybrid), which come from the data. Channels are folded into a fixed list too, so that no
/// tenant's own channel name can reach a publication.
/// </summary>
public static class PeerSegments
{
    public static readonly IReadOnlyList<string> Industries =
    [
        "retail", "financial-services", "insurance", "telecom", "travel-hospitality", "software", "healthcare",
        "utilities", "logistics", "education", "public-sector", "other",
    ];

    public static readonly IReadOnlyList<string> Channels = Events.ChannelKinds.All;

    public static bool IsIndustry(string? industry) => industry is not null && Industries.Contains(industry, StringComparer.Ordinal);

    /// <summary>The channel as a segment names it: one of <see cref="Channels"/>.</summary>
    public static string ChannelOf(string? channel) => Events.ChannelKinds.Of(channel);

    public static string HandlerOf(HandledBy handledBy) => handledBy switch
    {
        HandledBy.Bot => "bot",
        HandledBy.Hybrid => "hybrid",
        _ => "human",
    };
}
