using System.Diagnostics;
using CraftCX.Events.Json;
using CraftCX.Privacy;
using CraftCX.Tenants;
using CraftCX.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CraftCX.Benchmarks;

/// <summary>
/// What retention costs: ingestion of closing conversations (each indexed in a bucket), a sweep that purges them,
/// ingestion while that sweep runs against ingestion without one, and the bytes a bucket rewrites at a million
/// closes per tenant per day.
/// </summary>
internal static class RetentionCost
{
    private const string Tenant = "bench-retain";

    public static async Task MeasureAsync(string bootstrapServers, string topic, Func<string, int, List<ChatEventDto>> build, Func<ChatEventDto, (byte[]? Key, byte[] Value)> encode, Action<string, List<(byte[]? Key, byte[] Value)>> produce, int conversations, int maxInFlight, BenchmarkReport report)
    {
        var clock = new ShiftedClock();
        await using var host = await PipelineHost.StartAsync(bootstrapServers, topic, "bench-retention", maxInFlight, clock: clock);
        var purged = build(Tenant, conversations).Select(encode).ToList();
        var quiet = build(Tenant + "-quiet", conversations).Select(encode).ToList();
        var busy = build(Tenant + "-busy", conversations).Select(encode).ToList();

        produce(topic, purged);
        var indexing = await host.ConsumeAllAsync(purged.Count, TimeSpan.FromMinutes(10));
        report.Add($"retention: {conversations} closing conversations of {purged.Count / conversations} events, each indexed by day: {purged.Count / indexing.TotalSeconds:0} events/s");

        // Without a sweep, then the same amount while a sweep purges the first tenant's conversations.
        var quietRate = await ConsumeMoreAsync(host, produce, topic, quiet);
        await host.Grains.GetGrain<ITenantGrain>(Tenant).SetRetentionPolicyAsync(new RetentionPolicy(TranscriptDays: 0));
        clock.Advance(TimeSpan.FromDays(2));
        var retention = host.Grains.GetGrain<IRetentionGrain>(Tenant);
        var sweepWatch = Stopwatch.StartNew();
        await retention.SweepAsync();
        var busyRate = await ConsumeMoreAsync(host, produce, topic, busy);
        RetentionSweepReport? done;
        while ((done = (await retention.GetStatusAsync()).LastSweep) is null or { Running: true })
        {
            await Task.Delay(20);
        }

        var sweep = sweepWatch.Elapsed;
        report.Add($"retention sweep: {done.Purged} of {conversations} conversations purged in {sweep.TotalSeconds:0.00} s ({done.Purged / sweep.TotalSeconds:0} conversations/s, {done.Failed} failed), {new RetentionOptions().SweepConcurrency} at a time");
        report.Add($"ingestion while the sweep ran: {busyRate:0} events/s, without one {quietRate:0} events/s (ratio {busyRate / quietRate:0.00})");

        // A bucket is rewritten whole on every (coalesced) write: its size at a million closes a day is the cost.
        var serializer = host.App.Services.GetRequiredService<IGrainStorageSerializer>();
        var bucket = new RetentionBucketState();
        foreach (var i in Enumerable.Range(0, 1_000_000 / RetentionBuckets.Shards))
        {
            bucket.Conversations.Add($"conv-{i:D8}-{i % 9973:D4}");
        }

        var bytes = serializer.Serialize(bucket).ToMemory().Length;
        var watch = Stopwatch.StartNew();
        const int Writes = 20;
        for (var i = 0; i < Writes; i++)
        {
            _ = serializer.Serialize(bucket);
        }

        report.Add($"retention bucket at 1,000,000 closes per tenant per day: {bucket.Conversations.Count} ids per shard, {bytes / 1024} KiB and {watch.Elapsed.TotalMilliseconds / Writes:0.0} ms to serialize per write, at most {1000 / 100} writes/s per bucket (Retention:BucketWriteInterval 100 ms)");
    }

    private static async Task<double> ConsumeMoreAsync(PipelineHost host, Action<string, List<(byte[]? Key, byte[] Value)>> produce, string topic, List<(byte[]? Key, byte[] Value)> messages)
    {
        var before = host.Stats.Completed;
        var watch = Stopwatch.StartNew();
        produce(topic, messages);
        await host.WaitForCompletedAsync(before + messages.Count, TimeSpan.FromMinutes(10));
        return messages.Count / watch.Elapsed.TotalSeconds;
    }
}
