using CraftCX.Events;

namespace CraftCX.Scoring;

/// <summary>
/// Response-time targets that the responsiveness criterion measures against. The two numbers are the chat targets
/// (also used for channels of no known kind); <see cref="Channels"/> sets other kinds, and a kind it leaves out
/// gets <see cref="ChannelSlaDefaults"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.sla-targets.v1")]
public sealed record SlaTargets(
    [property: Id(0)] int FirstResponseSeconds = 60,
    [property: Id(1)] int ResponseSeconds = 120)
{
    /// <summary>Targets per channel kind (chat, messaging, email, social, voice, other), overriding the defaults.</summary>
    [Id(2)] public IReadOnlyDictionary<string, ChannelSla>? Channels { get; init; }

    /// <summary>The targets for a conversation on <paramref name="channel"/> (as its events name it).</summary>
    public ChannelSla For(string? channel)
    {
        var kind = ChannelKinds.Of(channel);
        if (Channels is not null && Channels.TryGetValue(kind, out var set))
        {
            return set;
        }

        return kind is ChannelKinds.Chat or ChannelKinds.Other || !ChannelSlaDefaults.ByKind.TryGetValue(kind, out var fallback)
            ? new ChannelSla(FirstResponseSeconds, ResponseSeconds)
            : fallback;
    }
}
