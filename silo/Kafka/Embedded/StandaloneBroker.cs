using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka.Embedded;

/// <summary>
/// Runs only the embedded Kafka-protocol broker (--broker-only), so that several silo processes on one machine can
/// share one broker without installing Kafka. Prints the bootstrap address and lives until Ctrl-C or SIGTERM.
/// </summary>
internal static class StandaloneBroker
{
    public static async Task RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddOptions<KafkaOptions>().Bind(builder.Configuration.GetSection(KafkaOptions.Section));
        using var host = builder.Build();
        var kafka = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        using var broker = MockKafkaCluster.Start();
        broker.CreateTopic(kafka.Topic, kafka.EmbeddedBroker.Partitions);
        broker.CreateTopic(kafka.DeadLetterTopicName, kafka.EmbeddedBroker.DeadLetterPartitions);
        broker.CreateTopic(kafka.ScoresTopicName, kafka.EmbeddedBroker.ScoresPartitions);
        broker.CreateTopic(kafka.ImportTopicName, kafka.EmbeddedBroker.ImportPartitions);
        Console.WriteLine($"Kafka-protocol broker on {broker.BootstrapServers} (topic {kafka.Topic} with {kafka.EmbeddedBroker.Partitions} partitions, dead letters in {kafka.DeadLetterTopicName}).");
        Console.WriteLine($"Point silos at it with Kafka__BootstrapServers={broker.BootstrapServers}; Ctrl-C stops it (each partition keeps only its last 5 MiB).");
        await host.RunAsync();
    }
}
