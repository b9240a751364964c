using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CraftCX.Encryption;

/// <summary>
/// AES-256-GCM for one stored field. The ciphertext carries the version of the key that sealed it, so a rotation
/// needs no downtime (old versions stay readable), and is bound to a context (tenant and field) so that a value
/// copied into another tenant's row or another field does not open. Layout: marker, key version (4 bytes, big
/// endian), nonce (12), tag (16), ciphertext.
/// </summary>
internal static class FieldCipher
{
    public const int KeySize = 32;

    private const byte Marker = 0xC1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + 4 + NonceSize + TagSize;

    /// <summary>Seals <paramref name="plaintext"/> under the key of <paramref name="keyVersion"/>, bound to <paramref name="context"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var sealedValue = new byte[SealedLength(plaintext.Length)];
        Seal(key, keyVersion, plaintext, context, sealedValue);
        return sealedValue;
    }

    /// <summary>The length of a sealed value of <paramref name="plaintextLength"/> bytes.</summary>
    public static int SealedLength(int plaintextLength) => HeaderSize + plaintextLength;

    /// <summary>Seals into <paramref name="destination"/>, exactly <see cref="SealedLength"/> bytes, so a caller can put its own prefix before it.</summary>
    public static void Seal(ReadOnlySpan<byte> key, int keyVersion, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A data key has {KeySize} bytes.", nameof(key));
        }

        if (destination.Length != SealedLength(plaintext.Length))
        {
            throw new ArgumentException("The destination must be exactly as long as the sealed value.", nameof(destination));
        }

        destination[0] = Marker;
        BinaryPrimitives.WriteInt32BigEndian(destination.Slice(1, 4), keyVersion);
        var nonce = destination.Slice(5, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, destination[HeaderSize..], destination.Slice(5 + NonceSize, TagSize), Bound(destination, context));
    }

    /// <summary>The key version a sealed value needs; throws <see cref="TamperedValueException"/> when it is not one.</summary>
    public static int KeyVersionOf(ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < HeaderSize || sealedValue[0] != Marker)
        {
            throw new TamperedValueException("The stored value is not a sealed value of this format.");
        }

        return BinaryPrimitives.ReadInt32BigEndian(sealedValue.Slice(1, 4));
    }

    /// <summary>Opens a sealed value with the key of its version; a changed byte or another context fails the tag.</summary>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> context)
    {
        _ = KeyVersionOf(sealedValue);
        var plaintext = new byte[sealedValue.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedValue.Slice(5, NonceSize), sealedValue[HeaderSize..], sealedValue.Slice(5 + NonceSize, TagSize), plaintext, Bound(sealedValue, context));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new TamperedValueException("A stored value failed its integrity check: it was changed, or it belongs to another tenant or field.", ex);
        }

        return plaintext;
    }

    // The marker and key version are authenticated too: a changed version must not point the value at another key.
    private static byte[] Bound(ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> context)
    {
        var bound = new byte[5 + context.Length];
        sealedValue[..5].CopyTo(bound);
        context.CopyTo(bound.AsSpan(5));
        return bound;
    }
}
