namespace CraftCX.Encryption;

/// <summary>One version of a tenant's data key, as stored: wrapped by the key-encryption key of <see cref="WrappingKeyVersion"/>.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.wrapped-data-key.v1")]
public sealed record WrappedDataKey(
    [property: Id(0)] int Version,
    [property: Id(1)] int WrappingKeyVersion,
    [property: Id(2)] byte[] Wrapped,
    [property: Id(3)] DateTimeOffset CreatedAt);
