using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.ScoreStream;

/// <summary>A stream cursor whose entries the log no longer keeps: a clear 410, on a silo of its own (it empties the log).</summary>
public sealed class ScoreStreamRetentionTests(Security.SecurityFixture host) : IClassFixture<Security.SecurityFixture>
{
    [Fact]
    public async Task A_cursor_older_than_the_logs_retention_is_410_with_the_earliest_cursor_never_a_silent_jump()
    {
        await host.PrepareAsync();
        await TestEvents.PostAsync(host.Http, TestWorkload.Build("tenant-a", conversations: 4, seed: 9).ToArray());
        var all = await Eventually.ReturnsAsync(
            () => ScoreStreamTests.ReadAllAsync(host.Http, "/v1/stream/scores?follow=false"),
            lines => lines.Count > 0,
            TimeSpan.FromSeconds(30),
            "score changes in the log");
        var oldCursor = all[0].GetProperty("cursor").GetString()!;

        // What retention does to a topic: its oldest records go and the log starts later. The embedded broker keeps
        // only the last 5 MiB of a partition, so another tenant's 6 MiB per partition pushes the old ones out.
        var services = host.Silo.App.Services;
        var bootstrap = services.GetRequiredService<Silo.Kafka.KafkaBootstrap>().BootstrapServers;
        var topic = services.GetRequiredService<IOptions<Silo.Kafka.KafkaOptions>>().Value.ScoresTopicName;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build())
        using (var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "retention-" + Guid.NewGuid().ToString("N") }).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
            var filler = new byte[100 * 1024];
            await Task.WhenAll(partitions.SelectMany(p => Enumerable.Range(0, 60).Select(_ =>
                producer.ProduceAsync(p, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("filler/x"), Value = filler }))));
            Assert.All(partitions, p => Assert.True(reader.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).Low.Value > 0, $"{p} still starts at 0"));
        }

        var gone = await host.Http.GetAsync($"/v1/stream/scores?follow=false&cursor={oldCursor}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var problem = await gone.Content.ReadFromJsonAsync<JsonElement>();
        var earliest = problem.GetProperty("earliestCursor").GetString()!;
        Assert.True(CraftCX.Api.ScoreStream.StreamPosition.TryParse(oldCursor, out var old));
        Assert.True(CraftCX.Api.ScoreStream.StreamPosition.TryParse(earliest, out var start));

        // Each partition moves only as far as the log now starts: what the client read is not sent again.
        Assert.All(old!.NextOffsets, p => Assert.True(start!.NextOffsets[p.Key] >= p.Value, $"partition {p.Key} went back"));
        Assert.Contains(old.NextOffsets, p => start!.NextOffsets[p.Key] > p.Value);

        var resumed = await host.Http.GetAsync($"/v1/stream/scores?follow=false&cursor={earliest}");
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        using var sse = new HttpRequestMessage(HttpMethod.Get, $"/v1/stream/scores?follow=false");
        sse.Headers.Add("Last-Event-ID", oldCursor);
        Assert.Equal(HttpStatusCode.Gone, (await host.Http.SendAsync(sse)).StatusCode);
    }

    [Fact]
    public async Task A_record_that_is_not_a_score_change_is_skipped_and_the_stream_goes_on()
    {
        await host.PrepareAsync();
        using var response = await host.Http.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());

        // from=now answers at once with a heartbeat carrying the starting cursor.
        var first = JsonDocument.Parse((await lines.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!).RootElement;
        Assert.Equal("heartbeat", first.GetProperty("type").GetString());

        var services = host.Silo.App.Services;
        var bootstrap = services.GetRequiredService<Silo.Kafka.KafkaBootstrap>().BootstrapServers;
        var topic = services.GetRequiredService<IOptions<Silo.Kafka.KafkaOptions>>().Value.ScoresTopicName;
        var change = new CraftCX.ScoreChanges.ConversationScoreChange(
            "tenant-a", "w", "c-after-garbage", 1, DateTimeOffset.UtcNow, "ana", false, CraftCX.Aggregation.HandledBy.Human, 80, false,
            [new CraftCX.Aggregation.CriterionScore("greeting", 80)], null, 0, false, false, []);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            var key = Encoding.UTF8.GetBytes("tenant-a/w");
            await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = key, Value = "{not json"u8.ToArray() });
            await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = key, Value = JsonSerializer.SerializeToUtf8Bytes(change, Silo.ScoreLog.ScoreChangeJsonContext.Default.ConversationScoreChange) });
        }

        var seen = await Task.Run(async () =>
        {
            while (await lines.ReadLineAsync() is { } line)
            {
                var item = JsonDocument.Parse(line).RootElement;
                if (item.GetProperty("type").GetString() == "score")
                {
                    return item.GetProperty("score").GetProperty("conversation").GetString();
                }
            }

            return null;
        }).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("c-after-garbage", seen);
    }
}
