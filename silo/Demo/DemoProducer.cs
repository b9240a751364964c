using CraftCX.Tenants;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CraftCX.Events.Json;
using CraftCX.Silo.Kafka;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Demo;

/// <summary>
/// Plays scripted ABCD conversations into the events topic in real time (scaled), keeping a set number of
/// conversations open and the rate under a ceiling; a small share of deliberately broken events shows the
/// dead-letter path at work.
/// </summary>
internal sealed partial class DemoProducer(
    SharedKafkaProducer producer,
    IGrainFactory grains,
    IOptions<DemoOptions> options,
    IOptions<KafkaOptions> kafka,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoProducer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Demo traffic is a convenience: whatever breaks it (a missing data file, say) must not stop the silo.
            LogStopped(ex);
        }
    }

    // The embedded demo creates its tenant as an operator would, so that its events are taken in; the silo may
    // still be starting, so it tries until the tenant grain answers.
    private async Task RegisterTenantAsync(string tenant, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<ITenantGrain>(tenant).RegisterAsync();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var sources = AbcdDataset.Load(Resolve(demo.DataFile));
        var dialogues = demo.AssistantShare > 0 ? SgdDataset.Load(Resolve(demo.AssistantDataFile)) : [];
        await RegisterTenantAsync(demo.Tenant, stoppingToken);
        _ = BackfillAsync(sources, dialogues, stoppingToken);
        var random = demo.Seed is { } seed ? new Random(seed) : new Random();
        var runId = Convert.ToString(random.Next(36 * 36 * 36, 36 * 36 * 36 * 36), 16);
        var builder = new DemoScriptBuilder(demo);
        var queue = new PriorityQueue<(DemoScript Script, int Step), DateTimeOffset>();
        var started = 0;
        var topic = kafka.Value.Topic;
        LogStarting(sources.Count, dialogues.Count, demo.Tenant, demo.ConcurrentConversations, demo.MaxEventsPerSecond, topic);

        void StartConversation(DateTimeOffset at)
        {
            started++;
            DemoScript script;
            if (dialogues.Count > 0 && random.NextDouble() < demo.AssistantShare)
            {
                var dialogue = dialogues[random.Next(dialogues.Count)];
                script = builder.BuildAssistant(dialogue, $"d{runId}-sgd{dialogue.Id.Replace('_', '-')}-{started}", random);
            }
            else
            {
                var source = sources[random.Next(sources.Count)];
                script = builder.Build(source, $"d{runId}-{source.Id}-{started}", random, DemoConduct.On(DateOnly.FromDateTime(at.UtcDateTime)));
            }

            queue.Enqueue((script, 0), at + script.Steps[0].Delay);
        }

        var now = time.GetUtcNow();
        for (var i = 0; i < demo.ConcurrentConversations; i++)
        {
            // Spread the first conversations over half a minute so the stream starts smoothly.
            StartConversation(now + TimeSpan.FromSeconds(random.NextDouble() * 30 * demo.TimeScale));
        }

        var tokens = demo.MaxEventsPerSecond;
        var lastTick = now;
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var pending = new List<Task>();
        while (await ticker.WaitForNextTickAsync(stoppingToken))
        {
            now = time.GetUtcNow();
            tokens = Math.Min(demo.MaxEventsPerSecond, tokens + (now - lastTick).TotalSeconds * demo.MaxEventsPerSecond);
            lastTick = now;
            while (tokens >= 1 && queue.TryPeek(out var next, out var due) && due <= now)
            {
                queue.Dequeue();
                tokens--;
                var step = next.Script.Steps[next.Step];
                step.Event.OccurredAt = now;
                pending.Add(ProduceAsync(topic, step.Event, random.NextDouble() < demo.InvalidEventRate ? random : null, stoppingToken));
                if (next.Step + 1 < next.Script.Steps.Count)
                {
                    queue.Enqueue((next.Script, next.Step + 1), now + next.Script.Steps[next.Step + 1].Delay);
                }
                else
                {
                    StartConversation(now + TimeSpan.FromSeconds(random.NextDouble() * 10 * demo.TimeScale));
                }
            }

            if (pending.Count > 0)
            {
                try
                {
                    await Task.WhenAll(pending);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogProduceFailed(ex);
                }

                pending.Clear();
            }
        }
    }

    // Beside the live demo, not before it: the dashboard shows live traffic at once and its history fills in.
    private async Task BackfillAsync(IReadOnlyList<AbcdConversation> sources, IReadOnlyList<SgdDialogue> dialogues, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await new DemoBackfill(producer, grains, kafka.Value, options.Value, time, logger).RunAsync(sources, dialogues, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogBackfillStopped(ex);
        }
    }

    private Task ProduceAsync(string topic, ChatEventDto chatEvent, Random? breakWith, CancellationToken cancellationToken)
    {
        var key = $"{chatEvent.Tenant}/{chatEvent.Conversation}";
        var value = JsonSerializer.SerializeToUtf8Bytes(chatEvent, ChatEventJsonContext.Default.ChatEventDto);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var valid = producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = keyBytes, Value = value }, cancellationToken);
        if (breakWith is null)
        {
            return valid;
        }

        var broken = producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = keyBytes, Value = Break(chatEvent, value, breakWith) }, cancellationToken);
        return Task.WhenAll(valid, broken);
    }

    /// <summary>A broken copy of an event, sent besides the real one, which still goes through.</summary>
    private static byte[] Break(ChatEventDto chatEvent, byte[] valid, Random random) => random.Next(4) switch
    {
        0 => valid[..(valid.Length / 2)],
        1 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace($"\"type\":\"{chatEvent.Type}\"", "\"type\":\"message.exploded\"")),
        2 => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"sequence\":", "\"sequence\":\"x\",\"_s\":")),
        _ => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace($"\"tenant\":\"{chatEvent.Tenant}\"", "\"tenant\":\"Bad Tenant!\"")),
    };

    // Relative to the application folder, else to the content root (dotnet run from the repository).
    private string Resolve(string file)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        return File.Exists(path) ? path : Path.Combine(environment.ContentRootPath, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: replaying {Sources} ABCD conversations and {Dialogues} SGD assistant dialogues for tenant '{Tenant}', {Concurrent} at a time, at most {Rate} events/s, into {Topic}")]
    private partial void LogStarting(int sources, int dialogues, string tenant, int concurrent, double rate, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: stopped; the silo runs on without demo traffic")]
    private partial void LogStopped(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: the backfill stopped; live demo traffic goes on")]
    private partial void LogBackfillStopped(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: producing events failed")]
    private partial void LogProduceFailed(Exception exception);
}
