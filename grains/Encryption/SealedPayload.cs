using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CraftCX.Encryption;

/// <summary>
/// A sealed grain-state row (or payload): a magic, then a <see cref="FieldCipher"/> value. "CXS1" seals the bytes as
/// they are; "CXZ1" seals them compressed (zlib), since a sealed row no longer compresses in the database. The key
/// version sits at a fixed offset either way (bytes 6 to 9, big endian) so that the re-encryption can find old rows
/// with SQL, without keys. A row is bound to its format, state name and grain key, so a row copied under another
/// grain, or relabelled, does not open (not to the grain type, whose name follows the class name: a renamed class
/// must still open its rows).
/// </summary>
public static class SealedPayload
{
    /// <summary>The magic of a row sealed as it is; a row without either magic was stored before encryption was on.</summary>
    public static ReadOnlySpan<byte> Magic => "CXS1"u8;

    /// <summary>The magic of a row compressed, then sealed.</summary>
    public static ReadOnlySpan<byte> CompressedMagic => "CXZ1"u8;

    public static bool IsSealed(ReadOnlySpan<byte> payload) => payload.StartsWith(Magic) || payload.StartsWith(CompressedMagic);

    public static bool IsCompressed(ReadOnlySpan<byte> payload) => payload.StartsWith(CompressedMagic);

    public static int KeyVersionOf(ReadOnlySpan<byte> payload) =>
        IsSealed(payload) ? FieldCipher.KeyVersionOf(payload[Magic.Length..]) : throw new TamperedValueException("The stored value is not sealed.");

    /// <summary>The key version as SQL compares it: four big-endian bytes, so that byte order is number order.</summary>
    public static byte[] VersionBytes(int keyVersion)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, keyVersion);
        return bytes;
    }

    /// <summary>
    /// Seals <paramref name="plaintext"/>, bound to <paramref name="scope"/> (a state name, or a purpose) and
    /// <paramref name="owner"/> (a grain key, or a tenant); with <paramref name="compress"/>, compressed first.
    /// </summary>
    internal static byte[] Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, string scope, string owner, bool compress = false)
    {
        var content = compress ? Compress(plaintext) : plaintext;
        var magic = compress ? CompressedMagic : Magic;
        var payload = new byte[magic.Length + FieldCipher.SealedLength(content.Length)];
        magic.CopyTo(payload);
        FieldCipher.Seal(key, keyVersion, content, Context(compress, scope, owner), payload.AsSpan(magic.Length));
        return payload;
    }

    internal static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload, string scope, string owner)
    {
        var compressed = IsCompressed(payload);
        var opened = FieldCipher.Open(key, payload[Magic.Length..], Context(compressed, scope, owner));

        // Only what the key sealed is decompressed: the tag has passed, so the bytes are the silo's own.
        return compressed ? Decompress(opened) : opened;
    }

    // The format is part of the context: a compressed row relabelled "CXS1" (or the reverse) fails its tag.
    private static byte[] Context(bool compressed, string scope, string owner) =>
        Encoding.UTF8.GetBytes($"craftcx.state.{(compressed ? "z1" : "v1")}/{scope}/{owner}");

    private static byte[] Compress(ReadOnlySpan<byte> plaintext)
    {
        using var output = new MemoryStream(plaintext.Length / 2 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(plaintext);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var input = new MemoryStream(compressed, writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(compressed.Length * 3);
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
