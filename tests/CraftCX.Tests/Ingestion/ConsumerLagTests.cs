using System.Diagnostics.Metrics;
using CraftCX.Silo.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Ingestion;

/// <summary>Consumer lag read from librdkafka's statistics document (its documented "topics/partitions/consumer_lag" shape).</summary>
[Trait("Category", "Unit")]
public sealed class ConsumerLagTests
{
    private static ConsumerLag Lag() => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private const string Statistics = """
        {"name":"craftcx-1#consumer-1","type":"consumer","ts":1,"topics":{
          "chat-events":{"topic":"chat-events","partitions":{
            "0":{"partition":0,"consumer_lag":12,"hi_offset":112,"committed_offset":100},
            "1":{"partition":1,"consumer_lag":0},
            "2":{"partition":2,"consumer_lag":-1},
            "-1":{"partition":-1,"consumer_lag":-1}}},
          "chat-events.import":{"topic":"chat-events.import","partitions":{"3":{"partition":3,"consumer_lag":40000}}}}}
        """;

    [Fact]
    public void Each_assigned_partition_has_its_lag_and_unknown_or_internal_ones_are_left_out()
    {
        var lag = Lag();
        lag.Update(Statistics);
        Assert.Equal([("chat-events", 0, 12L), ("chat-events", 1, 0L), ("chat-events.import", 3, 40_000L)], lag.Latest);
    }

    [Fact]
    public void A_partition_no_longer_reported_is_gone_and_a_broken_document_keeps_the_last_figures()
    {
        var lag = Lag();
        lag.Update(Statistics);
        lag.Update("""{"topics":{"chat-events":{"partitions":{"1":{"consumer_lag":7}}}}}""");
        Assert.Equal([("chat-events", 1, 7L)], lag.Latest);
        lag.Update("{\"topics\": {");
        Assert.Equal([("chat-events", 1, 7L)], lag.Latest);
        lag.Update("""{"name":"no topics yet"}""");
        Assert.Equal([("chat-events", 1, 7L)], lag.Latest);
    }
}
