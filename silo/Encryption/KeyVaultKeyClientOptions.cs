using Azure.Core;

namespace CraftCX.Silo.Encryption;

/// <summary>The HTTP pipeline of the Key Vault key calls (retries, transport; a test points it at its fake vault).</summary>
internal sealed class KeyVaultKeyClientOptions : ClientOptions
{
    public KeyVaultKeyClientOptions()
    {
        // A slow vault must not hold a key ring past a grain call's 30 s: two quick retries, 10 s each at most.
        Retry.MaxRetries = 2;
        Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>The token scope when the vault's host names none (the public cloud's); otherwise taken from the host.</summary>
    public string Scope { get; set; } = "https://vault.azure.net/.default";

    /// <summary>The Key Vault REST API version of the key calls.</summary>
    public string ApiVersion { get; set; } = "7.4";

    /// <summary>
    /// The scope for a vault: its host without the vault's own name (my-vault.vault.azure.net gives
    /// https://vault.azure.net/.default, a Managed HSM or a sovereign cloud its own), else <see cref="Scope"/>.
    /// </summary>
    public string ScopeFor(Uri vault)
    {
        var labels = vault.Host.Split('.');
        return labels.Length >= 3 && !System.Net.IPAddress.TryParse(vault.Host, out _)
            ? $"https://{string.Join('.', labels[1..])}/.default"
            : Scope;
    }
}
