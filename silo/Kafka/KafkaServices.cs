using CraftCX.Api.Configuration;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>Kafka settings (validated at start) and the clients every Kafka feature shares.</summary>
internal static class KafkaServices
{
    /// <summary>Safe to call from every feature that uses Kafka: registers once.</summary>
    public static IServiceCollection AddCraftCXKafka(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(KafkaBootstrap)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.Section))
            .ValidateAnnotationsOnStart<KafkaOptions, KafkaOptionsRangeValidator>(KafkaOptions.Section);
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton<KafkaBootstrap>();
        services.AddSingleton<KafkaClientConfigs>();
        services.AddSingleton<SharedKafkaProducer>();
        return services;
    }
}
