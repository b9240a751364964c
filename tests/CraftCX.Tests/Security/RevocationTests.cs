using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace CraftCX.Tests.Security;

/// <summary>Revoking a key reaches what was made from it: access tokens, open hub connections and open streams.</summary>
public sealed class RevocationTests(SecurityFixture host) : IClassFixture<SecurityFixture>
{
    [Fact]
    public async Task A_revoked_keys_tokens_hub_connections_and_streams_stop_within_the_key_cache_ttl()
    {
        await host.PrepareAsync();
        var key = await host.Silo.CreateKeyAsync("tenant-a", ApiScopes.Read, ApiScopes.Supervise);
        Assert.True(ApiKeyFormat.TryParse(key, out _, out var keyId, out _));
        using var keyClient = host.Silo.ClientWithKey(key);
        var token = (await (await keyClient.PostAsync("/v1/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var tokenClient = new HttpClient { BaseAddress = host.BaseAddress };
        tokenClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode);

        await using var live = await LiveClient.ConnectWithTokenInUrlAsync(host.BaseAddress, token);
        await live.JoinAsync("floor");
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };

        using var stream = await keyClient.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var lines = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var streamEnded = Task.Run(async () =>
        {
            while (await lines.ReadLineAsync() is not null)
            {
            }
        });

        // An unrevoked key's sessions stay open through several checks.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HubConnectionState.Connected, live.Connection.State);
        Assert.False(streamEnded.IsCompleted);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/tenant-a/keys/{keyId}");
        revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Silo.Http.SendAsync(revoke)).StatusCode);

        // The fixture's Auth:KeyCacheTtl is 1 s; a check runs every TTL.
        var patience = TimeSpan.FromSeconds(10);
        await Eventually.ReturnsAsync(async () => (await tokenClient.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode, s => s == HttpStatusCode.Unauthorized, patience, "the token to be refused");
        await closed.Task.WaitAsync(patience);
        Assert.Equal(HubConnectionState.Disconnected, live.Connection.State);
        await streamEnded.WaitAsync(patience);

        // And nothing new can be opened with what is left.
        await Assert.ThrowsAnyAsync<Exception>(() => LiveClient.ConnectWithTokenInUrlAsync(host.BaseAddress, token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await keyClient.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }
}
