using Microsoft.Extensions.Options;

namespace CraftCX.Encryption;

/// <summary>
/// When rows are sealed (PostgreSQL storage) the key-encryption key must load; a key that is set must load anyway.
/// The error names the setting, so a silo stops at once instead of writing data it cannot read back.
/// </summary>
internal sealed class EncryptionOptionsValidator(bool sealsStorage) : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var errors = new List<string>();
        var fromVault = !string.IsNullOrWhiteSpace(options.KeyVaultSecretUri);
        var inVault = !string.IsNullOrWhiteSpace(options.KeyVaultKeyId);
        var fromConfiguration = !string.IsNullOrWhiteSpace(options.KeyEncryptionKey) || !string.IsNullOrWhiteSpace(options.KeyEncryptionKeyFile);
        if ((fromVault ? 1 : 0) + (inVault ? 1 : 0) + (fromConfiguration ? 1 : 0) > 1)
        {
            errors.Add("Set one source of the key-encryption key: Encryption:KeyVaultKeyId, Encryption:KeyVaultSecretUri, or Encryption:KeyEncryptionKey / Encryption:KeyEncryptionKeyFile, not both.");
        }
        else if (inVault)
        {
            if (!KeyVaultKeyAddress.TryParse(options.KeyVaultKeyId, out _))
            {
                errors.Add("Encryption:KeyVaultKeyId must be a Key Vault key's https id with its version, e.g. https://my-vault.vault.azure.net/keys/craftcx-kek/0123456789abcdef0123456789abcdef.");
            }
        }
        else if (fromVault)
        {
            if (!KeyVaultSecretAddress.TryParse(options.KeyVaultSecretUri, out _))
            {
                errors.Add("Encryption:KeyVaultSecretUri must be a Key Vault secret's https address, e.g. https://my-vault.vault.azure.net/secrets/craftcx-kek (a version may follow).");
            }
        }
        else if (sealsStorage || fromConfiguration)
        {
            if (KeyEncryptionKey.TryLoad(options.KeyEncryptionKey, options.KeyEncryptionKeyFile, options.KeyEncryptionKeyVersion, out var problem) is null)
            {
                errors.Add($"{char.ToUpperInvariant(problem![0])}{problem[1..]} (or Encryption:KeyVaultKeyId, Encryption:KeyVaultSecretUri). PostgreSQL storage seals personal data under it; generate one with `openssl rand -base64 32`, keep it outside the database, the same on every silo.");
            }
        }

        // One vault key per version: the same key under two versions would "rotate" to itself.
        var vaultKeys = options.OtherKeyVaultKeyIds.Values.Append(options.KeyVaultKeyId).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim().TrimEnd('/').ToLowerInvariant()).ToList();
        if (vaultKeys.Count != vaultKeys.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add("Encryption:KeyVaultKeyId and Encryption:OtherKeyVaultKeyIds must each name a different key version.");
        }

        foreach (var (version, id) in options.OtherKeyVaultKeyIds)
        {
            var v = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!KeyVaultKeyAddress.TryParse(id, out _))
            {
                errors.Add($"Encryption:OtherKeyVaultKeyIds:{v} must be a Key Vault key's https id with its version.");
            }
            else if (version == options.KeyEncryptionKeyVersion || version is < 1 or > 1_000_000 || options.OtherKeyEncryptionKeys.ContainsKey(version) || options.OtherKeyEncryptionKeyFiles.ContainsKey(version))
            {
                errors.Add($"Encryption:OtherKeyVaultKeyIds:{v} must name another version from 1 to 1000000 than the current one and the other keys held here.");
            }
        }

        KeyEncryptionKeySource.LoadOthers(options, out var otherProblems);
        errors.AddRange(otherProblems);

        if (options.KeyEncryptionKeyVersion is < 1 or > 1_000_000)
        {
            errors.Add("Encryption:KeyEncryptionKeyVersion must be from 1 to 1000000.");
        }

        if (options.KeyCacheTtl < TimeSpan.Zero || options.KeyCacheTtl > TimeSpan.FromHours(1))
        {
            errors.Add("Encryption:KeyCacheTtl must be from 00:00:00 to 01:00:00 (it bounds how long a destroyed key stays usable on other silos).");
        }

        if (options.ResealBatchSize is < 1 or > 10_000)
        {
            errors.Add("Encryption:ResealBatchSize must be from 1 to 10000.");
        }

        if (options.ResealConcurrency is < 1 or > 256)
        {
            errors.Add("Encryption:ResealConcurrency must be from 1 to 256.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
