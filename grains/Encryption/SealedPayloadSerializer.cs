using Orleans.Storage;

namespace CraftCX.Encryption;

/// <summary>
/// The database provider's serializer under the sealing storage: a <see cref="SealedState"/> is stored as its
/// bytes unchanged (no second envelope), anything else as the usual serializer writes it.
/// </summary>
internal sealed class SealedPayloadSerializer(IGrainStorageSerializer fallback) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        input is SealedState sealedState ? new BinaryData(sealedState.Payload) : fallback.Serialize(input);

    public T Deserialize<T>(BinaryData input) =>
        typeof(T) == typeof(SealedState) ? (T)(object)new SealedState(input.ToArray()) : fallback.Deserialize<T>(input)!;
}
