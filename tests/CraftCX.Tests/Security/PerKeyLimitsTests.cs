using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Api.Dashboard;
using CraftCX.Api.Security;
using CraftCX.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Security;

/// <summary>Per-connection and per-key limits on what a caller can hold open, each with a clear error.</summary>
public sealed class PerKeyLimitsTests(PerKeyLimitsTests.LimitsFixture host) : IClassFixture<PerKeyLimitsTests.LimitsFixture>
{
    /// <summary>A silo with small limits, so that they are cheap to reach.</summary>
    public sealed class LimitsFixture : SiloHostFixture
    {
        public override string Tenant => "t-limits";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Live:MaxWorkspacesPerConnection"] = "3",
            ["Live:MaxConnectionsPerKey"] = "2",
            ["Api:MaxStreamsPerKey"] = "2",
            ["Api:RateLimit:FailedKeysPerSecond"] = "1",
            ["Api:RateLimit:FailedKeyBurst"] = "3",
        };
    }

    [Fact]
    public async Task A_stream_of_made_up_keys_is_cut_off_before_it_reaches_the_tenant_grain()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/v1/tenants/{host.Tenant}/scorecard")).StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var made = host.Silo.ClientWithKey($"ccx_{host.Tenant}_{i:x12}_madeupsecretmadeupsecret{i}");
            statuses.Add((await made.GetAsync($"/v1/tenants/{host.Tenant}/scorecard")).StatusCode);
        }

        // Three failures are checked; then the address is throttled and its unknown keys answered 429 unchecked.
        Assert.Equal(HttpStatusCode.Unauthorized, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));

        // A key already checked keeps working; the budget refills within seconds for new keys.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/v1/tenants/{host.Tenant}/scorecard")).StatusCode);
        var fresh = await host.Silo.CreateKeyAsync(host.Tenant, ApiScopes.Read);
        using var client = host.Silo.ClientWithKey(fresh);
        await Eventually.ReturnsAsync(async () => (await client.GetAsync($"/v1/tenants/{host.Tenant}/scorecard")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a new valid key once the budget refilled");
    }

    [Fact]
    public async Task A_connection_watches_a_bounded_number_of_workspaces()
    {
        await using var live = await LiveClient.ConnectAsync(host.BaseAddress, host.Key);
        foreach (var workspace in new[] { "w1", "w2", "w3", "w1" })
        {
            await live.JoinAsync(workspace);
        }

        var error = await Assert.ThrowsAsync<HubException>(() => live.JoinAsync("w4"));
        Assert.Contains("at most 3 workspaces", error.Message);
        await live.Connection.InvokeAsync("LeaveWorkspace", "w2");
        await live.JoinAsync("w4");
    }

    [Fact]
    public async Task A_key_holds_a_bounded_number_of_hub_connections_and_streams()
    {
        var key = await host.Silo.CreateKeyAsync(host.Tenant, ApiScopes.Read, ApiScopes.Supervise);
        Assert.True(ApiKeyFormat.TryParse(key, out _, out var keyId, out _));
        var sessions = host.Silo.App.Services.GetRequiredService<CredentialSessions>();
        await using (var first = await LiveClient.ConnectAsync(host.BaseAddress, key))
        await using (var second = await LiveClient.ConnectAsync(host.BaseAddress, key))
        {
            // The handshake answers before the hub registers the connection.
            await Eventually.ReturnsAsync(() => sessions.Count(host.Tenant, keyId, LiveHub.SessionKind), n => n == 2, TimeSpan.FromSeconds(10), "both connections registered");
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(host.BaseAddress, key));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

            // Another key of the same tenant is not affected.
            await using var other = await LiveClient.ConnectAsync(host.BaseAddress, host.Key);
        }

        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    await using var again = await LiveClient.ConnectAsync(host.BaseAddress, key);
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            ok => ok,
            TimeSpan.FromSeconds(10),
            "a connection once the others closed");

        using var client = host.Silo.ClientWithKey(key);
        using var s1 = await client.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        using var s2 = await client.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, s1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, s2.StatusCode);
        var third = await client.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Api:MaxStreamsPerKey", problem.GetProperty("detail").GetString());

        // A finished stream frees its place.
        using var bounded = await client.GetAsync("/v1/stream/scores?from=now&follow=false");
        Assert.Equal(HttpStatusCode.TooManyRequests, bounded.StatusCode);
        s1.Dispose();
        await Eventually.ReturnsAsync(async () => (await client.GetAsync("/v1/stream/scores?from=now&follow=false")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a stream once one closed");
    }
}
