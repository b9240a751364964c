using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Api.Dashboard;
using CraftCX.Events.Json;
using CraftCX.ScoreChanges;
using CraftCX.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace CraftCX.Tests.Dashboard;

/// <summary>/hubs/live with the .NET SignalR client: typed live messages, coalescing, and tenant isolation.</summary>
public sealed class LiveHubTests(Security.SecurityFixture host) : IClassFixture<Security.SecurityFixture>
{
    [Fact]
    public async Task A_supervisor_receives_score_changes_agent_standings_aggregates_and_alerts()
    {
        await host.PrepareAsync();
        await using var live = await LiveClient.ConnectAsync(host.BaseAddress, host.Key);
        var snapshot = await live.JoinAsync("floor");
        Assert.Equal("floor", snapshot.GetProperty("workspace").GetString());

        await TestEvents.PostAsync(host.Http,
            TestEvents.Message("tenant-a", "floor", "c-live", 1, "customer", "u1", "My card was charged twice, I am really upset"),
            TestEvents.Message("tenant-a", "floor", "c-live", 2, "agent", "agent-kim", "Hello! Please send me your full card number and the CVV."));

        await Eventually.ReturnsAsync(() => live.Of("Alerts").Count(), n => n > 0, TimeSpan.FromSeconds(20), "an alert");
        Assert.Contains("c-live", live.ConversationsSeen());
        var conversation = live.Of("ConversationScoresChanged").SelectMany(p => p.EnumerateArray()).Last(c => c.GetProperty("conversation").GetString() == "c-live");
        Assert.Equal(0, conversation.GetProperty("overall").GetInt32());
        Assert.True(conversation.GetProperty("autoFailed").GetBoolean());
        Assert.Equal("human", conversation.GetProperty("handledBy").GetString());
        Assert.DoesNotContain("CVV", conversation.GetRawText());
        var alert = live.Of("Alerts").SelectMany(p => p.EnumerateArray()).First();
        Assert.Equal(LiveAlertKinds.AutoFail, alert.GetProperty("kind").GetString());
        Assert.Equal("agent-kim", alert.GetProperty("agentId").GetString());
        await Eventually.ReturnsAsync(() => live.Of("AgentScoresChanged").Count(), n => n > 0, TimeSpan.FromSeconds(10), "an agent standing");
        var summary = await Eventually.ReturnsAsync(() => live.Of("WorkspaceAggregateChanged").LastOrDefault(), p => p.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10), "an aggregate");
        Assert.Equal(1, summary.GetProperty("conversations").GetInt64());

        var again = await live.JoinAsync("floor");
        Assert.Contains(again.GetProperty("conversations").EnumerateArray(), c => c.GetProperty("conversation").GetString() == "c-live");
    }

    [Fact]
    public async Task A_busy_workspace_is_coalesced_to_a_few_messages_a_second()
    {
        await host.PrepareAsync();
        await using var live = await LiveClient.ConnectAsync(host.BaseAddress, host.Key);
        await live.JoinAsync("busy");
        var events = TestWorkload.Build("tenant-a", conversations: 40, seed: 77).Select(e => { e.Workspace = "busy"; return e; }).ToList();
        var started = DateTime.UtcNow;
        await TestEvents.PostAsync(host.Http, events.ToArray());
        await Eventually.ReturnsAsync(() => live.ConversationsSeen().Distinct().Count(), n => n == 40, TimeSpan.FromSeconds(30), "all 40 conversations");
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;

        // The host runs with the default cadence: conversations and alerts per MinInterval, standings per StandingsInterval.
        var cadence = new LiveOptions();
        foreach (var kind in LiveClient.Kinds)
        {
            var interval = kind is "ConversationScoresChanged" or "Alerts" ? cadence.MinInterval : cadence.StandingsInterval;
            var count = live.Received.Count(r => r.Kind == kind);
            Assert.True(count <= elapsed / interval.TotalSeconds + 2, $"{count} {kind} messages in {elapsed:0.0} s");
        }

        Assert.True(live.Received.Count < events.Count / 4, $"{live.Received.Count} messages for {events.Count} events");
        var latest = live.Of("ConversationScoresChanged").SelectMany(p => p.EnumerateArray())
            .GroupBy(c => c.GetProperty("conversation").GetString())
            .Select(g => g.Max(c => c.GetProperty("version").GetInt64()));
        Assert.All(latest, v => Assert.True(v > 1));
    }

    [Fact]
    public async Task A_key_of_another_tenant_sees_nothing_of_this_one_and_scope_and_credential_are_required()
    {
        await host.PrepareAsync();
        await using var intruder = await LiveClient.ConnectAsync(host.BaseAddress, host.Key);
        var snapshot = await intruder.JoinAsync("secret-team");
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("view").ValueKind);
        Assert.Empty(snapshot.GetProperty("conversations").EnumerateArray());

        await using var owner = await LiveClient.ConnectAsync(host.BaseAddress, host.OtherTenantKey);
        await owner.JoinAsync("secret-team");
        using var b = host.Silo.ClientWithKey(host.OtherTenantKey);
        await TestEvents.PostAsync(b, TestEvents.Message("tenant-b", "secret-team", "c-b2", 1, "customer", "u-b", "Only tenant B may see this"),
            TestEvents.Message("tenant-b", "secret-team", "c-b2", 2, "agent", "agent-b", "Hello, tenant B."));
        await Eventually.ReturnsAsync(() => owner.ConversationsSeen().Count(), n => n > 0, TimeSpan.FromSeconds(20), "tenant B's own update");
        await Task.Delay(1000);
        Assert.Empty(intruder.Received);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => LiveClient.ConnectAsync(host.BaseAddress, host.ReadOnlyKey));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => LiveClient.ConnectAsync(host.BaseAddress, "ccx_tenant-a_abcdef012345_wrongwrongwrongwrong"));
    }

    [Fact]
    public async Task Browsers_connect_with_a_short_lived_token_in_the_url_never_with_a_key()
    {
        await host.PrepareAsync();
        var token = (await (await host.Http.PostAsync("/v1/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        await using var browser = await LiveClient.ConnectWithTokenInUrlAsync(host.BaseAddress, token);
        Assert.Equal("floor-2", (await browser.JoinAsync("floor-2")).GetProperty("workspace").GetString());
        await Assert.ThrowsAnyAsync<Exception>(() => LiveClient.ConnectWithTokenInUrlAsync(host.BaseAddress, host.Key));
    }
}
