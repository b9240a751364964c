namespace CraftCX.Silo.Kafka.Embedded;

/// <summary>Makes the embedded broker available to <see cref="KafkaBootstrap"/> (it still runs only where allowed).</summary>
internal static class EmbeddedKafkaServices
{
    public static IServiceCollection AddCraftCXEmbeddedKafka(this IServiceCollection services) =>
        services.AddSingleton<IEmbeddedKafka, EmbeddedKafka>();
}
