namespace CraftCX.Encryption;

/// <summary>Seals a payload kept outside grain state (a dead letter's original bytes) with its tenant's data key.</summary>
public interface ITenantPayloadSealer
{
    /// <summary>False when nothing is sealed (memory storage): payloads are kept as they are.</summary>
    bool Seals { get; }

    /// <summary>The payload sealed under the tenant's current key version, bound to the tenant and <paramref name="purpose"/>.</summary>
    ValueTask<byte[]> SealAsync(string tenant, ReadOnlyMemory<byte> payload, string purpose);

    /// <summary>Opens what <see cref="SealAsync"/> made; "key destroyed" once the tenant is shredded.</summary>
    ValueTask<byte[]> OpenAsync(string tenant, ReadOnlyMemory<byte> sealedPayload, string purpose);
}
