using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Ingestion;

/// <summary>Logs one line every few seconds: rate, conversations, dead letters, in-flight, latency; and one for imports while they run.</summary>
internal sealed partial class IngestionSummaryLogger(
    IngestionStats stats,
    ImportProgress imports,
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
        var lastImportDone = imports.Done;
        var lastTime = time.GetUtcNow();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var consumed = stats.Consumed;
            var now = time.GetUtcNow();
            var seconds = Math.Max(0.001, (now - lastTime).TotalSeconds);
            var rate = (consumed - lastConsumed) / seconds;
            var importDone = imports.Done;
            var importRate = (importDone - lastImportDone) / seconds;
            lastConsumed = consumed;
            lastImportDone = importDone;
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
            var waiting = imports.Waiting;
            if (importRate > 0 || waiting > 0)
            {
                var eta = importRate > 0 && waiting > 0 ? TimeSpan.FromSeconds(Math.Ceiling(waiting / importRate)).ToString("c", System.Globalization.CultureInfo.InvariantCulture) : "-";
                LogImport(importRate, importDone, waiting, eta);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Rate:0.0} events/s | done {Done} | waiting in this silo's import partitions {Waiting} | ETA {Eta}")]
    private partial void LogImport(double rate, long done, long waiting, string eta);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest {Rate:0.0} events/s | conversations {Conversations} | applied {Applied} | duplicates {Duplicates} | DLQ {DeadLettered}{Reasons} | in flight {InFlight} | partitions {Partitions} | p99 {P99Ms} ms")]
    private partial void LogSummary(double rate, long conversations, long applied, long duplicates, long deadLettered, string reasons, long inFlight, int partitions, double? p99Ms);
}
