using System.Collections.Concurrent;
using System.Diagnostics;
using CraftCX.Silo.Ingestion;

namespace CraftCX.Benchmarks;

/// <summary>
/// Where the live latency goes: each produced event gets a trace of its own, and the product's spans (which
/// continue or link to their events' traces) tell when each stage first had the event, measured from produce.
/// </summary>
internal sealed class LatencyBreakdown : IDisposable
{
    /// <summary>The stages in pipeline order: a span's name (and its aggregate level) and which of its edges counts.</summary>
    private static readonly (string Stage, string Span, string? Level, bool End)[] Stages =
    [
        ("lane starts the apply (consume + lane queue)", "craftcx.ingest.apply", null, false),
        ("conversation grain applied", "craftcx.ingest.apply", null, true),
        ("batcher sends to the workspace", "craftcx.aggregate.flush", "Workspace", false),
        ("workspace applied and published", "craftcx.aggregate.flush", "Workspace", true),
        ("score log append starts", "craftcx.scores.append", null, false),
        ("score log append acknowledged", "craftcx.scores.append", null, true),
        ("hub bridge sends (stream delivery + coalescing)", "craftcx.live.send", null, false),
    ];

    private readonly ConcurrentDictionary<ActivityTraceId, long> _produced = new();
    private readonly ConcurrentDictionary<(ActivityTraceId Trace, int Stage), long> _reached = new();
    private readonly ActivityListener _listener;

    public LatencyBreakdown()
    {
        _listener = new ActivityListener
        {
            // Orleans' own sources too: without a listener its grain calls do not carry the caller's span on.
            ShouldListenTo = source => source.Name.StartsWith("CraftCX.", StringComparison.Ordinal) || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A new trace for an event about to be produced: its W3C traceparent header, with the produce time kept.</summary>
    public string Start()
    {
        var trace = ActivityTraceId.CreateRandom();
        _produced[trace] = Stopwatch.GetTimestamp();
        return $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }

    /// <summary>Per stage, in order: p50 and p99 from produce, and how many events it saw (links are capped per span).</summary>
    public IEnumerable<string> Report()
    {
        for (var i = 0; i < Stages.Length; i++)
        {
            var histogram = new LatencyHistogram();
            foreach (var ((trace, stage), at) in _reached)
            {
                if (stage == i && _produced.TryGetValue(trace, out var produced))
                {
                    histogram.Record(Stopwatch.GetElapsedTime(produced, at));
                }
            }

            yield return $"  {Stages[i].Stage}: p50 {histogram.PercentileMs(0.5):0.0} ms, p99 {histogram.PercentileMs(0.99):0.0} ms ({histogram.Count} events)";
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity activity)
    {
        var end = Stopwatch.GetTimestamp();
        var start = end - (long)(activity.Duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < Stages.Length; i++)
        {
            var (_, span, level, atEnd) = Stages[i];
            if (activity.OperationName != span || (level is not null && activity.GetTagItem("craftcx.level") as string != level))
            {
                continue;
            }

            Reach(activity.TraceId, i, atEnd ? end : start);
            foreach (var link in activity.Links)
            {
                Reach(link.Context.TraceId, i, atEnd ? end : start);
            }
        }
    }

    // The first time counts: a retry or a second aggregate level does not make an event later.
    private void Reach(ActivityTraceId trace, int stage, long at)
    {
        if (_produced.ContainsKey(trace))
        {
            _reached.AddOrUpdate((trace, stage), at, (_, earlier) => Math.Min(earlier, at));
        }
    }
}
