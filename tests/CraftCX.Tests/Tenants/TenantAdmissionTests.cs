using CraftCX.Events;
using CraftCX.Events.Json;
using CraftCX.Silo.Ingestion;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Tenants;

/// <summary>Kafka events of a tenant no operator created, or of a suspended or terminated one, go to the dead-letter topic with the reason.</summary>
public sealed class TenantAdmissionTests(TenantAdmissionTests.Fixture fixture) : IClassFixture<TenantAdmissionTests.Fixture>
{
    /// <summary>A cluster whose silos read a tenant's lifecycle on every batch.</summary>
    public sealed class Fixture : PipelineFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ingestion:TenantStatusTtl"] = "00:00:00" };
    }

    [Fact]
    public async Task Stray_suspended_and_terminated_tenants_are_dead_lettered_and_created_ones_applied()
    {
        var stray = Conversation("t-stray", "c-1");
        await fixture.ProduceAsync(stray.Select(e => ((byte[]?)TestEvents.KeyBytes(e), TestEvents.Json(e))));
        var letters = fixture.ReadDeadLetters(stray.Length, TimeSpan.FromSeconds(30));
        Assert.All(letters, l => Assert.Equal(RejectionCodes.UnknownTenant, PipelineFixture.Header(l, DeadLetterHeaders.Reason)));
        Assert.Contains("not created by an operator", PipelineFixture.Header(letters[0], DeadLetterHeaders.Detail), StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetGrain<ITenantGrain>("t-stray").GetLifecycleAsync());

        // Created by an operator: the same conversation, produced again, is applied.
        await fixture.ProduceAsync(stray);
        await Eventually.ReturnsAsync(
            async () => (await fixture.Client.GetGrain<CraftCX.Conversations.IConversationGrain>("t-stray/c-1").GetSnapshotAsync(false))?.EventsApplied,
            n => n == stray.Length,
            TimeSpan.FromSeconds(30),
            "the created tenant's events applied");

        var tenant = fixture.Client.GetGrain<ITenantGrain>("t-stray");
        await tenant.SuspendAsync("unpaid invoice");
        await ProduceRawAsync(Conversation("t-stray", "c-2"));
        Assert.Equal(stray.Length * 2, fixture.ReadDeadLetters(stray.Length * 2, TimeSpan.FromSeconds(30)).Count);
        await tenant.RestoreAsync();
        await tenant.TerminateAsync("contract ended");
        await ProduceRawAsync(Conversation("t-stray", "c-3"));
        var all = fixture.ReadDeadLetters(stray.Length * 3, TimeSpan.FromSeconds(30));
        Assert.Equal(
            [.. Enumerable.Repeat(RejectionCodes.UnknownTenant, stray.Length), .. Enumerable.Repeat(RejectionCodes.TenantSuspended, stray.Length), .. Enumerable.Repeat(RejectionCodes.TenantTerminated, stray.Length)],
            all.Select(l => PipelineFixture.Header(l, DeadLetterHeaders.Reason)));
        Assert.Null(await fixture.Client.GetGrain<CraftCX.Conversations.IConversationGrain>("t-stray/c-2").GetSnapshotAsync(false));
    }

    [Fact]
    public async Task Events_of_a_deleted_tenant_are_dropped_without_a_dead_letter_copy()
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>("t-gone");
        await tenant.RegisterAsync();
        await tenant.SetRetentionPolicyAsync(new CraftCX.Privacy.RetentionPolicy(WindDownDays: 0));
        await tenant.TerminateAsync("contract ended");
        Assert.Equal(TenantLifecycleState.Deleting, (await tenant.RunWindDownAsync())?.State);
        await Eventually.ReturnsAsync(tenant.GetLifecycleAsync, l => l?.State == TenantLifecycleState.Deleted, TimeSpan.FromSeconds(30), "the deletion done");

        var discarded = fixture.SiloServices.Sum(sp => sp.GetRequiredService<IngestionStats>().Discarded);
        var deadLettered = fixture.DeadLettered;
        var completed = fixture.Completed;
        var late = Conversation("t-gone", "c-late");
        await ProduceRawAsync(late);
        await fixture.WaitForCompletedAsync(completed + late.Length);

        // Committed and dropped: a dead-letter copy would keep the transcript for another 14 days.
        Assert.Equal(discarded + late.Length, fixture.SiloServices.Sum(sp => sp.GetRequiredService<IngestionStats>().Discarded));
        Assert.Equal(deadLettered, fixture.DeadLettered);
        Assert.Null(await fixture.Client.GetGrain<CraftCX.Conversations.IConversationGrain>("t-gone/c-late").GetSnapshotAsync(false));
    }

    private Task ProduceRawAsync(ChatEventDto[] events) =>
        fixture.ProduceAsync(events.Select(e => ((byte[]?)TestEvents.KeyBytes(e), TestEvents.Json(e))));

    private static ChatEventDto[] Conversation(string tenant, string conversation) =>
    [
        TestEvents.Of("conversation.started", tenant, "floor", conversation, 0, new ChatEventDataDto { Channel = "chat" }),
        TestEvents.Message(tenant, "floor", conversation, 1, "customer", "u1", "Hello, my order is late."),
        TestEvents.Message(tenant, "floor", conversation, 2, "agent", "ana", "Sorry about that, let me check."),
    ];
}
