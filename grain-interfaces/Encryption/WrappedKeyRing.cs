namespace CraftCX.Encryption;

/// <summary>
/// A tenant's data keys as a silo receives them: still wrapped, so that no key in the clear crosses the network;
/// each silo unwraps them itself. Once destroyed, the ring keeps only which versions existed and when they went.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.wrapped-key-ring.v1")]
public sealed record WrappedKeyRing(
    [property: Id(0)] int CurrentVersion,
    [property: Id(1)] IReadOnlyList<WrappedDataKey> Keys,
    [property: Id(2)] int DestroyedThrough,
    [property: Id(3)] DateTimeOffset? DestroyedAt);
