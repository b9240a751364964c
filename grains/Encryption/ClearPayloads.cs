namespace CraftCX.Encryption;

/// <summary>Memory storage: nothing is at rest, so payloads are kept as they are.</summary>
internal sealed class ClearPayloads : ITenantPayloadSealer
{
    public bool Seals => false;

    public ValueTask<byte[]> SealAsync(string tenant, ReadOnlyMemory<byte> payload, string purpose) => ValueTask.FromResult(payload.ToArray());

    public ValueTask<byte[]> OpenAsync(string tenant, ReadOnlyMemory<byte> sealedPayload, string purpose) =>
        throw new InvalidOperationException("This silo seals nothing (memory storage): its dead letters hold their original bytes as they are.");
}
