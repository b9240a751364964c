using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using CraftCX.Encryption;
using CraftCX.Silo.Encryption;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// The key-encryption key from an Azure Key Vault secret, through the real Key Vault client library against a
/// local HTTPS fake of its wire protocol (bearer challenge, token, secret): the real vault is not reachable here.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyVaultKeyTests(PostgresServer postgres)
{
    private const string Tenant = "t-vault";

    [Fact]
    public async Task The_silo_reads_its_key_from_the_vault_and_seals_with_it()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        vault.Secrets["craftcx-kek"] = RunningSilo.KeyEncryptionKey;
        var credential = new FixedTokenCredential(vault.Token);
        var connectionString = await postgres.CreateDatabaseAsync("vault");
        await using var silo = await StartAsync(connectionString, vault, credential);

        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 1, seed: 61);
        await SealedWorkload.IngestAsync(silo, Tenant, events);
        Assert.Empty(needles.SelectMany(n => StoredRows.HoldingRaw(connectionString, n)));
        Assert.DoesNotContain(needles, n => StoredRows.Holding(connectionString, n).Count == 0);

        // The client met the challenge, asked the credential for Key Vault's scope, and came back with the token.
        Assert.Equal(["GET /secrets/craftcx-kek anonymous", "GET /secrets/craftcx-kek authorized"], vault.Requests.ToArray());
        Assert.Contains("https://vault.azure.net/.default", credential.Scopes);
    }

    [Fact]
    public async Task A_refusal_a_missing_secret_or_a_bad_address_stops_the_start_naming_the_setting()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var credential = new FixedTokenCredential(vault.Token);
        var connectionString = await postgres.CreateDatabaseAsync("vaultrefused");

        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential));
        Assert.Contains("Encryption:KeyVaultSecretUri was refused by Key Vault (404", missing.Message, StringComparison.Ordinal);

        vault.Secrets["craftcx-kek"] = RunningSilo.KeyEncryptionKey;
        vault.RefuseWith = 403;
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential));
        Assert.True(SettingsFailures.TryDescribe(refused, out var failures));
        Assert.Contains(failures, f => f.StartsWith("Encryption:KeyVaultSecretUri was refused by Key Vault (403", StringComparison.Ordinal));

        vault.RefuseWith = null;
        vault.Secrets["craftcx-kek"] = "not base64 of 32 bytes";
        var garbage = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential));
        Assert.Contains("Encryption:KeyVaultSecretUri: the secret", garbage.Message, StringComparison.Ordinal);

        var both = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential, ("Encryption:KeyEncryptionKey", RunningSilo.KeyEncryptionKey)));
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
        var plainHttp = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential, ("Encryption:KeyVaultSecretUri", "http://my-vault.vault.azure.net/secrets/craftcx-kek")));
        Assert.Contains("https address", plainHttp.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://my-vault.vault.azure.net/secrets/craftcx-kek", "https://my-vault.vault.azure.net/", "craftcx-kek", null)]
    [InlineData("https://my-vault.vault.azure.net/secrets/craftcx-kek/0123abcd", "https://my-vault.vault.azure.net/", "craftcx-kek", "0123abcd")]
    [InlineData("https://127.0.0.1:8443/secrets/k/", "https://127.0.0.1:8443/", "k", null)]
    [Trait("Category", "Unit")]
    public void A_secret_address_splits_into_vault_name_and_version(string text, string vault, string name, string? version)
    {
        Assert.True(KeyVaultSecretAddress.TryParse(text, out var address));
        Assert.Equal(new KeyVaultSecretAddress(new Uri(vault), name, version), address);
    }

    [Theory]
    [InlineData("http://my-vault.vault.azure.net/secrets/k")]
    [InlineData("https://my-vault.vault.azure.net/keys/k")]
    [InlineData("https://my-vault.vault.azure.net/secrets")]
    [InlineData("https://my-vault.vault.azure.net/secrets/k/v/extra")]
    [InlineData("https://my-vault.vault.azure.net/secrets/k?api-version=7.5")]
    [InlineData("my-vault/secrets/k")]
    [Trait("Category", "Unit")]
    public void Other_addresses_are_refused(string text) => Assert.False(KeyVaultSecretAddress.TryParse(text, out _));

    private static Task<RunningSilo> StartAsync(string connectionString, FakeKeyVault vault, TokenCredential credential, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Encryption:KeyEncryptionKey"] = "",
            ["Encryption:KeyVaultSecretUri"] = $"{vault.BaseAddress}secrets/craftcx-kek",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return RunningSilo.StartAsync(settings, migrate: true, configure: builder =>
        {
            builder.Services.AddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, credential);
            builder.Services.AddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, new SecretClientOptions
            {
                Transport = new HttpClientTransport(vault.CreateTrustingHandler()),
                DisableChallengeResourceVerification = true,
                Retry = { MaxRetries = 0 },
            });
        });
    }
}
