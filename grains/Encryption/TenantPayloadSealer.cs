namespace CraftCX.Encryption;

/// <summary>Seals payloads in the same format as sealed rows, so they carry their key version and fail on a changed byte.</summary>
internal sealed class TenantPayloadSealer(TenantDataKeys keys) : ITenantPayloadSealer
{
    public bool Seals => true;

    public async ValueTask<byte[]> SealAsync(string tenant, ReadOnlyMemory<byte> payload, string purpose)
    {
        var tenantKeys = await keys.GetAsync(tenant);
        return SealedPayload.Seal(tenantKeys.Current, tenantKeys.CurrentVersion, payload.Span, purpose, tenant);
    }

    public async ValueTask<byte[]> OpenAsync(string tenant, ReadOnlyMemory<byte> sealedPayload, string purpose)
    {
        var version = SealedPayload.KeyVersionOf(sealedPayload.Span);
        var tenantKeys = await keys.GetAsync(tenant, needed: version);
        return SealedPayload.Open(tenantKeys.Key(version), sealedPayload.Span, purpose, tenant);
    }
}
