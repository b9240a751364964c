using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Encryption;

/// <summary>
/// The self-hosted key-encryption key: it wraps each tenant's data keys, which are stored wrapped, apart from the
/// data they protect. Read from configuration as base64 or from a key file; the error names what is wrong.
/// </summary>
internal sealed class KeyEncryptionKey : IKeyEncryptionKey
{
    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key, int version)
    {
        _key = key;
        Version = version;
    }

    /// <summary>Which key-encryption key wrapped a data key, so that it can be replaced without downtime.</summary>
    public int Version { get; }

    /// <summary>Exactly one of a base64 key or a key file; null and the reason when neither gives 32 bytes.</summary>
    public static KeyEncryptionKey? TryLoad(string? base64, string? file, int version, out string? problem)
    {
        if (string.IsNullOrWhiteSpace(base64) == string.IsNullOrWhiteSpace(file))
        {
            problem = "set exactly one of Encryption:KeyEncryptionKey (base64 of 32 random bytes) and Encryption:KeyEncryptionKeyFile";
            return null;
        }

        return TryRead(base64, file, version, "Encryption:KeyEncryptionKey", "Encryption:KeyEncryptionKeyFile", out problem);
    }

    /// <summary>Another key-encryption key of <paramref name="version"/>, from one of the two other-key settings.</summary>
    public static KeyEncryptionKey? TryLoadOther(int version, string? base64, string? file, out string? problem)
    {
        var v = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(base64) == string.IsNullOrWhiteSpace(file))
        {
            problem = string.IsNullOrWhiteSpace(base64)
                ? $"Encryption:OtherKeyEncryptionKeys:{v} is empty; give the key or remove the setting"
                : $"set one of Encryption:OtherKeyEncryptionKeys:{v} and Encryption:OtherKeyEncryptionKeyFiles:{v}, not both";
            return null;
        }

        return TryRead(base64, file, version, $"Encryption:OtherKeyEncryptionKeys:{v}", $"Encryption:OtherKeyEncryptionKeyFiles:{v}", out problem);
    }

    private static KeyEncryptionKey? TryRead(string? base64, string? file, int version, string base64Setting, string fileSetting, out string? problem)
    {
        problem = null;
        var fromBase64 = !string.IsNullOrWhiteSpace(base64);
        var setting = fromBase64 ? base64Setting : fileSetting;
        byte[] key;
        try
        {
            key = fromBase64 ? Convert.FromBase64String(base64!.Trim()) : ReadFile(file ?? string.Empty);
        }
        catch (FormatException)
        {
            problem = fromBase64 ? $"{setting} is not base64" : $"{setting} holds neither 32 raw bytes nor their base64";
            return null;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            problem = $"{setting} cannot be read ({ex.GetType().Name})";
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            problem = $"{setting} cannot be read (access denied)";
            return null;
        }

        if (key.Length != FieldCipher.KeySize)
        {
            problem = $"{setting} must hold {FieldCipher.KeySize} bytes, not {key.Length}";
            return null;
        }

        return new KeyEncryptionKey(key, version);
    }

    /// <summary>A new random data key.</summary>
    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(FieldCipher.KeySize);

    /// <summary>Wraps a tenant's data key of one version; the tenant and version are bound into the wrapping.</summary>
    public byte[] Wrap(string tenant, int dataKeyVersion, ReadOnlySpan<byte> dataKey) =>
        FieldCipher.Seal(_key, Version, dataKey, Encoding.UTF8.GetBytes(KeyWrapping.DataKeyContext(tenant, dataKeyVersion)));

    /// <summary>Unwraps what <see cref="Wrap"/> made; a wrapped key moved to another tenant or version does not open.</summary>
    public byte[] Unwrap(string tenant, int dataKeyVersion, ReadOnlySpan<byte> wrapped) =>
        FieldCipher.Open(_key, wrapped, Encoding.UTF8.GetBytes(KeyWrapping.DataKeyContext(tenant, dataKeyVersion)));

    public ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> value, string context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FieldCipher.Seal(_key, Version, value.Span, Encoding.UTF8.GetBytes(context)));

    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, string context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FieldCipher.Open(_key, wrapped.Span, Encoding.UTF8.GetBytes(context)));

    // A key file holds the raw 32 bytes, or their base64 (as `openssl rand -base64 32 > file` writes it).
    private static byte[] ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length == FieldCipher.KeySize ? bytes : Convert.FromBase64String(Encoding.ASCII.GetString(bytes).Trim());
    }
}
