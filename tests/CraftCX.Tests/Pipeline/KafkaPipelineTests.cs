using System.Text.Json;
using CraftCX.Aggregation;
using CraftCX.Conversations;
using CraftCX.Silo.Ingestion;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Pipeline;

/// <summary>Events produced with Confluent.Kafka into a real Kafka-protocol broker, through the silo's ingestor, into the grains.</summary>
public sealed class KafkaPipelineTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Produced_conversations_are_scored_and_every_aggregate_matches_the_ground_truth()
    {
        const string tenant = "t-truth";
        var events = TestWorkload.Build(tenant, conversations: 60, seed: 42);
        var truth = GroundTruth.From(events);
        Assert.Contains(truth.Contributions, c => c.HandledBy == HandledBy.Bot);
        Assert.Contains(truth.Contributions, c => c.HandledBy == HandledBy.Hybrid);

        var before = fixture.Completed;
        await fixture.ProduceAsync(events);
        await fixture.WaitForCompletedAsync(before + events.Count, Timeout);

        Assert.True(truth.ConversationStates.Values.Select(v => v.State.Workspace).Distinct().Count() >= 2);
        await truth.AssertGrainsMatchAsync(fixture.Client, tenant);
    }

    [Fact]
    public async Task Replaying_the_whole_topic_from_offset_zero_changes_no_conversation_or_aggregate()
    {
        const string tenant = "t-replay";
        var events = TestWorkload.Build(tenant, conversations: 40, seed: 7);
        var before = fixture.Completed;
        await fixture.ProduceAsync(events);
        await fixture.WaitForCompletedAsync(before + events.Count, Timeout);
        var keys = events.Select(TestEvents.Key).Distinct().ToList();
        var agents = events.Where(e => e.Data?.Author?.Role is "agent" or "bot").Select(e => e.Data!.Author!.Id!).Distinct().ToList();
        var workspaces = events.Select(e => e.Workspace!).Distinct().ToList();

        // Every conversation closed: once released, the aggregates hold none of them, and the replay must meet
        // only their effect in the buckets.
        await Eventually.ReturnsAsync(() => fixture.Client.GetGrain<ITenantGrain>(tenant).GetViewAsync(), v => v?.HeldContributions == 0, Timeout, "the tenant aggregate releasing every closed conversation");
        var original = await CaptureAsync(tenant, keys, agents, workspaces);
        var stats = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IngestionStats>();
        var duplicatesBefore = stats.Duplicates;

        var topicSize = await CountTopicMessagesAsync();
        var replayStart = fixture.Completed;
        var replay = await fixture.StartReplayAsync("replay-" + Guid.NewGuid().ToString("N"));
        try
        {
            await fixture.WaitForCompletedAsync(replayStart + topicSize, Timeout);
        }
        finally
        {
            await replay.StopAsync(CancellationToken.None);
            replay.Dispose();
        }

        Assert.True(stats.Duplicates - duplicatesBefore >= events.Count, "every replayed event must be recognised as a duplicate");
        var replayed = await CaptureAsync(tenant, keys, agents, workspaces);
        Assert.Equal(original, replayed);
    }

    private async Task<long> CountTopicMessagesAsync()
    {
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = fixture.BootstrapServers }).Build();
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Confluent.Kafka.ConsumerConfig { BootstrapServers = fixture.BootstrapServers, GroupId = "counter" }).Build();
        var metadata = admin.GetMetadata(PipelineFixture.Topic, TimeSpan.FromSeconds(10));
        long total = 0;
        foreach (var partition in metadata.Topics[0].Partitions)
        {
            var offsets = consumer.QueryWatermarkOffsets(new Confluent.Kafka.TopicPartition(PipelineFixture.Topic, partition.PartitionId), TimeSpan.FromSeconds(10));
            total += offsets.High.Value - offsets.Low.Value;
        }

        await Task.CompletedTask;
        return total;
    }

    private async Task<List<string>> CaptureAsync(string tenant, List<string> conversations, List<string> agents, List<string> workspaces)
    {
        var captured = new List<string>();
        foreach (var key in conversations)
        {
            captured.Add(JsonSerializer.Serialize(await fixture.Client.GetGrain<IConversationGrain>(key).GetSnapshotAsync(true)));
        }

        foreach (var agent in agents)
        {
            captured.Add(Normalise(await fixture.Client.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).GetViewAsync()));
        }

        foreach (var workspace in workspaces)
        {
            captured.Add(Normalise(await fixture.Client.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetViewAsync()));
        }

        captured.Add(Normalise(await fixture.Client.GetGrain<ITenantGrain>(tenant).GetViewAsync()));
        return captured;
    }

    /// <summary>Drops the read time (and what is held while a replay passes) so that two reads of the same aggregate compare equal.</summary>
    private static string Normalise(AggregateView? view) =>
        view is null ? "null" : JsonSerializer.Serialize(view with { AsOf = default, HeldContributions = 0, Windows = view.Windows.Select(w => w with { From = default }).ToList() });
}
