using CraftCX.Api.ScoreStream;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CraftCX.Silo.ScoreLog;

/// <summary>The durable score log: the scores topic the workspaces append to and the readers that serve the stream API.</summary>
internal static class ScoreLogServices
{
    /// <summary>The scores topic: written by the workspaces (score log), read by the streaming API (tail and catch-up).</summary>
    public static IServiceCollection AddCraftCXScoreLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCraftCXKafka(configuration);
        services.TryAddSingleton<CraftCXTelemetry>();
        services.AddSingleton<IScoreChangeLog, KafkaScoreChangeLog>();
        services.AddSingleton<ScoreLogTail>();
        services.AddSingleton<IScoreStreamSource, KafkaScoreStreamSource>();
        return services;
    }
}
