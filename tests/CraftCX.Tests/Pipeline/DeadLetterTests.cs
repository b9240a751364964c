using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Silo.Ingestion;

namespace CraftCX.Tests.Pipeline;

/// <summary>Invalid events land in the dead-letter topic with their reason; their valid neighbours are applied.</summary>
public sealed class DeadLetterTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task Invalid_events_are_dead_lettered_with_reasons_and_their_valid_neighbours_are_applied_in_order()
    {
        const string tenant = "t-dlq";
        var key = Encoding.UTF8.GetBytes($"{tenant}/c-1");
        var started = TestEvents.Of("conversation.started", tenant, "support", "c-1", 1);
        var question = TestEvents.Message(tenant, "support", "c-1", 2, "customer", "u1", "Hi, where is my refund?");
        var answer = TestEvents.Message(tenant, "support", "c-1", 5, "agent", "ana", "Hello! I have refunded it today.");
        var closed = TestEvents.Of("conversation.closed", tenant, "support", "c-1", 6, new() { Resolution = "resolved" });
        var unkeyed = TestEvents.Message(tenant, "support", "c-2", 1, "customer", "u2", "Sent without a Kafka key");

        var invalid = new (byte[]? Key, byte[] Value, string Reason)[]
        {
            (key, Encoding.UTF8.GetBytes("{\"id\": \"broken"), RejectionCodes.MalformedJson),
            (key, TestEvents.Mangle(TestEvents.Message(tenant, "support", "c-1", 3, "agent", "ana", "x"), "message.created", "message.exploded"), RejectionCodes.UnknownType),
            (key, TestEvents.Json(TestEvents.Message(tenant, "support", "c-1", 3, "agent", "ana", new string('x', EventLimits.MaxTextBytes + 1))), RejectionCodes.TextTooLarge),
            (key, TestEvents.Mangle(TestEvents.Message(tenant, "support", "c-1", 3, "agent", "ana", "x"), "\"workspace\":\"support\"", "\"workspace\":\"Support Team\""), RejectionCodes.InvalidId),
            (key, TestEvents.Mangle(TestEvents.Message(tenant, "support", "c-1", 4, "agent", "ana", "x"), "\"sequence\":4,", ""), RejectionCodes.MissingField),
            (Encoding.UTF8.GetBytes($"{tenant}/other"), TestEvents.Json(TestEvents.Message(tenant, "support", "c-1", 4, "agent", "ana", "x")), RejectionCodes.KeyMismatch),
            (key, new byte[300 * 1024], RejectionCodes.EventTooLarge),
        };

        var messages = new List<(byte[]? Key, byte[] Value)>
        {
            (key, TestEvents.Json(started)),
            (key, TestEvents.Json(question)),
        };
        messages.AddRange(invalid.Select(i => (i.Key, i.Value)));
        messages.Add((key, TestEvents.Json(answer)));
        messages.Add((key, TestEvents.Json(closed)));
        messages.Add((null, TestEvents.Json(unkeyed)));

        var before = fixture.Completed;
        await fixture.RegisterTenantsAsync([tenant]);
        await fixture.ProduceAsync(messages);
        await fixture.WaitForCompletedAsync(before + messages.Count);

        var deadLetters = fixture.ReadDeadLetters(invalid.Length, TimeSpan.FromSeconds(30));
        Assert.Equal(invalid.Length, deadLetters.Count);
        foreach (var (expectedKey, value, reason) in invalid)
        {
            var letter = Assert.Single(deadLetters, d => d.Message.Value.AsSpan().SequenceEqual(value));
            Assert.Equal(reason, PipelineFixture.Header(letter, DeadLetterHeaders.Reason));
            Assert.NotEmpty(PipelineFixture.Header(letter, DeadLetterHeaders.Detail));
            Assert.Equal(PipelineFixture.Topic, PipelineFixture.Header(letter, DeadLetterHeaders.SourceTopic));
            Assert.True(long.Parse(PipelineFixture.Header(letter, DeadLetterHeaders.SourceOffset)) >= 0);
            Assert.Equal(expectedKey, letter.Message.Key);
        }

        var snapshot = await fixture.Client.GetGrain<IConversationGrain>($"{tenant}/c-1").GetSnapshotAsync(includeTranscript: true);
        Assert.NotNull(snapshot);
        Assert.Equal(4, snapshot.EventsApplied);
        Assert.Equal(6, snapshot.LastSequence);
        Assert.Equal(["c-1-m2", "c-1-m5"], snapshot.Transcript!.Select(m => m.MessageId));
        Assert.Equal("closed", snapshot.Status);
        Assert.Equal(80, snapshot.Score.Criteria.Single(c => c.Id == "resolution").Score);

        Assert.NotNull(await fixture.Client.GetGrain<IConversationGrain>($"{tenant}/c-2").GetSnapshotAsync(false));
        Assert.True(fixture.DeadLettered >= invalid.Length);
    }

    [Fact]
    public async Task A_record_too_large_for_the_dead_letter_topic_is_stored_as_a_prefix_and_its_partition_moves_on()
    {
        const string tenant = "t-dlq-big";
        var key = Encoding.UTF8.GetBytes($"{tenant}/c-big");
        var huge = new byte[2 * 1024 * 1024];
        new Random(7).NextBytes(huge);
        var before = fixture.Completed;

        // The test's own producer may write what the service's producer (1 MB default) cannot forward.
        await fixture.RegisterTenantsAsync([tenant]);
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = fixture.BootstrapServers, MessageMaxBytes = 4 * 1024 * 1024 }).Build())
        {
            await producer.ProduceAsync(PipelineFixture.Topic, new Message<byte[]?, byte[]> { Key = key, Value = TestEvents.Json(TestEvents.Message(tenant, "support", "c-big", 1, "customer", "u1", "Hello")) });
            await producer.ProduceAsync(PipelineFixture.Topic, new Message<byte[]?, byte[]> { Key = key, Value = huge });
            await producer.ProduceAsync(PipelineFixture.Topic, new Message<byte[]?, byte[]> { Key = key, Value = TestEvents.Json(TestEvents.Message(tenant, "support", "c-big", 2, "agent", "ana", "Hi! How can I help?")) });
        }

        await fixture.WaitForCompletedAsync(before + 3);
        var letter = Assert.Single(
            fixture.ReadDeadLetters(20, TimeSpan.FromSeconds(5)),
            d => d.Message.Headers.TryGetLastBytes(DeadLetterHeaders.Truncated, out _));
        Assert.Equal(RejectionCodes.EventTooLarge, PipelineFixture.Header(letter, DeadLetterHeaders.Reason));
        Assert.Equal(DeadLetterHeaders.TooLarge, PipelineFixture.Header(letter, DeadLetterHeaders.Truncated));
        Assert.Equal(huge.Length.ToString(), PipelineFixture.Header(letter, DeadLetterHeaders.OriginalBytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(huge)), PipelineFixture.Header(letter, DeadLetterHeaders.OriginalSha256));
        Assert.Equal(huge.AsSpan(0, DeadLetterPublisher.TruncatedValueBytes).ToArray(), letter.Message.Value);
        Assert.Equal(key, letter.Message.Key);

        var snapshot = await fixture.Client.GetGrain<IConversationGrain>($"{tenant}/c-big").GetSnapshotAsync(includeTranscript: false);
        Assert.Equal(2, snapshot!.LastSequence);

        // The partition's offsets are committed past the big record: nothing is left to read again after a restart.
        await Eventually.ReturnsAsync(
            () => ConsumerGroupLag.Measure(fixture.BootstrapServers, PipelineFixture.Topic, 8, "craftcx-test"),
            lag => lag == 0,
            TimeSpan.FromSeconds(30),
            "the group's commits to reach the end of the topic");
    }
}
