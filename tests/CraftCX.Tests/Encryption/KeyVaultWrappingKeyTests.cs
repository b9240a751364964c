using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.Silo.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Encryption;

/// <summary>
/// The key-encryption key kept in Azure Key Vault as a key (Encryption:KeyVaultKeyId): data keys are wrapped and
/// unwrapped by the vault's wrapkey and unwrapkey (RSA-OAEP-256), so the key never reaches the silo. Run against a
/// local HTTPS fake of those two calls; the real vault is not reachable here.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyVaultWrappingKeyTests(PostgresServer postgres)
{
    private const string Tenant = "t-vault-key";

    [Fact]
    public async Task Data_keys_are_wrapped_by_the_vault_and_open_after_a_restart()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        vault.CreateKey("craftcx-kek", "v1");
        var credential = new FixedTokenCredential(vault.Token);
        var connectionString = await postgres.CreateDatabaseAsync("vaultkey");
        var (events, needles) = SealedWorkload.Build(Tenant, abcdConversations: 1, seed: 81);
        var sentence = events.First(e => e.Type == "message.created" && e.Data?.Author?.Role == "customer" && e.Data.Text is { Length: >= 20 }).Data!.Text!;
        await using (var silo = await StartAsync(connectionString, vault, credential))
        {
            await SealedWorkload.IngestAsync(silo, Tenant, events);
        }

        // The check value and the tenant's data key went to the vault to be wrapped and signed, with the token for Key Vault.
        Assert.Contains("POST /keys/craftcx-kek/v1/wrapkey authorized", vault.Requests);
        Assert.Contains("POST /keys/craftcx-kek/v1/sign authorized", vault.Requests);
        Assert.Contains("https://vault.azure.net/.default", credential.Scopes);
        Assert.Empty(needles.SelectMany(n => StoredRows.HoldingRaw(connectionString, n)));

        // A fresh silo unwraps through the vault and serves the data.
        var unwrapsBefore = vault.Requests.Count(r => r.Contains("/unwrapkey", StringComparison.Ordinal));
        await using (var again = await StartAsync(connectionString, vault, credential))
        {
            var snapshot = await again.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, events[0].Conversation!)).GetSnapshotAsync(includeTranscript: true);
            Assert.NotEmpty(snapshot!.Transcript!);
            var all = await Task.WhenAll(events.Select(e => e.Conversation!).Distinct().Select(c => again.Grains.GetGrain<IConversationGrain>(GrainKeys.Compose(Tenant, c)).GetSnapshotAsync(includeTranscript: true)));
            Assert.Contains(all.SelectMany(s => s!.Transcript!), m => m.Text == sentence);
            var status = await (await again.OperatorAsync(HttpMethod.Get, $"tenants/{Tenant}/encryption")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([1], status.GetProperty("wrappedBy").EnumerateArray().Select(v => v.GetInt32()));
        }

        // The check value and the one data key, once each per silo start: the key cache, not a call per event.
        Assert.Equal(unwrapsBefore + 2, vault.Requests.Count(r => r.Contains("/unwrapkey", StringComparison.Ordinal)));

        // The vault refusing the silo's identity stops the start, naming the setting.
        vault.RefuseWith = 403;
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential));
        Assert.Contains("Encryption:KeyVaultKeyId was refused by Key Vault (403", refused.Message, StringComparison.Ordinal);
        vault.RefuseWith = null;
        var wrongToken = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, new FixedTokenCredential("a-token-the-vault-does-not-know")));
        Assert.Contains("Key Vault refused the silo's token", wrongToken.Message, StringComparison.Ordinal);

        var noVersion = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential, ("Encryption:KeyVaultKeyId", $"{vault.BaseAddress}keys/craftcx-kek")));
        Assert.Contains("Encryption:KeyVaultKeyId must be a Key Vault key's https id with its version", noVersion.Message, StringComparison.Ordinal);
        var both = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(connectionString, vault, credential, ("Encryption:KeyEncryptionKey", RunningSilo.KeyEncryptionKey)));
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrapped_key_moved_changed_or_planted_is_refused()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        vault.CreateKey("craftcx-kek", "v1");
        vault.CreateKey("craftcx-kek", "v2");
        var key = VaultKey(vault, "v1");
        var dataKey = KeyEncryptionKey.NewDataKey();

        var wrapped = await key.WrapDataKeyAsync("t-a", 3, dataKey);
        Assert.Equal(2 + 256 + 256, wrapped.Length);
        Assert.Equal(-1, wrapped.AsSpan().IndexOf(dataKey));
        Assert.Equal(dataKey, await key.UnwrapDataKeyAsync("t-a", 3, wrapped));

        // Moved to another tenant or version, changed, or opened with another vault key version.
        await Assert.ThrowsAsync<TamperedValueException>(async () => await key.UnwrapDataKeyAsync("t-b", 3, wrapped));
        await Assert.ThrowsAsync<TamperedValueException>(async () => await key.UnwrapDataKeyAsync("t-a", 4, wrapped));
        var changed = wrapped.ToArray();
        changed[100] ^= 1;
        await Assert.ThrowsAsync<TamperedValueException>(async () => await key.UnwrapDataKeyAsync("t-a", 3, changed));
        await Assert.ThrowsAsync<TamperedValueException>(async () => await VaultKey(vault, "v2").UnwrapDataKeyAsync("t-a", 3, wrapped));

        // Planted: wrapped with the public key alone, which anyone may read, with a key its planter knows. The signature
        // only the vault can make is missing, so the silo refuses it before asking the vault to unwrap.
        var unwrapsBefore = vault.Requests.Count(r => r.Contains("/unwrapkey", StringComparison.Ordinal));
        using var publicKey = RSA.Create(vault.Keys["craftcx-kek/v1"].ExportParameters(includePrivateParameters: false));
        var known = KeyEncryptionKey.NewDataKey();
        var planted = publicKey.Encrypt([.. SHA256.HashData(Encoding.UTF8.GetBytes(KeyWrapping.DataKeyContext("t-a", 4))), .. known], RSAEncryptionPadding.OaepSHA256);
        byte[] stored = [(byte)(planted.Length >> 8), (byte)planted.Length, .. planted, .. wrapped[(2 + 256)..]];
        await Assert.ThrowsAsync<TamperedValueException>(async () => await key.UnwrapDataKeyAsync("t-a", 4, stored));
        Assert.Equal(unwrapsBefore, vault.Requests.Count(r => r.Contains("/unwrapkey", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rings_move_from_a_key_held_here_to_one_in_the_vault_in_two_steps()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        vault.CreateKey("craftcx-kek", "v2");
        var credential = new FixedTokenCredential(vault.Token);
        var connectionString = await postgres.CreateDatabaseAsync("tovault");
        var (events, _) = SealedWorkload.Build(Tenant, abcdConversations: 1, seed: 83);
        await using (var local = await RunningSilo.StartOnPostgresAsync(connectionString))
        {
            await SealedWorkload.IngestAsync(local, Tenant, events);
        }

        var conversation = GrainKeys.Compose(Tenant, events[0].Conversation!);
        var vaultId = $"{vault.BaseAddress}keys/craftcx-kek/v2";

        // Step 1: the key held here stays current, the vault key is another; its check value is stored through the vault.
        await using (var learning = await StartAsync(connectionString, vault, credential, ("Encryption:KeyEncryptionKey", RunningSilo.KeyEncryptionKey), ("Encryption:KeyVaultKeyId", ""), ("Encryption:OtherKeyVaultKeyIds:2", vaultId)))
        {
            Assert.NotNull(await learning.Grains.GetGrain<IConversationGrain>(conversation).GetSnapshotAsync(includeTranscript: true));
            Assert.Contains("POST /keys/craftcx-kek/v2/wrapkey authorized", vault.Requests);
        }

        // Step 2: the vault key current (version 2), the key held here another; the ring moves on first load.
        await using (var moving = await StartAsync(connectionString, vault, credential, ("Encryption:KeyEncryptionKeyVersion", "2"), ("Encryption:KeyVaultKeyId", vaultId), ("Encryption:OtherKeyEncryptionKeys:1", RunningSilo.KeyEncryptionKey)))
        {
            Assert.NotNull(await moving.Grains.GetGrain<IConversationGrain>(conversation).GetSnapshotAsync(includeTranscript: true));
            var status = await (await moving.OperatorAsync(HttpMethod.Get, $"tenants/{Tenant}/encryption")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([2], status.GetProperty("wrappedBy").EnumerateArray().Select(v => v.GetInt32()));
        }

        // The key held here removed: the data opens through the vault alone.
        await using var vaultOnly = await StartAsync(connectionString, vault, credential, ("Encryption:KeyEncryptionKeyVersion", "2"), ("Encryption:KeyVaultKeyId", vaultId));
        var snapshot = await vaultOnly.Grains.GetGrain<IConversationGrain>(conversation).GetSnapshotAsync(includeTranscript: true);
        Assert.NotEmpty(snapshot!.Transcript!);
    }

    private static KeyVaultWrappingKey VaultKey(FakeKeyVault vault, string version)
    {
        var options = ClientOptions(vault);
        var pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(new FixedTokenCredential(vault.Token), options.Scope));
        KeyVaultKeyAddress.TryParse($"{vault.BaseAddress}keys/craftcx-kek/{version}", out var address);
        return new KeyVaultWrappingKey(address!, 1, "Encryption:KeyVaultKeyId", pipeline, options);
    }

    private static KeyVaultKeyClientOptions ClientOptions(FakeKeyVault vault) => new()
    {
        Transport = new HttpClientTransport(vault.CreateTrustingHandler()),
        Retry = { MaxRetries = 0 },
    };

    private static Task<RunningSilo> StartAsync(string connectionString, FakeKeyVault vault, FixedTokenCredential credential, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["Encryption:KeyEncryptionKey"] = "",
            ["Encryption:KeyVaultKeyId"] = $"{vault.BaseAddress}keys/craftcx-kek/v1",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return RunningSilo.StartAsync(settings, migrate: true, configure: builder =>
        {
            builder.Services.AddKeyedSingleton<Azure.Core.TokenCredential>(KeyVaultSecretFetcher.ServiceKey, credential);
            builder.Services.AddKeyedSingleton(KeyVaultSecretFetcher.ServiceKey, ClientOptions(vault));
        });
    }
}
