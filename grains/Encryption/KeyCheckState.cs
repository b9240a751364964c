namespace CraftCX.Encryption;

/// <summary>A known value wrapped with the key-encryption key when a key store first meets it; only that key opens it again.</summary>
[GenerateSerializer, Alias("craftcx.key-check-state.v1")]
internal sealed class KeyCheckState
{
    [Id(0)]
    public byte[] Wrapped { get; set; } = [];

    [Id(1)]
    public DateTimeOffset CreatedAt { get; set; }
}
