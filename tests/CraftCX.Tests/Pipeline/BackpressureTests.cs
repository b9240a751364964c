using Confluent.Kafka;

namespace CraftCX.Tests.Pipeline;

/// <summary>A fixture whose ingestor may hold only a few events in flight.</summary>
public sealed class SmallInFlightFixture : PipelineFixture
{
    public const int MaxInFlight = 200;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ingestion:MaxInFlightEvents"] = MaxInFlight.ToString(),
        ["Ingestion:CommitInterval"] = "00:00:00.200",
        ["Ingestion:PauseAfter"] = "00:00:00.050",
    };
}

/// <summary>Bounded in-flight work: the consumer pauses instead of queueing, loses nothing, and commits what it completed.</summary>
public sealed class BackpressureTests(SmallInFlightFixture fixture) : IClassFixture<SmallInFlightFixture>
{
    [Fact]
    public async Task The_consumer_pauses_at_the_in_flight_limit_and_still_applies_everything_and_commits_to_the_end()
    {
        var events = TestWorkload.Build("t-pressure", conversations: 80, seed: 11);
        var before = fixture.Completed;
        await fixture.ProduceAsync(events);
        await fixture.WaitForCompletedAsync(before + events.Count, TimeSpan.FromSeconds(120));

        var ingestor = fixture.IngestorOf(0);
        Assert.InRange(ingestor.PeakInFlight, 1, SmallInFlightFixture.MaxInFlight + 1);
        Assert.True(fixture.StatsOf(0).Pauses > 0, "the consumer should have paused at least once");

        var truth = GroundTruth.From(events);
        var tenant = await fixture.Client.GetGrain<CraftCX.Tenants.ITenantGrain>("t-pressure").GetViewAsync();
        Assert.Equal(truth.Contributions.Count(), tenant!.Windows[0].Conversations);

        // Offsets are committed once everything below them is applied: in the end, up to each partition's end.
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = fixture.BootstrapServers, GroupId = "craftcx-test" }).Build();
        var partitions = Enumerable.Range(0, 8).Select(p => new TopicPartition(PipelineFixture.Topic, p)).ToList();
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        await Eventually.ReturnsAsync(
            () => reader.Committed(partitions, TimeSpan.FromSeconds(10)).All(c => c.Offset.Value == ends[c.Partition.Value]),
            done => done,
            TimeSpan.FromSeconds(30),
            "committed offsets to reach the end of every partition");
    }
}
