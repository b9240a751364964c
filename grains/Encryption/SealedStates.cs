using CraftCX.Connectors;
using CraftCX.Conversations;
using CraftCX.Reviews;

namespace CraftCX.Encryption;

/// <summary>The grain states sealed with the tenant's key (provider "conversations"), and the grain that writes each again.</summary>
public static class SealedStates
{
    public const string Conversation = "conversation";
    public const string Reviews = "reviews";
    public const string Connectors = ConnectorKeys.StateName;

    public static IReadOnlyList<string> Names { get; } = [Conversation, Reviews, Connectors];

    public static ISealedStateOwner Owner(IGrainFactory grains, string stateName, string key) => stateName switch
    {
        Conversation => grains.GetGrain<IConversationGrain>(key),
        Reviews => grains.GetGrain<IConversationReviewsGrain>(key),
        Connectors => grains.GetGrain<IConnectorsGrain>(key),
        _ => throw new ArgumentOutOfRangeException(nameof(stateName), stateName, "Not a sealed state."),
    };
}
