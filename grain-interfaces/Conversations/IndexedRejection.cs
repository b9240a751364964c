using CraftCX.Events;

namespace CraftCX.Conversations;

/// <summary>An event of an apply batch that the conversation refused, by its position in the batch.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.indexed-rejection.v1")]
public sealed record IndexedRejection(
    [property: Id(0)] int Index,
    [property: Id(1)] EventRejection Rejection);
