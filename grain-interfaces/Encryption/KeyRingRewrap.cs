namespace CraftCX.Encryption;

/// <summary>What a ring's rewrap did: the keys it moved, and the key-encryption key versions that wrap its keys now.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.key-ring-rewrap.v1")]
public sealed record KeyRingRewrap([property: Id(0)] int Moved, [property: Id(1)] IReadOnlyList<int> WrappedBy);
