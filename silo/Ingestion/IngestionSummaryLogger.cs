using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>Logs one line every few seconds: rate, conversations, dead letters, in-flight, latency.</summary>
internal sealed partial class IngestionSummaryLogger(
    IngestionStats stats,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<IngestionSummaryLogger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SummaryInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        var lastConsumed = stats.Consumed;
        var lastTime = time.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var consumed = stats.Consumed;
            var now = time.GetUtcNow();
            var rate = (consumed - lastConsumed) / Math.Max(0.001, (now - lastTime).TotalSeconds);
            lastConsumed = consumed;
            lastTime = now;
            var reasons = stats.DeadLetteredByReason.Count == 0
                ? string.Empty
                : " (" + string.Join(", ", stats.DeadLetteredByReason.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}")) + ")";
            LogSummary(
                rate,
                stats.Conversations,
                stats.Applied,
                stats.Duplicates,
                stats.DeadLettered,
                reasons,
                stats.InFlight,
                stats.AssignedPartitions,
                stats.Latency.PercentileMs(0.99));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest {Rate:0.0} events/s | conversations {Conversations} | applied {Applied} | duplicates {Duplicates} | DLQ {DeadLettered}{Reasons} | in flight {InFlight} | partitions {Partitions} | p99 {P99Ms} ms")]
    private partial void LogSummary(double rate, long conversations, long applied, long duplicates, long deadLettered, string reasons, long inFlight, int partitions, double? p99Ms);
}
