namespace CraftCX.Encryption;

/// <summary>What the sealing storage hands the database provider: the row's bytes as they are to be stored.</summary>
internal sealed class SealedState
{
    public SealedState()
    {
    }

    public SealedState(byte[] payload) => Payload = payload;

    public byte[] Payload { get; } = [];
}
