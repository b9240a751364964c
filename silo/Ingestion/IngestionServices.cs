using CraftCX.Api;
using CraftCX.Api.Ingestion;
using CraftCX.Events;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>The way in: the Kafka ingestor with its dead letters, stats and health check, and HTTP onto the same topic.</summary>
internal static class IngestionServices
{
    public static IServiceCollection AddCraftCXIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCraftCXKafka(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section));
        services.AddSingleton(sp => new ChatEventParser(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Contract, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestionStats>();
        services.AddSingleton<TenantAdmission>();
        services.AddSingleton<DeadLetterPublisher>();
        services.AddSingleton<IEventIngress, KafkaEventIngress>();
        if (configuration.GetSection(IngestionOptions.Section).GetValue(nameof(IngestionOptions.Enabled), true))
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<KafkaIngestor>(sp));
        }

        services.AddHostedService<IngestionSummaryLogger>();
        services.AddHealthChecks().AddCheck<IngestionHealthCheck>("kafka-ingestor", tags: [CraftCXApi.ReadyTag]);
        return services;
    }
}
