using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Imports;
using CraftCX.Silo.Kafka;

namespace CraftCX.Silo.Demo;

/// <summary>
/// Fills the demo's history at start: the last days' conversations go to the import topic at a bounded rate, behind
/// the live demo, so that a newcomer sees trends the moment the dashboard opens.
/// </summary>
internal sealed partial class DemoBackfill(
    SharedKafkaProducer producer,
    IGrainFactory grains,
    KafkaOptions kafka,
    DemoOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(IReadOnlyList<AbcdConversation> sources, IReadOnlyList<SgdDialogue> dialogues, CancellationToken stoppingToken)
    {
        if (options.BackfillDays <= 0 || options.BackfillConversationsPerDay <= 0)
        {
            return;
        }

        var plan = new DemoBackfillPlan(options, sources, dialogues);
        var topic = kafka.ImportTopicName;
        var days = plan.Days(time.GetUtcNow()).ToList();
        LogStarting(days.Count, options.BackfillConversationsPerDay, topic, options.BackfillEventsPerSecond);
        var started = time.GetTimestamp();
        long produced = 0;
        var status = grains.GetGrain<IImportStatusGrain>(options.Tenant);
        foreach (var day in days)
        {
            var events = plan.EventsOf(day);
            await Task.WhenAll(events.Select(e => producer.ProduceAsync(
                topic,
                new Message<byte[]?, byte[]>
                {
                    Key = Encoding.UTF8.GetBytes($"{e.Tenant}/{e.Conversation}"),
                    Value = JsonSerializer.SerializeToUtf8Bytes(e, ChatEventJsonContext.Default.ChatEventDto),
                },
                stoppingToken)));
            produced += events.Count;
            await CountSubmittedAsync(status, events.Count);

            // Paced per day: the live demo's events never wait behind a whole backlog.
            var due = TimeSpan.FromSeconds(produced / options.BackfillEventsPerSecond);
            var elapsed = time.GetElapsedTime(started);
            if (due > elapsed)
            {
                await Task.Delay(due - elapsed, time, stoppingToken);
            }
        }

        LogDone(produced, days.Count, time.GetElapsedTime(started).TotalSeconds, options.Tenant);
    }

    // The status is a view of the import: it missing a count must not stop the import itself.
    private async Task CountSubmittedAsync(IImportStatusGrain status, int events)
    {
        try
        {
            await status.SubmittedAsync(events);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotCounted(events, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: {Events} backfilled events are on the import topic but not in its status ({ErrorType})")]
    private partial void LogNotCounted(int events, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: backfilling {Days} days of history ({PerDay} conversations a day) through the import topic {Topic}, at most {Rate} events/s")]
    private partial void LogStarting(int days, int perDay, string topic, double rate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: {Events} events of {Days} past days are on the import topic after {Seconds:0.0} s; progress at GET /v1/tenants/{Tenant}/import")]
    private partial void LogDone(long events, int days, double seconds, string tenant);
}
