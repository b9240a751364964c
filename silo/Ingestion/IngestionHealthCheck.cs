using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>Ready when the Kafka consumer runs and has not just lost its brokers; the description says why not.</summary>
internal sealed class IngestionHealthCheck(IngestionStats stats, IOptions<IngestionOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan RecentError = TimeSpan.FromSeconds(15);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Kafka ingestion is disabled on this silo."));
        }

        var data = new Dictionary<string, object>
        {
            ["assignedPartitions"] = stats.AssignedPartitions,
            ["inFlight"] = stats.InFlight,
            ["paused"] = stats.Paused,
            ["consumed"] = stats.Consumed,
            ["deadLettered"] = stats.DeadLettered,
        };

        if (!stats.ConsumerRunning)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                "The Kafka consumer is not running" + (stats.LastKafkaError is { } e ? $" (last error: {e})" : "."), data: data));
        }

        // Down until a broker answers again; an idle consumer proves nothing either way, so the
        // state also ends once librdkafka has stopped reporting connection errors for a while.
        if (stats.BrokersDownSince is { } since && stats.LastKafkaErrorAt is { } at && time.GetUtcNow() - at < RecentError)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Kafka brokers are unreachable since {since:O}; last error: {stats.LastKafkaError}", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy(
            stats.Paused ? "Consuming (paused for backpressure)." : "Consuming.", data));
    }
}
