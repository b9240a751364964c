namespace CraftCX.Encryption;

/// <summary>
/// One page of a pass that wraps every tenant's data keys again under the current key-encryption key: what it did,
/// and where the next page starts (null when the pass is done). <see cref="KeysRewrapped"/> counts the keys this page
/// moved; rings that moved by themselves when first loaded are not counted again.
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.key-rewrap-page.v1")]
public sealed record KeyRewrapPage(
    [property: Id(0)] int KeyEncryptionKeyVersion,
    [property: Id(1)] int Tenants,
    [property: Id(2)] int KeysRewrapped,
    [property: Id(3)] IReadOnlyList<KeyRewrapFailure> Failed,
    [property: Id(4)] string? Next);

/// <summary>A tenant whose ring could not be wrapped again, and why (an earlier key not configured, say).</summary>
[GenerateSerializer, Immutable, Alias("craftcx.key-rewrap-failure.v1")]
public sealed record KeyRewrapFailure([property: Id(0)] string Tenant, [property: Id(1)] string Reason);
