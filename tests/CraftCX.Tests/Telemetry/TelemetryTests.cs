using System.Diagnostics;
using System.Net;
using CraftCX.Conversations;
using CraftCX.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CraftCX.Tests.Telemetry;

/// <summary>
/// A real silo with OpenTelemetry's in-memory exporter: one event posted over HTTP is followed by its trace through
/// the request, Kafka, the ingestor and the conversation grain, and the metrics route shows the counters move.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task One_events_trace_goes_from_the_request_through_kafka_into_its_grain_and_the_metrics_move()
    {
        var spans = new List<Activity>();
        await using var silo = await RunningSilo.StartAsync(
            new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true", ["Telemetry:Tracing"] = "true", ["Ingestion:StatisticsInterval"] = "00:00:00.500" },
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        const string tenant = "t-telemetry";
        using var ingest = silo.ClientWithKey(await silo.CreateKeyAsync(tenant, "ingest"));

        // A dashboard watching the workspace, and a client following the score stream, while the event arrives.
        var key = await silo.CreateKeyAsync(tenant);
        await using var dashboard = await LiveClient.ConnectAsync(silo.BaseAddress, key);
        await dashboard.JoinAsync("floor");
        using var follower = silo.ClientWithKey(key);
        using var stream = await follower.GetAsync("/v1/stream/scores?from=now", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        var started = TestEvents.Of("conversation.started", tenant, "floor", "traced-1", 0);
        var message = TestEvents.Message(tenant, "floor", "traced-1", 1, "customer", "cust-1", "Hello, where is my parcel?");
        var answer = TestEvents.Message(tenant, "floor", "traced-1", 2, "agent", "agent-1", "Hi! I am sorry about that, let me check the tracking for you.");
        await TestEvents.PostAsync(ingest, started, message, answer);
        await Eventually.ReturnsAsync(
            async () => (await silo.Grains.GetGrain<IConversationGrain>($"{tenant}/traced-1").GetSnapshotAsync(includeTranscript: false))?.Tenant,
            t => t == tenant,
            TimeSpan.FromSeconds(30),
            "the event applied");

        var tracer = silo.App.Services.GetRequiredService<TracerProvider>();
        var apply = await Eventually.ReturnsAsync(
            () =>
            {
                tracer.ForceFlush();
                lock (spans)
                {
                    return spans.FirstOrDefault(s => s.OperationName == "craftcx.ingest.apply" && (string?)s.GetTagItem("craftcx.tenant") == tenant);
                }
            },
            s => s is not null,
            TimeSpan.FromSeconds(30),
            "the ingestor's span exported");

        List<Activity> trace;
        lock (spans)
        {
            trace = spans.Where(s => s.TraceId == apply!.TraceId).ToList();
        }

        // The ingestor's span is the child of the HTTP request's span, across Kafka.
        var request = trace.SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName.Contains("/v1/events", StringComparison.Ordinal));
        Assert.True(request is not null, "no request span in the trace: " + string.Join(", ", trace.Select(s => $"{s.Source.Name}/{s.DisplayName}")));
        Assert.Equal(ActivityKind.Consumer, apply!.Kind);
        Assert.NotEqual(default, apply.ParentSpanId);
        Assert.Equal(CraftCXTelemetry.IngestionSource, apply.Source.Name);

        // And the conversation grain's call is the ingestor's child (Orleans' activity propagation).
        Assert.Contains(trace, s => s.ParentSpanId == apply.SpanId && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.DisplayName.Contains("ConversationGrain", StringComparison.Ordinal));

        // Further down, the delivery to the aggregates, the workspace's score-log append and the live hub's send are
        // batched: each links to the trace.
        foreach (var (name, source, kind) in new[] { ("craftcx.aggregate.flush", "CraftCX.Aggregation", ActivityKind.Client), ("craftcx.scores.append", "CraftCX.ScoreLog", ActivityKind.Producer), ("craftcx.live.send", "CraftCX.Live", ActivityKind.Producer) })
        {
            var linked = await Eventually.ReturnsAsync(
                () =>
                {
                    tracer.ForceFlush();
                    lock (spans)
                    {
                        return spans.FirstOrDefault(s => s.OperationName == name && s.Links.Any(l => l.Context.TraceId == apply.TraceId));
                    }
                },
                s => s is not null,
                TimeSpan.FromSeconds(30),
                $"a {name} span linked to the event's trace");
            Assert.Equal(source, linked!.Source.Name);
            Assert.Equal(kind, linked.Kind);
            Assert.Equal(tenant, linked.GetTagItem("craftcx.tenant"));
        }

        // The metrics route, behind the operator key: the ingestion counter has counted the event.
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.GetAsync("/metrics")).StatusCode);
        var metrics = await Eventually.ReturnsAsync(
            silo.ScrapeMetricsAsync,
            text => text.Contains("craftcx_ingest_events", StringComparison.Ordinal) && text.Contains("craftcx_ingest_consumer_lag", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the ingestion counter and the consumer lag on /metrics");
        Assert.Matches(@"craftcx_ingest_events_total\{[^}]*outcome=""applied""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"craftcx_ingest_latency[^{]*_count\{[^}]*\} [1-9]", metrics);

        // The libraries' own meters are exported beside the project's: ASP.NET Core, Kestrel, SignalR and Orleans.
        Assert.Matches(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/v1/events""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"kestrel_[a-z_]+\{", metrics);
        Assert.Matches(@"signalr_server_[a-z_]+\{", metrics);
        Assert.Matches(@"(?m)^orleans_[a-z_]+(\{[^}]*\})? [1-9]", metrics);

        // A record that is not an event goes to the dead-letter topic and is counted by its reason.
        using (var producer = new Confluent.Kafka.ProducerBuilder<byte[]?, byte[]>(new Confluent.Kafka.ProducerConfig { BootstrapServers = silo.App.Services.GetRequiredService<CraftCX.Silo.Kafka.KafkaBootstrap>().BootstrapServers }).Build())
        {
            await producer.ProduceAsync("chat-events", new Confluent.Kafka.Message<byte[]?, byte[]> { Key = "t-telemetry/broken"u8.ToArray(), Value = "{not json"u8.ToArray() });
        }

        Assert.Single(silo.ReadDeadLetters(1, TimeSpan.FromSeconds(30)));
        await Eventually.ReturnsAsync(
            silo.ScrapeMetricsAsync,
            text => System.Text.RegularExpressions.Regex.IsMatch(text, @"craftcx_ingest_dead_lettered_total\{[^}]*reason=""[a-z_-]+""[^}]*\} [1-9]"),
            TimeSpan.FromSeconds(30),
            "the dead letter counted by its reason on /metrics");

        // Aggregation, the live side and the stream moved too.
        var moved = await Eventually.ReturnsAsync(
            silo.ScrapeMetricsAsync,
            text => text.Contains("craftcx_live_messages_total", StringComparison.Ordinal) && text.Contains("craftcx_aggregate_write_duration", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the live and aggregation metrics on /metrics");
        Assert.Matches(@"craftcx_aggregate_flush_contributions[^{]*_count\{[^}]*level=""tenant""[^}]*\} [1-9]", moved);
        Assert.Matches(@"craftcx_aggregate_write_duration[^{]*_count\{[^}]*level=""workspace""[^}]*\} [1-9]", moved);
        Assert.Matches(@"craftcx_live_messages_total\{[^}]*kind=""[a-z-]+""[^}]*\} [1-9]", moved);
        Assert.Matches(@"craftcx_stream_clients[^{\n]*(\{[^}]*\})? 1(\n|$)", moved);
        Assert.NotEmpty(dashboard.Received);

        // The lag of each partition this silo consumes, from librdkafka's statistics: all read, so 0.
        // Offsets are committed after the aggregates' writes, so the lag reaches 0 a moment after the event applied.
        // (Only this silo's own meters are exported, however many silos the test process holds.)
        static string LagLines(string text) => string.Join("\n", text.Split('\n').Where(l => l.StartsWith("craftcx_ingest_consumer_lag", StringComparison.Ordinal)));
        await Eventually.ReturnsAsync(
            async () => LagLines(await silo.ScrapeMetricsAsync()),
            lines => System.Text.RegularExpressions.Regex.IsMatch(lines, @"craftcx_ingest_consumer_lag[^{]*\{[^}]*partition=""\d+""[^}]*topic=""chat-events""[^}]*\} 0(\n|$)"),
            TimeSpan.FromSeconds(30),
            "a consumed partition's lag at 0 on /metrics");
    }
}
