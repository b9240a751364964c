using CraftCX.Api;
using CraftCX.Api.Configuration;
using CraftCX.Api.Connectors;
using CraftCX.Api.Ingestion;
using CraftCX.Events;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>The way in: the Kafka ingestor with its dead letters, stats and health check, and HTTP onto the same topic.</summary>
internal static class IngestionServices
{
    public static IServiceCollection AddCraftCXIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCraftCXKafka(configuration);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section))
            .ValidateAnnotationsOnStart<IngestionOptions, IngestionOptionsValidator>(IngestionOptions.Section);
        services.AddSingleton(sp => new ChatEventParser(sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Contract, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestionStats>();
        services.AddSingleton<ConsumerLag>();
        services.TryAddSingleton<CraftCXTelemetry>();
        services.AddSingleton<TenantAdmission>();
        services.AddSingleton<ImportProgress>();
        services.AddSingleton<DeadLetterPublisher>();
        services.AddSingleton<IEventIngress, KafkaEventIngress>();
        services.AddSingleton<IConnectorDeadLetters, ConnectorDeadLetterWriter>();

        // Before the ingestor: hosts stop services in reverse, so the last report follows the ingestor's drain.
        services.AddHostedService<ImportProgressReporter>();
        if (configuration.GetSection(IngestionOptions.Section).GetValue(nameof(IngestionOptions.Enabled), true))
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<KafkaIngestor>(sp));
        }

        services.AddHostedService<IngestionSummaryLogger>();
        services.AddHealthChecks().AddCheck<IngestionHealthCheck>("kafka-ingestor", tags: [CraftCXApi.ReadyTag]);
        return services;
    }
}
