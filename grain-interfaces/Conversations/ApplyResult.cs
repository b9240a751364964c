using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>What an apply batch did, and the contributions to send to the aggregates.</summary>
/// <param name="Created">This batch applied the conversation's first event.</param>
[GenerateSerializer, Immutable, Alias("craftcx.apply-result.v1")]
public sealed record ApplyResult(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] IReadOnlyList<IndexedRejection> Rejections,
    [property: Id(3)] IReadOnlyList<AggregateUpdate> Updates,
    [property: Id(4)] bool Created);
