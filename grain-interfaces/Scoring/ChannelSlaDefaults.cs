using CraftCX.Events;

namespace CraftCX.Scoring;

/// <summary>
/// The targets a QA lead would start from where the scorecard names none for a channel: chat is answered in a
/// minute, messaging in a quarter of an hour, social in an hour, email in a working morning, and voice at once.
/// </summary>
public static class ChannelSlaDefaults
{
    public static IReadOnlyDictionary<string, ChannelSla> ByKind { get; } = new Dictionary<string, ChannelSla>(StringComparer.Ordinal)
    {
        [ChannelKinds.Chat] = new(60, 120),
        [ChannelKinds.Messaging] = new(900, 900),
        [ChannelKinds.Email] = new(4 * 3600, 4 * 3600),
        [ChannelKinds.Social] = new(3600, 3600),
        [ChannelKinds.Voice] = new(20, 30),
    };
}
