using System.Net;
using System.Net.Http.Json;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace CraftCX.Tests.Security;

/// <summary>
/// Keys stored in a tenant's settings by an earlier build move to the keys grain once: they keep working, leave
/// the settings row, and a key revoked after the move stays revoked across a restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiKeyMoveTests(PostgresServer postgres)
{
    private const string Tenant = "t-moved";

    [Fact]
    public async Task Keys_from_the_tenant_settings_move_once_and_stay_revoked_after_a_restart()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("keymove"),
            ["Orleans:ClusterId"] = "keymove",
        };
        var (legacyKey, legacyId) = LegacyKey("bi", ApiScopes.Read, out var stored);
        var (otherKey, _) = LegacyKey("ingest", ApiScopes.Ingest, out var other);

        await using (var first = await RunningSilo.StartAsync(settings, migrate: true))
        {
            // As the previous build stored them: inside the tenant's settings, beside its scorecard.
            var tenantId = first.Grains.GetGrain<ITenantGrain>(Tenant).GetGrainId();
            var storage = first.App.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Tenants);
            var legacy = new TenantSettings();
            legacy.ApiKeys[stored.KeyId] = stored;
            legacy.ApiKeys[other.KeyId] = other;
            await storage.WriteStateAsync("tenant-settings", tenantId, new GrainState<TenantSettings>(legacy));

            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(first, legacyKey)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TokenAsync(first, otherKey)).StatusCode);
            var listed = await first.Grains.GetGrain<IApiKeysGrain>(Tenant).ListAsync();
            Assert.Equal(["bi", "ingest"], listed.Select(k => k.Name).Order());

            var settingsAfter = new GrainState<TenantSettings>();
            await storage.ReadStateAsync("tenant-settings", tenantId, settingsAfter);
            Assert.NotNull(settingsAfter.State);
            Assert.Empty(settingsAfter.State.ApiKeys);
            Assert.Single(StoredRows.Holding(settings["Storage:ConnectionString"]!, stored.Hash));

            using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/{Tenant}/keys/{legacyId}");
            revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
            Assert.Equal(HttpStatusCode.NoContent, (await first.Http.SendAsync(revoke)).StatusCode);
        }

        await using var second = await RunningSilo.StartAsync(settings);

        // A made-up key of a tenant nobody created is refused and leaves no row behind.
        var keyRows = StoredRows.Count(settings["Storage:ConnectionString"]!, "api-keys");
        using (var stranger = second.ClientWithKey(ApiKeyFormat.Compose("t-nobody", ApiKeyHasher.NewKeyId(), ApiKeyHasher.NewSecret())))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/v1/auth/token", new { })).StatusCode);
        }

        Assert.Equal(keyRows, StoredRows.Count(settings["Storage:ConnectionString"]!, "api-keys"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(second, legacyKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(second, otherKey)).StatusCode);
        Assert.NotNull(Assert.Single(await second.Grains.GetGrain<IApiKeysGrain>(Tenant).ListAsync(), k => k.KeyId == legacyId).RevokedAt);
    }

    private static (string Key, string KeyId) LegacyKey(string name, string scope, out StoredApiKey stored)
    {
        var keyId = ApiKeyHasher.NewKeyId();
        var secret = ApiKeyHasher.NewSecret();
        var (salt, hash) = ApiKeyHasher.Hash(secret);
        stored = new StoredApiKey { KeyId = keyId, Name = name, Scopes = [scope], Salt = salt, Hash = hash, CreatedAt = DateTimeOffset.UtcNow.AddDays(-30) };
        return (ApiKeyFormat.Compose(Tenant, keyId, secret), keyId);
    }

    private static async Task<HttpResponseMessage> TokenAsync(RunningSilo silo, string key)
    {
        using var client = silo.ClientWithKey(key);
        return await client.PostAsJsonAsync("/v1/auth/token", new { });
    }
}
