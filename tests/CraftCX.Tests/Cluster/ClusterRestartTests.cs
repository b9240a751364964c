namespace CraftCX.Tests.Cluster;

/// <summary>
/// A two-silo cluster: a silo stopped gracefully mid-stream drains and commits, the cluster survives a hard
/// restart of every silo, and a replay of the whole topic from offset 0 by a new consumer group changes nothing.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class ClusterRestartTests(PostgresServer postgres)
{
    [Fact]
    public async Task Graceful_stop_hard_restart_and_full_replay_leave_every_aggregate_exact()
    {
        await using var rig = await ClusterRig.CreateAsync(postgres, "restart");
        const string tenant = "t-restart";
        var events = TestWorkload.Build(tenant, conversations: 600, seed: 8);
        var truth = GroundTruth.From(events);

        // Graceful: one silo stops while the stream is applied; it drains its in-flight events and commits them.
        var first = await rig.StartSilosAsync(2, "first");
        await Eventually.ReturnsAsync(
            async () => (await Task.WhenAll(first.Select(s => s.IngestorHealthAsync()))).Select(h => h?.GetProperty("data").GetProperty("assignedPartitions").GetInt32() ?? 0).ToList(),
            assigned => assigned.All(a => a > 0),
            TimeSpan.FromSeconds(60),
            "the partitions to be spread over both silos");
        // Stopped once it is applying at its pace, not in the first seconds of a cold start, with work still in flight.
        var producing = rig.ProduceAsync(events, perSecond: 2000);
        await Eventually.ReturnsAsync(
            first[0].IngestorHealthAsync,
            health => health?.GetProperty("data") is { } data && data.GetProperty("inFlight").GetInt64() > 0
                && data.GetProperty("consumed").GetInt64() - data.GetProperty("inFlight").GetInt64() >= 500,
            TimeSpan.FromSeconds(60),
            "the silo to stop to be applying the stream, with events in flight");
        await first[0].StopAsync();
        var log = await first[0].ReadLogAsync();
        Assert.Contains("completed offsets committed", log);
        Assert.DoesNotContain("still in flight after", log);

        await producing;
        await rig.WaitForNoLagAsync(TimeSpan.FromMinutes(3));
        await truth.AssertGrainsMatchAsync(await rig.ClientAsync(), tenant);

        // Hard restart: kill what runs, start a new pair; state comes back from PostgreSQL unchanged.
        first[1].Kill();
        await rig.StartSilosAsync(2, "second");
        await truth.AssertGrainsMatchAsync(await rig.ClientAsync(), tenant);

        // Replay: a new consumer group reads the topic from offset 0 on a fresh pair of silos.
        foreach (var silo in rig.Silos.Where(s => !s.HasExited))
        {
            await silo.StopAsync();
        }

        rig.GroupId = "craftcx-replay";
        await rig.StartSilosAsync(2, "replay");
        await rig.WaitForNoLagAsync(TimeSpan.FromMinutes(3), "craftcx-replay");
        await truth.AssertGrainsMatchAsync(await rig.ClientAsync(), tenant);
    }
}
