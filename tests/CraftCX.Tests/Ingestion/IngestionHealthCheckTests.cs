using System.Diagnostics.Metrics;
using CraftCX.Silo.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Ingestion;

/// <summary>Readiness while Kafka is unreachable: the "all brokers down" state survives the connection errors that follow it.</summary>
[Trait("Category", "Unit")]
public sealed class IngestionHealthCheckTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task All_brokers_down_followed_by_connection_errors_stays_unhealthy()
    {
        var stats = NewStats();
        ReportError(stats, "Local_AllBrokersDown: 1/1 brokers are down");
        _time.Advance(TimeSpan.FromSeconds(8));
        ReportError(stats, "Local_Transport: Connect to ipv4#127.0.0.1:9092 failed: Connection refused");
        _time.Advance(TimeSpan.FromSeconds(10));

        var result = await CheckAsync(stats);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("unreachable", result.Description);
        Assert.Contains("Connection refused", result.Description);
    }

    [Fact]
    public async Task A_broker_answering_again_makes_it_ready_at_once()
    {
        var stats = NewStats();
        ReportError(stats, "Local_AllBrokersDown: 1/1 brokers are down");
        stats.OnBrokerReached();

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(stats)).Status);
    }

    [Fact]
    public async Task Without_further_connection_errors_the_down_state_expires()
    {
        var stats = NewStats();
        ReportError(stats, "Local_AllBrokersDown: 1/1 brokers are down");
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(stats)).Status);

        _time.Advance(TimeSpan.FromSeconds(16));

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(stats)).Status);
    }

    [Fact]
    public async Task Other_errors_alone_do_not_make_it_unready()
    {
        var stats = NewStats();
        ReportError(stats, "Local_Transport: Disconnected (after 1200ms in state UP)");

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(stats)).Status);
    }

    public void Dispose() => _services.Dispose();

    private IngestionStats NewStats() => new(_services.GetRequiredService<IMeterFactory>()) { ConsumerRunning = true };

    private void ReportError(IngestionStats stats, string error)
    {
        stats.LastKafkaError = error;
        stats.LastKafkaErrorAt = _time.GetUtcNow();
        if (error.StartsWith("Local_AllBrokersDown", StringComparison.Ordinal))
        {
            stats.OnBrokersDown(_time.GetUtcNow());
        }
    }

    private Task<HealthCheckResult> CheckAsync(IngestionStats stats) =>
        new IngestionHealthCheck(stats, Options.Create(new IngestionOptions()), _time).CheckHealthAsync(new HealthCheckContext());

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
