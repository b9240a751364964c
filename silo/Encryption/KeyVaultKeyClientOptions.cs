using Azure.Core;

namespace CraftCX.Silo.Encryption;

/// <summary>The HTTP pipeline of the Key Vault key calls (retries, transport; a test points it at its fake vault).</summary>
internal sealed class KeyVaultKeyClientOptions : ClientOptions
{
    /// <summary>The token scope for Key Vault (the public cloud's; sovereign clouds have their own).</summary>
    public string Scope { get; set; } = "https://vault.azure.net/.default";

    /// <summary>The Key Vault REST API version of wrapkey and unwrapkey.</summary>
    public string ApiVersion { get; set; } = "7.4";
}
