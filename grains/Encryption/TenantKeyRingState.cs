namespace CraftCX.Encryption;

/// <summary>The stored key ring of one tenant (provider "keys"): wrapped data keys, the current version, destruction, rotation.</summary>
[GenerateSerializer, Alias("craftcx.tenant-key-ring-state.v1")]
internal sealed class TenantKeyRingState
{
    [Id(0)]
    public List<WrappedDataKey> Keys { get; set; } = [];

    [Id(1)]
    public int CurrentVersion { get; set; }

    /// <summary>Every version up to this one was destroyed; a ring made again for the tenant starts above it.</summary>
    [Id(2)]
    public int DestroyedThrough { get; set; }

    [Id(3)]
    public DateTimeOffset? DestroyedAt { get; set; }

    [Id(4)]
    public KeyRotationProgress? Rotation { get; set; }

    /// <summary>When the tenant was created again after <see cref="DestroyedAt"/>; until then no new key is made.</summary>
    [Id(5)]
    public DateTimeOffset? RecreatedAt { get; set; }
}
