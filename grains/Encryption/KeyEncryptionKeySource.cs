using System.Globalization;
using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// The key-encryption key, loaded once: from configuration on first use, or from Key Vault by
/// <see cref="LoadAsync"/> at start, before the silo serves. Asking for it unconfigured names the setting. Other keys
/// (the previous one while a new one takes over, or the next one before it does) come from configuration either way.
/// </summary>
internal sealed class KeyEncryptionKeySource(IOptions<EncryptionOptions> options, IKeyEncryptionKeyFetcher? fetcher = null, IVaultKeyEncryptionKeys? vault = null)
{
    private (IKeyEncryptionKey? Key, string? Problem)? _loaded;
    private IReadOnlyDictionary<int, IKeyEncryptionKey>? _others;

    /// <summary>Null when a usable key is (or will be) loaded; else why not.</summary>
    public string? Problem => fetcher is not null ? _loaded?.Problem : Loaded().Problem;

    public IKeyEncryptionKey Key => Loaded().Key ?? throw new InvalidOperationException("No usable key-encryption key: " + Loaded().Problem + ".");

    /// <summary>The other keys configured, by version (validated at start, so none of them is broken here).</summary>
    public IReadOnlyDictionary<int, IKeyEncryptionKey> Others => _others ??= LoadOthers(options.Value, out _)
        .ToDictionary(k => k.Key, k => (IKeyEncryptionKey)k.Value)
        .Concat(vault?.Others ?? new Dictionary<int, IKeyEncryptionKey>())
        .ToDictionary(k => k.Key, k => k.Value);

    /// <summary>The key of <paramref name="version"/>: the current one, or another one configured.</summary>
    public IKeyEncryptionKey For(int version)
    {
        var current = Key;
        if (version == current.Version)
        {
            return current;
        }

        return Others.TryGetValue(version, out var other)
            ? other
            : throw new InvalidOperationException(
                $"A data key is wrapped by key-encryption key version {version.ToString(CultureInfo.InvariantCulture)}, which this silo does not have: the current key is version {current.Version.ToString(CultureInfo.InvariantCulture)}. " +
                $"Configure that key as Encryption:OtherKeyEncryptionKeys:{version.ToString(CultureInfo.InvariantCulture)} (or ...KeyEncryptionKeyFiles:{version.ToString(CultureInfo.InvariantCulture)}, ...KeyVaultKeyIds:{version.ToString(CultureInfo.InvariantCulture)}) until POST /v1/admin/encryption/rewrap has moved every key ring.");
    }

    /// <summary>Every other key of the settings, or the problems that stop the silo (each naming its setting).</summary>
    public static IReadOnlyDictionary<int, KeyEncryptionKey> LoadOthers(EncryptionOptions options, out List<string> problems)
    {
        problems = [];
        var keys = new Dictionary<int, KeyEncryptionKey>();
        foreach (var version in options.OtherKeyEncryptionKeys.Keys.Union(options.OtherKeyEncryptionKeyFiles.Keys).Order())
        {
            var v = version.ToString(CultureInfo.InvariantCulture);
            if (version == options.KeyEncryptionKeyVersion || version is < 1 or > 1_000_000)
            {
                problems.Add($"Encryption:OtherKeyEncryptionKeys:{v} must name another version from 1 to 1000000, not {(version == options.KeyEncryptionKeyVersion ? "the current Encryption:KeyEncryptionKeyVersion" : "this one")}.");
                continue;
            }

            var key = KeyEncryptionKey.TryLoadOther(
                version,
                options.OtherKeyEncryptionKeys.GetValueOrDefault(version),
                options.OtherKeyEncryptionKeyFiles.GetValueOrDefault(version),
                out var problem);
            if (key is null)
            {
                problems.Add($"{char.ToUpperInvariant(problem![0])}{problem[1..]}.");
                continue;
            }

            keys[version] = key;
        }

        return keys;
    }

    /// <summary>Reads the key from Key Vault when it comes from there (a failure says which setting to look at).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (fetcher is null || _loaded is { Key: not null })
        {
            return;
        }

        var text = await fetcher.FetchAsync(cancellationToken);
        var key = KeyEncryptionKey.TryLoad(text, null, options.Value.KeyEncryptionKeyVersion, out var problem);
        _loaded = (key, problem is null ? null : "the secret at Encryption:KeyVaultSecretUri is not base64 of 32 bytes");
        if (key is null)
        {
            throw new OptionsValidationException(EncryptionOptions.Section, typeof(EncryptionOptions), [$"Encryption:KeyVaultSecretUri: {_loaded.Value.Problem}; store it as `openssl rand -base64 32` prints it."]);
        }
    }

    private (IKeyEncryptionKey? Key, string? Problem) Loaded()
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }

        if (vault?.Current is { } inVault)
        {
            _loaded = (inVault, null);
            return _loaded.Value;
        }

        if (fetcher is not null)
        {
            return (null, "the key from Encryption:KeyVaultSecretUri is read at start, which has not happened");
        }

        var o = options.Value;
        var key = KeyEncryptionKey.TryLoad(o.KeyEncryptionKey, o.KeyEncryptionKeyFile, o.KeyEncryptionKeyVersion, out var problem);
        _loaded = (key, problem);
        return _loaded.Value;
    }
}
