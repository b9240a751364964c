namespace CraftCX.Encryption;

/// <summary>
/// What an operator sees of a tenant's keys: versions and dates, never key material. <see cref="WrappedBy"/> lists
/// the key-encryption key versions its data keys are wrapped by (one, once a new key has taken over).
/// </summary>
[GenerateSerializer, Immutable, Alias("craftcx.tenant-encryption-status.v1")]
public sealed record TenantEncryptionStatus(
    [property: Id(0)] int CurrentVersion,
    [property: Id(1)] IReadOnlyList<int> Versions,
    [property: Id(2)] DateTimeOffset? DestroyedAt,
    [property: Id(3)] KeyRotationProgress? Rotation,
    [property: Id(4)] IReadOnlyList<int>? WrappedBy = null);
