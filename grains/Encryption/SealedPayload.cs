using System.Buffers.Binary;
using System.Text;

namespace CraftCX.Encryption;

/// <summary>
/// A sealed grain-state row: the magic "CXS1", then a <see cref="FieldCipher"/> value. The key version sits at a
/// fixed offset (bytes 6 to 9, big endian) so that the re-encryption can find old rows with SQL, without keys.
/// The value is bound to its state name and grain key, so a row copied under another grain does not open (not to the
/// grain type, whose name follows the class name: a renamed class must still open its rows).
/// </summary>
public static class SealedPayload
{
    /// <summary>The magic a sealed row starts with; a row without it was stored before encryption was on.</summary>
    public static ReadOnlySpan<byte> Magic => "CXS1"u8;

    /// <summary>Zero-based offset of the key version in a sealed row.</summary>
    public const int KeyVersionOffset = 5;

    public static bool IsSealed(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    public static int KeyVersionOf(ReadOnlySpan<byte> payload) =>
        IsSealed(payload) ? FieldCipher.KeyVersionOf(payload[Magic.Length..]) : throw new TamperedValueException("The stored row is not sealed.");

    internal static byte[] Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, string stateName, GrainId grainId)
    {
        var payload = new byte[Magic.Length + FieldCipher.SealedLength(plaintext.Length)];
        Magic.CopyTo(payload);
        FieldCipher.Seal(key, keyVersion, plaintext, Context(stateName, grainId), payload.AsSpan(Magic.Length));
        return payload;
    }

    internal static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, string stateName, GrainId grainId) =>
        FieldCipher.Open(key, payload[Magic.Length..], Context(stateName, grainId));

    /// <summary>The key version as SQL compares it: four big-endian bytes, so that byte order is number order.</summary>
    public static byte[] VersionBytes(int keyVersion)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, keyVersion);
        return bytes;
    }

    internal static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, string stateName, string grainKey) =>
        FieldCipher.Open(key, payload[Magic.Length..], Context(stateName, grainKey));

    private static byte[] Context(string stateName, GrainId grainId) => Context(stateName, grainId.Key.ToString()!);

    private static byte[] Context(string stateName, string grainKey) => Encoding.UTF8.GetBytes($"craftcx.state.v1/{stateName}/{grainKey}");
}
