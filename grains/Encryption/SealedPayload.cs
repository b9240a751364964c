using System.Buffers.Binary;
using System.Text;

namespace CraftCX.Encryption;

/// <summary>
/// A sealed grain-state row (or payload): the magic "CXS1", then a <see cref="FieldCipher"/> value. The key version
/// sits at a fixed offset (bytes 6 to 9, big endian) so that the re-encryption can find old rows with SQL, without
/// keys. A row is bound to its state name and grain key, so a row copied under another grain does not open (not to
/// the grain type, whose name follows the class name: a renamed class must still open its rows).
/// </summary>
public static class SealedPayload
{
    /// <summary>The magic a sealed row starts with; a row without it was stored before encryption was on.</summary>
    public static ReadOnlySpan<byte> Magic => "CXS1"u8;

    public static bool IsSealed(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic);

    public static int KeyVersionOf(ReadOnlySpan<byte> payload) =>
        IsSealed(payload) ? FieldCipher.KeyVersionOf(payload[Magic.Length..]) : throw new TamperedValueException("The stored value is not sealed.");

    /// <summary>The key version as SQL compares it: four big-endian bytes, so that byte order is number order.</summary>
    public static byte[] VersionBytes(int keyVersion)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, keyVersion);
        return bytes;
    }

    /// <summary>Seals <paramref name="plaintext"/>, bound to <paramref name="scope"/> (a state name, or a purpose) and <paramref name="owner"/> (a grain key, or a tenant).</summary>
    internal static byte[] Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, string scope, string owner)
    {
        var payload = new byte[Magic.Length + FieldCipher.SealedLength(plaintext.Length)];
        Magic.CopyTo(payload);
        FieldCipher.Seal(key, keyVersion, plaintext, Context(scope, owner), payload.AsSpan(Magic.Length));
        return payload;
    }

    internal static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, string scope, string owner) =>
        FieldCipher.Open(key, payload[Magic.Length..], Context(scope, owner));

    private static byte[] Context(string scope, string owner) => Encoding.UTF8.GetBytes($"craftcx.state.v1/{scope}/{owner}");
}
