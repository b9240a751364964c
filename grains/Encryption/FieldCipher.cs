using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CraftCX.Encryption;

/// <summary>
/// AES-256-GCM for one stored value. The ciphertext carries the version of the key that sealed it, so a rotation
/// needs no downtime (old versions stay readable), and is bound to a context (tenant and field) so that a value
/// copied into another tenant's row or another field does not open. Each value is sealed under its own subkey,
/// derived with HKDF from the data key and a random 16-byte salt: random 96-bit nonces under one key are safe for
/// only 2^32 messages (NIST SP 800-38D), which a busy tenant's rewritten states would reach within weeks.
/// Layout: marker, key version (4 bytes, big endian), salt (16), nonce (12), tag (16), ciphertext.
/// </summary>
internal static class FieldCipher
{
    public const int KeySize = 32;

    private const byte Marker = 0xC2;
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int SaltOffset = 1 + 4;
    private const int NonceOffset = SaltOffset + SaltSize;
    private const int TagOffset = NonceOffset + NonceSize;
    private const int HeaderSize = TagOffset + TagSize;

    private static ReadOnlySpan<byte> SubkeyInfo => "craftcx.field-cipher.v2"u8;

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
        RandomNumberGenerator.Fill(destination.Slice(SaltOffset, SaltSize + NonceSize));
        Span<byte> subkey = stackalloc byte[KeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, subkey, destination.Slice(SaltOffset, SaltSize), SubkeyInfo);
        using var aes = new AesGcm(subkey, TagSize);
        CryptographicOperations.ZeroMemory(subkey);
        aes.Encrypt(destination.Slice(NonceOffset, NonceSize), plaintext, destination[HeaderSize..], destination.Slice(TagOffset, TagSize), Bound(destination, context));
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
        Span<byte> subkey = stackalloc byte[KeySize];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, subkey, sealedValue.Slice(SaltOffset, SaltSize), SubkeyInfo);
        try
        {
            using var aes = new AesGcm(subkey, TagSize);
            aes.Decrypt(sealedValue.Slice(NonceOffset, NonceSize), sealedValue[HeaderSize..], sealedValue.Slice(TagOffset, TagSize), plaintext, Bound(sealedValue, context));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new TamperedValueException("A stored value failed its integrity check: it was changed, or it belongs to another tenant or field.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }

        return plaintext;
    }

    // The marker and key version are authenticated too: a changed version must not point the value at another key.
    // (The salt and nonce are authenticated by construction: another salt is another subkey.)
    private static byte[] Bound(ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> context)
    {
        var bound = new byte[5 + context.Length];
        sealedValue[..5].CopyTo(bound);
        context.CopyTo(bound.AsSpan(5));
        return bound;
    }
}
